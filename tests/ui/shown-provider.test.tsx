import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { EventDesk } from '../../src/app/event-desk';
import type { ViewState } from '../../src/projections/view-projection';
import type { DeskStore } from '../../src/store/desk-store';
import { DeskContext, ShownProvider, useShown } from '../../src/store/use-desk';

/** Only what ShownProvider reads of the desk's store; the view is a stand-in (the probe shows the cursor). */
function fakeStore(): DeskStore {
  return createStore(() => ({ cursor: 10, view: {} as ViewState, live: true })) as unknown as DeskStore;
}

function ShownSeq() {
  return <output aria-label="shown">{useShown((s) => s.cursor)}</output>;
}

const microtasks = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('what the views show', () => {
  // These updates come from outside React on purpose (a store update, as the desk makes them): no act().
  const actEnv = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  let wasActEnv: boolean | undefined;
  beforeEach(() => {
    wasActEnv = actEnv.IS_REACT_ACT_ENVIRONMENT;
  });
  afterEach(() => {
    actEnv.IS_REACT_ACT_ENVIRONMENT = wasActEnv;
  });

  function mount(store: DeskStore) {
    render(
      <DeskContext.Provider value={{ store, desk: {} as EventDesk }}>
        <ShownProvider>
          <ShownSeq />
        </ShownProvider>
      </DeskContext.Provider>,
    );
    actEnv.IS_REACT_ACT_ENVIRONMENT = false;
  }

  it('at the live head a new state is on screen in the same task as the store update, not after other work', async () => {
    const store = fakeStore();
    mount(store);
    expect(screen.getByLabelText('shown')).toHaveTextContent('10');
    store.setState({ cursor: 11, view: {} as ViewState });
    await microtasks();
    expect(screen.getByLabelText('shown')).toHaveTextContent('11');
  });

  it('in the past a new position renders in the background (the slider stays responsive), and is shown after', async () => {
    const store = fakeStore();
    mount(store);
    store.setState({ live: false, cursor: 5, view: {} as ViewState });
    await microtasks();
    expect(screen.getByLabelText('shown')).toHaveTextContent('10');
    await waitFor(() => expect(screen.getByLabelText('shown')).toHaveTextContent('5'));
    actEnv.IS_REACT_ACT_ENVIRONMENT = true;
    act(() => store.setState({ live: true, cursor: 12, view: {} as ViewState }));
    expect(screen.getByLabelText('shown')).toHaveTextContent('12');
  });
});
