import { createStore } from 'zustand/vanilla';
import { cleanLabel, newBookmarkId } from '../engine/bookmark-store';
import { newId } from '../engine/command-handler';
import type { EventDesk } from '../app/event-desk';
import type { ViewState } from '../projections/view-projection';
import { detectLanguage, saveLanguage } from './language';
import { whatIfActions } from './what-if-actions';
import { sliderActions } from './slider-actions';
import { PAST_ERROR, ruleOf } from './command-errors';
import { bindDeskToStore } from './desk-bindings';
import type { DeskActions, DeskState, DeskStore } from './desk-state';

// Callers import the store's whole surface from here; each job lives in its own file beside this one.
export type { CommandErrorRule, CompareMark, DeskActions, DeskState, DeskStore } from './desk-state';
export { PAST_ERROR } from './command-errors';
export { startDesk } from './start-desk';

/** A fresh id for a user intent (see DeskActions.dispatch). */
export const newCommandId: () => string = newId;

export function createDeskStore(desk: EventDesk, options: { storage?: Storage } = {}): DeskStore {
  const storage = options.storage ?? (typeof localStorage !== 'undefined' ? localStorage : undefined);

  const store = createStore<DeskState & DeskActions>()((set, get) => {
    const slider = sliderActions(desk, set, get);
    const { moveTo } = slider;

    const whatIf = whatIfActions(desk, set, get, { cancelMoves: slider.cancelMoves, moveTo, ruleOf });

    return {
      phase: 'starting',
      progress: null,
      startError: null,
      logEpoch: 0,
      head: 0,
      target: 0,
      cursor: 0,
      live: true,
      view: undefined as unknown as ViewState,
      cursorEvent: null,
      commandError: null,
      commandErrorRule: null,
      commandBusy: false,
      playing: false,
      playSpeed: 50,
      executorPaused: storage?.getItem('eventdesk.executorPaused') === 'true',
      leader: false,
      filters: { type: '', stream: '' },
      selectedOrderId: null,
      language: detectLanguage(storage),
      compare: null,
      revertSeq: null,
      bookmarks: [],
      overview: null,
      problem: desk.problem,
      whatIf: null,
      replay: null,

      ...slider.actions,

      dispatch: async (command, options) => {
        if (get().whatIf) return whatIf.dispatchInWhatIf(command, options);
        if (!get().live) {
          set({ commandError: PAST_ERROR, commandErrorRule: null });
          return false;
        }
        set({ commandBusy: true, commandError: null, commandErrorRule: null });
        try {
          await desk.dispatch(command, undefined, options?.commandId, options);
          return true;
        } catch (e) {
          set({ commandError: e instanceof Error ? e.message : String(e), commandErrorRule: ruleOf(e) });
          return false;
        } finally {
          set({ commandBusy: false });
        }
      },
      clearError: () => set({ commandError: null, commandErrorRule: null }),
      openRevert: (revertSeq) => set({ revertSeq, commandError: null, commandErrorRule: null }),
      closeRevert: () => set({ revertSeq: null }),
      jumpToRef: async (ref) => {
        const e = await desk.findEvent(ref).catch(() => null);
        if (e) get().seek(e.seq);
      },

      loadDemo: async () => {
        set({ commandBusy: true, commandError: null, commandErrorRule: null });
        try {
          await desk.loadDemo();
        } catch (e) {
          set({ commandError: e instanceof Error ? e.message : String(e), commandErrorRule: ruleOf(e) });
        } finally {
          set({ commandBusy: false });
        }
      },

      setExecutorPaused: (paused) => {
        storage?.setItem('eventdesk.executorPaused', String(paused));
        if (paused) desk.executor.pause();
        else desk.executor.resume();
        set({ executorPaused: paused });
      },

      setFilters: (filters) => set({ filters: { ...get().filters, ...filters } }),
      selectOrder: (selectedOrderId) => set({ selectedOrderId }),
      setLanguage: (language) => {
        saveLanguage(storage, language);
        set({ language });
      },

      startCompare: () => {
        const sandbox = desk.whatIf;
        // In a what-if, A is the fork in the real history and B the branch: what the branch changed.
        if (sandbox) set({ compare: { a: sandbox.fork, view: sandbox.start.state, pinnedB: null } });
        else set({ compare: { a: get().cursor, view: get().view, pinnedB: null } });
      },
      closeCompare: () => set({ compare: null }),
      addBookmark: async (label) => {
        try {
          const { target, live, head, whatIf } = get();
          // Bookmarks name real positions: in a what-if, the fork.
          const seq = whatIf ? whatIf.fork : live ? head : target;
          await desk.bookmarks.put({ id: newBookmarkId(), seq, label: cleanLabel(label), createdAt: Date.now() });
          return true;
        } catch (e) {
          set({ commandError: e instanceof Error ? e.message : String(e) });
          return false;
        }
      },
      removeBookmark: async (id) => {
        try {
          await desk.bookmarks.remove(id);
        } catch (e) {
          set({ commandError: e instanceof Error ? e.message : String(e) });
        }
      },
      dismissLoss: () => desk.dismissLoss(),
      tryFromHere: whatIf.tryFromHere,
      discardWhatIf: whatIf.discardWhatIf,
      checkReplay: whatIf.checkReplay,
      confirmReplay: whatIf.confirmReplay,
      closeReplay: whatIf.closeReplay,
    };
  });

  bindDeskToStore(desk, store);
  return store;
}
