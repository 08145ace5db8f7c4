import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import { createDeskStore, startDesk } from '../../src/store/desk-store';
import { DeskContext } from '../../src/store/use-desk';
import { App } from '../../src/ui/app';
import { charge, closeDesks, eventCount, renderDesk } from './harness';

describe('first run', () => {
  beforeEach(() => localStorage.clear());
  afterEach(closeDesks);

  it('an empty log shows the welcome panel; "Load demo data" fills the log and the welcome goes away', async () => {
    const user = userEvent.setup();
    const h = await renderDesk();
    expect(screen.getByRole('heading', { name: 'Welcome to EventDesk' })).toBeInTheDocument();
    expect(eventCount()).toHaveTextContent(/^0$/);
    await user.click(screen.getByRole('button', { name: 'Load demo data' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Welcome to EventDesk' })).toBeNull(), { timeout: 20_000 });
    const head = await h.desk.store.headSeq();
    expect(head).toBeGreaterThan(100);
    expect(eventCount()).toHaveTextContent(head.toLocaleString('en-US'));
  }, 30_000);

  it('the welcome panel is not shown once the log has events', async () => {
    const h = await renderDesk();
    await h.seed(charge(10));
    expect(screen.queryByRole('heading', { name: 'Welcome to EventDesk' })).toBeNull();
  });

  it('while the desk starts, a loading state shows the rebuild progress', async () => {
    const desk = new EventDesk({ dbName: 'ui-' + Math.random(), runExecutor: false });
    const store = createDeskStore(desk);
    render(
      <DeskContext.Provider value={{ store, desk }}>
        <App />
      </DeskContext.Provider>,
    );
    expect(screen.getByRole('heading', { name: 'Opening the event log…' })).toBeInTheDocument();
    act(() => store.setState({ progress: { done: 45, total: 100 } }));
    expect(screen.getByRole('heading', { name: 'Rebuilding views… 45%' })).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Rebuild progress' })).toHaveAttribute('value', '45');
    expect(screen.queryByRole('slider', { name: 'Timeline' })).toBeNull();
    await act(() => startDesk(desk, store));
    expect(screen.getByRole('slider', { name: 'Timeline' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Welcome to EventDesk' })).toBeInTheDocument();
    desk.close();
  });
});
