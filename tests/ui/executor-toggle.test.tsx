import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import { createDeskStore, startDesk, type DeskStore } from '../../src/store/desk-store';
import { DeskContext } from '../../src/store/use-desk';
import { ExecutorToggle } from '../../src/ui/executor-toggle';

let desk: EventDesk;
let store: DeskStore;

beforeEach(async () => {
  localStorage.clear();
  localStorage.setItem('eventdesk.language', 'en');
  desk = new EventDesk({ dbName: 'ui-' + Math.random(), runExecutor: false });
  store = createDeskStore(desk);
  await startDesk(desk, store);
  render(
    <DeskContext.Provider value={{ store, desk }}>
      <ExecutorToggle />
    </DeskContext.Provider>,
  );
});

afterEach(() => desk.close());

const state = () => screen.getByRole('status', { name: 'Executor' });

describe('ExecutorToggle', () => {
  it('a tab that does not run the executor says so on screen, not only in a tooltip', () => {
    act(() => store.setState({ leader: false, executorPaused: false }));
    expect(state()).toHaveTextContent('Executor runs in another tab');
    expect(state()).not.toHaveTextContent(/^Executor running$/);
    act(() => store.setState({ executorPaused: true }));
    expect(state()).toHaveTextContent('Executor paused (it runs in another tab)');
    act(() => store.getState().setLanguage('ko'));
    expect(state()).toHaveTextContent('실행기 멈춤 (다른 탭에서 실행)');
    act(() => store.setState({ executorPaused: false }));
    expect(state()).toHaveTextContent('실행기는 다른 탭에서 동작 중');
  });

  it('the tab that runs the executor says it is running or paused', () => {
    act(() => store.setState({ leader: true, executorPaused: false }));
    expect(state()).toHaveTextContent(/^Executor running$/);
    act(() => store.setState({ executorPaused: true }));
    expect(state()).toHaveTextContent(/^Executor paused$/);
  });
});
