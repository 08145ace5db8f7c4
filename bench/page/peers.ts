// Bench-only page: the peers a user would pick instead of EventDesk for time travel, driven with the same user
// actions (EventDesk's generated history, one action per event, folded by the same view projection):
//  - redux + @redux-devtools/instrument: Redux DevTools' time-travel core, unbounded history (its default);
//  - zustand + zundo: undo/redo history middleware, no limit (its default).
// Both keep every past state in memory. Never part of the app build (bench/run.mjs builds it).
import { instrument, ActionCreators } from '@redux-devtools/instrument';
import { produce } from 'immer';
import { legacy_createStore as createReduxStore, type Action } from 'redux';
import { temporal } from 'zundo';
import { createStore } from 'zustand/vanilla';
import { generateDemoHistory } from '../../src/domain/demo-data';
import { MY_WALLET } from '../../src/domain/streams';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { viewProjection, type ViewState } from '../../src/projections/view-projection';

type Peer = 'redux-devtools-instrument' | 'zustand-zundo';

interface EventAction extends Action<string> {
  event: StoredEvent;
}

/** One peer's store behind the four things the bench does with it. */
interface Driver {
  dispatch(event: StoredEvent): void;
  /** Number of past states it keeps. */
  history(): number;
  /** Shows past state `index` (0 = initial); returns the state. */
  jump(index: number): ViewState;
  /** Back to the newest state. */
  present(): void;
  state(): ViewState;
}

const fold = (state: ViewState, event: StoredEvent) => produce(state, (draft) => viewProjection.apply(draft as ViewState, event));

function reduxDriver(): Driver {
  const reducer = (state: ViewState = viewProjection.init(), action: EventAction) => (action.type.startsWith('@@') ? state : fold(state, action.event));
  const store = createReduxStore(reducer as never, instrument());
  const lifted = (store as unknown as { liftedStore: { dispatch(a: unknown): void; getState(): { computedStates: unknown[] } } }).liftedStore;
  return {
    dispatch: (event) => store.dispatch({ type: event.type, event } as never),
    history: () => lifted.getState().computedStates.length,
    jump(index) {
      lifted.dispatch(ActionCreators.jumpToState(index));
      return store.getState() as ViewState;
    },
    present: () => lifted.dispatch(ActionCreators.jumpToState(lifted.getState().computedStates.length - 1)),
    state: () => store.getState() as ViewState,
  };
}

function zundoDriver(): Driver {
  const store = createStore<{ view: ViewState; apply(e: StoredEvent): void }>()(
    temporal((set) => ({ view: viewProjection.init(), apply: (e: StoredEvent) => set((s) => ({ view: fold(s.view, e) })) })),
  );
  const t = () => store.temporal.getState();
  return {
    dispatch: (event) => store.getState().apply(event),
    history: () => t().pastStates.length + t().futureStates.length + 1,
    jump(index) {
      const now = t().pastStates.length;
      if (index < now) t().undo(now - index);
      else if (index > now) t().redo(index - now);
      return store.getState().view;
    },
    present() {
      const ahead = t().futureStates.length;
      if (ahead) t().redo(ahead);
    },
    state: () => store.getState().view,
  };
}

let events: StoredEvent[] = [];

/** Passbook lines after the first k events (every wallet event of "me" adds one). */
function walletLinesBefore(k: number): number {
  let n = 0;
  for (let i = 0; i < k; i++) if (events[i].streamId === MY_WALLET && WALLET_LINE.has(events[i].type)) n++;
  return n;
}
const WALLET_LINE = new Set(['PointsCharged', 'PointsDeducted', 'PointsRefunded']);
let driver: Driver | undefined;

const api = {
  async generate(n: number, seed: number) {
    // The same history as the EventDesk sections (bench.ts): same generator, same options, same seed.
    events = await generateDemoHistory({ seed, eventsTarget: n, startAt: Date.UTC(2026, 0, 1), quantityRange: [5_000, 50_000], batchSizeRange: [20, 100] });
    return events.length;
  },

  /** Dispatches the first n events (keeping back `spare` for the new-action figure); stops early past `budgetMs`. */
  load(peer: Peer, spare: number, budgetMs: number) {
    driver = peer === 'redux-devtools-instrument' ? reduxDriver() : zundoDriver();
    const n = events.length - spare;
    const t0 = performance.now();
    let i = 0;
    for (; i < n; i++) {
      driver.dispatch(events[i]);
      if ((i & 1023) === 0 && performance.now() - t0 > budgetMs) break;
    }
    return { dispatched: i, ms: performance.now() - t0, history: driver.history() };
  },

  /** Each of the spare events as one new action, timed alone (at the present). */
  newActions(from: number, count: number) {
    const d = driver!;
    d.present();
    const out: number[] = [];
    for (let i = from; i < Math.min(events.length, from + count); i++) {
      const t0 = performance.now();
      d.dispatch(events[i]);
      out.push(performance.now() - t0);
    }
    return out;
  },

  /**
   * Jumps to past states (index k = after the first k actions), each timed until the state there is in hand.
   * `wrong` counts jumps whose state is not the one after k actions (passbook length against the events).
   */
  jumps(indexes: number[]) {
    const d = driver!;
    const out: number[] = [];
    let wrong = 0;
    for (const index of indexes) {
      const t0 = performance.now();
      const s = d.jump(index);
      out.push(performance.now() - t0);
      if (s.passbook.lines.length !== walletLinesBefore(index)) wrong++;
    }
    d.present();
    return { ms: out, wrong };
  },

  /** Past states held right now (0 after a reload: the history lived only in this page's memory). */
  history: () => driver?.history() ?? 0,

  drop() {
    events = [];
    driver = undefined;
  },
};

(window as unknown as { __peers: typeof api }).__peers = api;
document.getElementById('status')!.textContent = 'peers page ready';
