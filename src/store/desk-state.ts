import type { StoreApi } from 'zustand/vanilla';
import type { Bookmark } from '../engine/bookmark-store';
import type { StoredEvent } from '../engine/event-envelope';
import type { Command } from '../domain/commands';
import type { TimelineOverviewState } from '../projections/timeline-overview';
import type { IntegrityProblem } from '../app/integrity-problem';
import type { ViewState } from '../projections/view-projection';
import type { Language } from './language';
import type { ReplayView, WhatIfMark } from './what-if-actions';

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

export type DeskStore = StoreApi<DeskState & DeskActions>;
