import { createStore, type StoreApi } from 'zustand/vanilla';
import { cleanLabel, newBookmarkId, type Bookmark } from '../engine/bookmark-store';
import { newId } from '../engine/command-handler';
import type { StoredEvent } from '../engine/event-envelope';
import type { Command } from '../domain/commands';
import type { EventDesk } from '../app/event-desk';
import type { TimelineOverviewState } from '../projections/timeline-overview';
import { storageFailureOf, storageFailureRule, type IntegrityProblem } from '../app/integrity-problem';
import type { ViewState } from '../projections/view-projection';
import { detectLanguage, saveLanguage, type Language } from './language';
import { whatIfActions, type ReplayView, type WhatIfMark } from './what-if-actions';

/**
 * UI state (cursor, live or past, filters, selection, language) and the
 * actions components dispatch. Plain Zustand vanilla store: no React here.
 */
export interface DeskState {
  phase: 'starting' | 'ready' | 'failed';
  /** Rebuild / start-up progress; null when idle. */
  progress: { done: number; total: number } | null;
  startError: string | null;
  /** Bumped when the whole log is replaced (import): views drop what they cached of the old log. */
  logEpoch: number;
  /** Number of events in the log (= seq of the last one). */
  head: number;
  /** Where the slider points (moves at once while dragging). */
  target: number;
  /** Position of the state on display: the view shows the state after event `cursor` (0 = before the first). Catches up with `target`. */
  cursor: number;
  /** Following the head. False while the user looks at the past. */
  live: boolean;
  /** Every view's state at the cursor. */
  view: ViewState;
  /** The event at the cursor (for its time); null at 0. */
  cursorEvent: StoredEvent | null;
  commandError: string | null;
  /** The domain rule the last command broke, with its figures (views say it in the user's language); null otherwise. */
  commandErrorRule: CommandErrorRule | null;
  commandBusy: boolean;
  playing: boolean;
  /** Events per second while playing. */
  playSpeed: number;
  executorPaused: boolean;
  leader: boolean;
  filters: { type: string; stream: string };
  selectedOrderId: string | null;
  language: Language;
  /** Comparing two points: A is fixed where it was marked, B is the slider (or pinned while visiting the range's events). */
  compare: CompareMark | null;
  /** Seq of the event whose "Revert…" dialog is open; null when closed. */
  revertSeq: number | null;
  /** Every bookmark, by position. */
  bookmarks: Bookmark[];
  /** Markers and density of the whole log (from the live state, whatever the cursor). */
  overview: TimelineOverviewState | null;
  /** Damaged, lost or cleared storage, announced with the ways back; null when all is well. */
  problem: IntegrityProblem | null;
  /** The open what-if sandbox (the views show its branch, commands go to it); null when none. */
  whatIf: WhatIfMark | null;
  /** "Replay on live" being checked, waiting for confirmation, or its outcome; null when none. */
  replay: ReplayView | null;
}

export interface CompareMark {
  a: number;
  /** Every view's state after event `a`: the range (A, B] is folded over it. */
  view: ViewState;
  /** B while the slider visits events inside the range from the compare panel; null = B is the slider. */
  pinnedB: number | null;
}

export interface DeskActions {
  seek(seq: number): void;
  step(delta: number): void;
  goLive(): void;
  /**
   * Sends a command. `commandId` names the user's intent, taken when the action
   * started: sending the same intent again (double-click, Enter held, a retry)
   * writes once; without it the command is a fresh intent. `causationId`: what
   * caused the command when not the user directly (a revert names the reverted event's ref).
   */
  dispatch(command: Command, options?: { causationId?: string; commandId?: string }): Promise<boolean>;
  openRevert(seq: number): void;
  closeRevert(): void;
  /** Moves the slider to the event a ref (stream@version) names. */
  jumpToRef(ref: string): Promise<void>;
  clearError(): void;
  loadDemo(): Promise<void>;
  play(): void;
  stopPlaying(): void;
  setPlaySpeed(eventsPerSecond: number): void;
  setExecutorPaused(paused: boolean): void;
  setFilters(filters: Partial<DeskState['filters']>): void;
  selectOrder(orderId: string | null): void;
  setLanguage(language: Language): void;
  /** Moves the slider to the last event at or before wall-clock time `at` (epoch ms). */
  seekToTime(at: number): Promise<void>;
  /** Marks A at the position on display; moving the slider then sets B. */
  startCompare(): void;
  closeCompare(): void;
  /** Moves the slider to an event inside the compared range, keeping the range as it is. */
  visitInCompare(seq: number): void;
  /** Bookmarks the slider's position; false (and the reason in commandError) when refused. */
  addBookmark(label: string): Promise<boolean>;
  removeBookmark(id: string): Promise<void>;
  /** Moves the slider to the next (1) or previous (-1) marker: a bookmark or a notable event. */
  jumpToMarker(dir: 1 | -1): Promise<void>;
  /** Accept a log shorter than this browser last had, and stop announcing it. */
  dismissLoss(): void;
  /** Opens a what-if sandbox forked at the position on display; the slider stays pinned there until it is left. */
  tryFromHere(): void;
  /** Leaves the sandbox, dropping everything tried in it, back to the fork in the real log. */
  discardWhatIf(): void;
  /** Checks which of the sandbox's commands the live log would take now (nothing written). */
  checkReplay(): Promise<void>;
  /** Appends the checked commands that pass to the live log and leaves the sandbox. */
  confirmReplay(): Promise<void>;
  /** Back from the replay check to the sandbox, or dismisses the replay's outcome. */
  closeReplay(): void;
}

export interface CommandErrorRule {
  rule: string;
  params: Record<string, string | number>;
}

/** A DomainRuleViolation's rule and figures (checked by name: it also arrives structured-cloned from other tabs). */
function ruleOf(e: unknown): CommandErrorRule | null {
  // Storage failures (quota, damaged or cleared log) too, so the UI can say them in the user's language.
  const storage = storageFailureOf(e);
  if (storage) return storageFailureRule(storage);
  if (!(e instanceof Error) || e.name !== 'DomainRuleViolation') return null;
  const v = e as Error & Partial<CommandErrorRule>;
  return typeof v.rule === 'string' ? { rule: v.rule, params: v.params ?? {} } : null;
}

export type DeskStore = StoreApi<DeskState & DeskActions>;

/**
 * Reads that only refresh what is on screen: if the database went away
 * meanwhile (the desk was closed, the tab is unloading) there is nothing to show.
 */
function ignoreAfterClose(): void {}

/** A fresh id for a user intent (see DeskActions.dispatch). */
export const newCommandId: () => string = newId;

export const PAST_ERROR = 'You are looking at the past. Go back to live to make changes.';

export function createDeskStore(desk: EventDesk, options: { storage?: Storage } = {}): DeskStore {
  const storage = options.storage ?? (typeof localStorage !== 'undefined' ? localStorage : undefined);
  let playTimer: ReturnType<typeof setInterval> | undefined;
  let cursorToken = 0;

  const store = createStore<DeskState & DeskActions>()((set, get) => {
    /** Moves the cursor and fetches that position's state; latest wins. */
    const moveTo = (seq: number, live: boolean) => {
      const head = get().head;
      const cursor = Math.max(0, Math.min(head, Math.round(seq)));
      const token = ++cursorToken;
      if (live || cursor === head) {
        set({ target: head, cursor: head, live: true, view: desk.live.state });
        if (head === 0) set({ cursorEvent: null });
        else
          desk.readRange(head, head).then(([e]) => {
            if (token === cursorToken) set({ cursorEvent: e ?? null });
          }, ignoreAfterClose);
      } else {
        // The slider moves now; the views follow when the state at that position is ready. The event at the
        // position (its time, for the bar and the chart's marker) comes in the same update: one render, not two.
        set({ target: cursor, live: false });
        const event = cursor === 0 ? Promise.resolve(null) : desk.readRange(cursor, cursor).then(([e]) => e ?? null, () => null);
        Promise.all([desk.seekTo(cursor), event]).then(([at, e]) => {
          if (at && token === cursorToken) set({ cursor: at.seq, view: at.state, cursorEvent: at.seq === 0 ? null : e?.seq === at.seq ? e : get().cursorEvent });
        }, ignoreAfterClose);
      }
    };

    const whatIf = whatIfActions(desk, set, get, { cancelMoves: () => void ++cursorToken, moveTo, ruleOf });

    /** The slider moved by the user: B follows it again. */
    const unpinCompare = () => {
      const compare = get().compare;
      if (compare && compare.pinnedB !== null) set({ compare: { ...compare, pinnedB: null } });
    };

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

      seek: (seq) => {
        // A what-if keeps the slider pinned at its fork.
        if (get().whatIf) return;
        get().stopPlaying();
        unpinCompare();
        moveTo(seq, false);
      },
      step: (delta) => get().seek(get().target + delta),
      goLive: () => {
        if (get().whatIf) return;
        get().stopPlaying();
        unpinCompare();
        moveTo(get().head, true);
      },

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

      play: () => {
        const { head, target } = get();
        if (playTimer || get().whatIf) return;
        // From the live end, play the whole history from the start.
        if (target >= head) moveTo(0, false);
        set({ playing: true });
        const fps = 20;
        let carry = 0;
        playTimer = setInterval(() => {
          carry += get().playSpeed / fps;
          const advance = Math.floor(carry);
          if (advance < 1) return;
          carry -= advance;
          const next = get().target + advance;
          if (next >= get().head) {
            get().stopPlaying();
            moveTo(get().head, true);
          } else moveTo(next, false);
        }, 1000 / fps);
      },
      stopPlaying: () => {
        if (playTimer) clearInterval(playTimer);
        playTimer = undefined;
        if (get().playing) set({ playing: false });
      },
      setPlaySpeed: (playSpeed) => set({ playSpeed }),

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

      seekToTime: async (at) => {
        if (get().whatIf) return;
        const seq = await desk.seqAtTime(at);
        if (seq >= get().head) get().goLive();
        else get().seek(seq);
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

      jumpToMarker: async (dir) => {
        if (get().whatIf) return;
        const seq = await desk.findMarker(get().target, dir).catch(() => null);
        if (seq === null) return;
        if (seq >= get().head) get().goLive();
        else get().seek(seq);
      },

      visitInCompare: (seq) => {
        if (get().whatIf) return;
        const compare = get().compare;
        get().stopPlaying();
        if (compare && compare.pinnedB === null) set({ compare: { ...compare, pinnedB: get().cursor } });
        moveTo(seq, false);
      },
      dismissLoss: () => desk.dismissLoss(),
      tryFromHere: whatIf.tryFromHere,
      discardWhatIf: whatIf.discardWhatIf,
      checkReplay: whatIf.checkReplay,
      confirmReplay: whatIf.confirmReplay,
      closeReplay: whatIf.closeReplay,
    };
  });

  const loadBookmarks = () => {
    desk.bookmarks.list().then((bookmarks) => store.setState({ bookmarks }), ignoreAfterClose);
  };
  desk.bookmarks.onChange(loadBookmarks);
  // Live updates from this tab, the executor and other tabs. In the past, the view stays where the user put it.
  desk.onLive((live) => {
    // A replaced log (import): positions in the old one mean nothing any more.
    if (store.getState().logEpoch !== desk.logEpoch) {
      // A what-if forked from the old log has no base any more.
      if (store.getState().whatIf) {
        desk.closeWhatIf();
        store.setState({ whatIf: null, replay: null, live: true });
      }
      store.setState({ logEpoch: desk.logEpoch, compare: null });
      loadBookmarks();
    }
    const s = store.getState();
    if (s.overview !== live.state.overview) store.setState({ overview: live.state.overview });
    // The real log moves on under a what-if; the views keep showing the branch.
    if (s.whatIf) {
      store.setState({ whatIf: { ...s.whatIf, liveHead: live.seq } });
      return;
    }
    if (s.live) {
      store.setState({ head: live.seq, target: live.seq, cursor: live.seq, view: live.state });
      if (live.seq > 0 && s.cursorEvent?.seq !== live.seq)
        desk.readRange(live.seq, live.seq).then(([e]) => {
          if (store.getState().live) store.setState({ cursorEvent: e ?? null });
        }, ignoreAfterClose);
    } else {
      store.setState({ head: live.seq });
    }
  });
  desk.onLeaderChange((leader) => store.setState({ leader }));
  desk.onProblem((problem) => store.setState({ problem }));
  if (store.getState().executorPaused) desk.executor.pause();

  // Pausing the executor in any tab pauses it in the leader.
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (e) => {
      if (e.key !== 'eventdesk.executorPaused') return;
      const paused = e.newValue === 'true';
      if (paused) desk.executor.pause();
      else desk.executor.resume();
      store.setState({ executorPaused: paused });
    });
  }
  return store;
}

/** Opens the desk and marks the store ready (or failed with a readable reason). */
export async function startDesk(desk: EventDesk, store: DeskStore): Promise<void> {
  try {
    const live = await desk.start();
    const bookmarks = await desk.bookmarks.list();
    store.setState({ bookmarks, overview: live.state.overview, phase: 'ready', progress: null, head: live.seq, target: live.seq, cursor: live.seq, live: true, view: live.state, leader: desk.isLeader });
    if (live.seq > 0) {
      const [e] = await desk.readRange(live.seq, live.seq);
      store.setState({ cursorEvent: e ?? null });
    }
  } catch (e) {
    store.setState({ phase: 'failed', startError: e instanceof Error ? e.message : String(e) });
  }
}
