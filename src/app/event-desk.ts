import { commandMeta, type CommandHandler, type CommandResult } from '../engine/command-handler';
import type { DexieCheckpointStore } from '../engine/dexie/dexie-checkpoint-store';
import type { DexieEventStore } from '../engine/dexie/dexie-event-store';
import type { DexieSnapshotStore } from '../engine/dexie/dexie-snapshot-store';
import type { DexieSyncStateStore } from '../engine/dexie/dexie-sync-state-store';
import type { EventDeskDb } from '../engine/dexie/eventdesk-db';
import type { NewEvent, StoredEvent } from '../engine/event-envelope';
import { parseEventRef } from '../engine/event-ref';
import type { EventRegistry } from '../engine/event-registry';
import { EventDeskError } from '../engine/errors';
import type { SubscriptionRunner, SubscriberStatus } from '../engine/subscription-runner';
import { lastSeqAtOrBefore } from '../engine/time-search';
import type { TimeMachine, PositionedState } from '../engine/time-machine';
import type { LogSync } from '../engine/sync/log-sync';
import type { PendingLog } from '../engine/sync/pending-log';
import type { BookmarkSync, SyncedBookmarkStore } from '../engine/sync/bookmark-sync';
import { specFor, type Command } from '../domain/commands';
import { generateDemoHistory } from '../domain/demo-data';
import type { Notification } from '../domain/notifications';
import { ME } from '../domain/streams';
import type { RangeFold } from '../projections/range-comparison';
import type { RangeSummary } from '../projections/range-summary';
import type { SegmentDigests } from '../engine/dexie/segment-digests';
import type { ViewState } from '../projections/view-projection';
import { findMarker } from './marker-search';
import type { Executor } from './executor';
import type { IntegrityProblem } from './integrity-problem';
import { IntegrityWatch } from './integrity-watch';
import { LeaderWork } from './leader-work';
import { LiveViews, type LiveListener } from './live-views';
import { buildDeskParts, type EventDeskOptions } from './desk-parts';
import { exportNdjson, type ExportProgress } from './ndjson-export';
import type { SyncControl } from './sync/sync-control';
import type { SharedSyncStatus } from './sync/shared-sync-status';
import { replayCommands, type ReplayCheck, type WhatIfCommand, type WhatIfSandbox } from './what-if';
import { WhatIfHost } from './what-if-host';
import type { ExecutorLease } from './sync/executor-lease';
import { NOTIFICATIONS, AUDIT, type AuditEntry } from './subscribers';
import { COMPARE_PAGING, foldRangeCondensed, type ReadSummaries } from './range-summary-fold';
import type { RangeSummaryWarmup, WarmupReport } from './range-summary-warmup';

export type { EventDeskOptions } from './desk-parts';

export type { LiveListener } from './live-views';

/**
 * The application: wires the engine to the domain. No React here — the
 * Zustand store binds this to the UI.
 */
export class EventDesk {
  // The parts (desk-parts.ts), each under its own name: assigned at once in the constructor.
  declare readonly registry: EventRegistry;
  declare readonly db: EventDeskDb;
  /** The confirmed log (everything, when sync is off). Subscribers and export read it. */
  declare readonly store: DexieEventStore;
  /** Compare's condensed sealed segments (range-summary.ts), kept in memory and in IndexedDB. */
  declare private readonly rangeSummaries: SegmentDigests<RangeSummary>;
  declare private readonly makeRangeSummaries: (first: number, last: number) => void;
  /** Makes the summaries still missing in idle time (range-summary-warmup.ts), so a first Compare finds them too. */
  declare private readonly summaryWarmup: RangeSummaryWarmup;
  /** What the views and commands use: the confirmed log + commands not yet synced (see engine/sync). */
  declare readonly log: PendingLog;
  declare readonly syncState: DexieSyncStateStore;
  declare readonly sync: LogSync;
  declare readonly syncControl: SyncControl;
  /** The sync status to show in this tab: the leading tab's, which alone runs the sync. */
  declare readonly syncStatus: SharedSyncStatus;
  /** With sync on, the executor runs only on the device holding the desk's lease. */
  declare readonly executorLease: ExecutorLease;
  declare readonly snapshots: DexieSnapshotStore;
  declare readonly checkpoints: DexieCheckpointStore;
  /** Labelled positions: beside the log, not in it; shared through the desk while sync is on. */
  declare readonly bookmarks: SyncedBookmarkStore;
  declare readonly bookmarkSync: BookmarkSync;
  declare private readonly stopBookmarkFollow: () => void;
  declare readonly timeMachine: TimeMachine<ViewState>;
  declare readonly handler: CommandHandler;
  declare readonly subscriptions: SubscriptionRunner;
  declare readonly executor: Executor;
  /** The views at the head, following the log and this tab's commands (live-views.ts). */
  private readonly views: LiveViews;
  private stopAppendWatch: (() => void) | undefined;
  /** The head record, cleared site data and damage (integrity-watch.ts). */
  private readonly integrity: IntegrityWatch;
  /** Idle warmups, and the subscribers, executor and sync of the leading tab (leader-work.ts). */
  private readonly leaderWork: LeaderWork;
  /** Counts replacements of the whole log (imports): what views cached of the old log is then invalid. */
  logEpoch = 0;
  /** The open what-if, whose branch the views read instead of the log (what-if-host.ts). */
  private readonly whatIfs: WhatIfHost;

  constructor(options: EventDeskOptions = {}) {
    const parts = buildDeskParts(options);
    Object.assign(this, parts);
    this.leaderWork = new LeaderWork(parts, { runExecutor: options.runExecutor, blocked: () => this.integrity.blocked() });
    this.integrity = new IntegrityWatch(this.db, this.store, options.headRecord, {
      changed: (blocked) => this.leaderWork.follow(blocked),
      cleared: () => this.subscriptions.stop(),
      shownSeq: () => this.timeMachine.live.seq,
    });
    this.whatIfs = new WhatIfHost(this.log, this.registry, () => this.logEpoch++);
    this.views = new LiveViews(this.timeMachine, this.handler, this.integrity, options.onProgress);
  }

  /** Opens the log and brings the view to the head (snapshot + tail, or a rebuild with progress). */
  async start(): Promise<PositionedState<ViewState>> {
    // The sync state (a database of its own) is read while the views fold the log: one after the other, its first
    // transactions (the database's opening among them) came before the log's (measured 316 → 391 ms of a 634 ms
    // cold start at 200k, loaded machine). Pending commands restored meanwhile are folded in just after.
    const [, folded] = await Promise.all([Promise.all([this.sync.restore(), this.syncControl.load()]), this.startViews()]);
    const live = this.log.pending.length > 0 ? await this.timeMachine.catchUp() : folded;
    this.leaderWork.scheduleWarmups();
    // The durable log's head is recorded as it grows; the views follow the log they show (confirmed + pending).
    const stopHeadNote = this.store.onAppended((head, { replaced }) => this.integrity.noteHead(head, replaced));
    const stopViews = this.log.onAppended((head, { replaced }) => {
      // A failure here (the database closed under us) leaves the last good state on screen.
      (replaced ? this.restart() : this.views.logAppended(head)).catch(() => {});
    });
    this.stopAppendWatch = () => {
      stopHeadNote();
      stopViews();
    };
    this.leaderWork.lead(this.db.name);
    return live;
  }

  /**
   * The views at the head — or, when the log is damaged, at the last intact
   * event — and the check against the head this browser last recorded.
   */
  private async startViews(): Promise<PositionedState<ViewState>> {
    const live = await this.views.fold(false);
    this.integrity.checkHead(await this.store.headSeq());
    return live;
  }

  /** What is wrong with storage right now, or null. */
  get problem(): IntegrityProblem | null {
    return this.integrity.problem;
  }

  onProblem(listener: (p: IntegrityProblem | null) => void): () => void {
    return this.integrity.onProblem(listener);
  }

  /** The user accepts a shorter log ("start from here"): the record follows the log again. */
  dismissLoss(): void {
    this.integrity.dismissLoss();
  }

  /** The intact part of a damaged log (events before the damage), as NDJSON. */
  async exportReadable(onProgress?: ExportProgress): Promise<Blob> {
    const p = this.integrity.problem;
    const bookmarks = await this.bookmarks.list().catch(() => []);
    return exportNdjson(this.store, onProgress, { bookmarks, ...(p?.kind === 'damaged' ? { to: p.from - 1 } : {}) });
  }

  get isLeader(): boolean {
    return this.leaderWork.isLeader;
  }

  onLeaderChange(listener: (leader: boolean) => void): () => void {
    return this.leaderWork.onLeaderChange(listener);
  }

  get live(): PositionedState<ViewState> {
    return this.timeMachine.live;
  }

  onLive(listener: LiveListener): () => void {
    return this.views.onLive(listener);
  }

  /**
   * Runs a user command; resolves once it is durable and the live view includes it.
   * `commandId` names the user's intent (given when the action started): sending it
   * again writes nothing and resolves with the first result (`duplicate: true`).
   * `causationId` names what caused it when that is not the command itself (a revert names the reverted event).
   */
  async dispatch(command: Command, actor = ME, commandId?: string, options: { causationId?: string } = {}): Promise<CommandResult> {
    this.integrity.guard();
    return this.views.command(() => this.handler.handle(specFor(command), { ...commandMeta(actor, undefined, commandId, options.causationId), command }));
  }

  /** What `command` would append now, without writing; throws the decider's refusal. */
  preview(command: Command): Promise<Record<string, NewEvent[]>> {
    const sandbox = this.whatIfs.current;
    if (sandbox) return sandbox.preview(command);
    return this.handler.decideOnly(specFor(command));
  }

  /** The event a ref (stream@version) names, or null when there is none. */
  async findEvent(ref: string): Promise<StoredEvent | null> {
    const r = parseEventRef(ref);
    if (!r) return null;
    const [e] = await this.store.readStream(r.streamId, { fromVersion: r.version });
    return e && e.version === r.version ? e : null;
  }

  /** Writes the demo history (every event accepted by the deciders) into an empty log. */
  async loadDemo(options: { seed?: number; orders?: number } = {}): Promise<number> {
    this.integrity.guard();
    if ((await this.store.headSeq()) > 0) throw new EventDeskError('Demo data can only be loaded into an empty log.');
    if ((await this.log.headSeq()) > 0) throw new EventDeskError('Demo data can only be loaded into an empty log.');
    const events = await generateDemoHistory({ seed: options.seed ?? 2026, orders: options.orders });
    await this.log.appendStored(events);
    await this.refresh();
    return events.length;
  }

  /** The view state at `seq` (latest wins; null when superseded). */
  seekTo(seq: number): Promise<PositionedState<ViewState> | null> {
    return this.summaryWarmup.during(this.timeMachine.seekTo(seq));
  }

  /** Background summaries wait while `work` (reading a file to import) runs: both at once can exceed a small device's heap. */
  holdBackgroundWhile<T>(work: Promise<T>): Promise<T> {
    return this.summaryWarmup.during(work);
  }

  readRange(from: number, to: number): Promise<StoredEvent[]> {
    return this.whatIfs.viewLog().readRange(from, to);
  }

  get whatIf(): WhatIfSandbox | null {
    return this.whatIfs.current;
  }

  /**
   * Opens a what-if sandbox forked after event `start.seq` (`start`: every
   * view's state there). Views then read its in-memory branch; nothing of it
   * is ever written to the log.
   */
  openWhatIf(start: PositionedState<ViewState>): WhatIfSandbox {
    this.integrity.guard();
    return this.whatIfs.open(start);
  }

  /** Leaves the sandbox; its branch is dropped with it. */
  closeWhatIf(): void {
    this.whatIfs.close();
  }

  /** Which of the sandbox's commands the live log would take now (nothing written). */
  checkWhatIfOnLive(): Promise<ReplayCheck> {
    return this.whatIfs.checkOnLive();
  }

  /**
   * Appends the checked commands to the live log, in order, each decided again
   * as it goes (the log may have moved since the check); the command ids stay
   * the branch's, so confirming twice writes once. Returns those the domain took.
   */
  replayOnLive(commands: readonly WhatIfCommand[]): ReturnType<typeof replayCommands> {
    return replayCommands(commands, (item) => this.dispatch(item.command, item.meta.actor, item.commandId));
  }

  /**
   * Feeds `fold` the events after its position up to `to` (see range-pages.ts).
   * False when `current()` said stop (a newer comparison replaced this one) before the end.
   */
  foldRange(fold: RangeFold, to: number, current: () => boolean = () => true): Promise<boolean> {
    const log = this.whatIfs.viewLog();
    const summaries: ReadSummaries = (first, last, options) => this.rangeSummaries.read(first, last, options);
    const read = (from: number, end: number) => log.readRange(from, end);
    return this.summaryWarmup.during(foldRangeCondensed(read, summaries, fold, to, current, this.whatIfs.storedUpTo(to), COMPARE_PAGING, this.makeRangeSummaries));
  }

  /** The nearest bookmark or notable event after (dir 1) or before (dir -1) position `from`; null when there is none. */
  async findMarker(from: number, dir: 1 | -1): Promise<number | null> {
    const live = this.live;
    const bookmarks = await this.bookmarks.list();
    return findMarker(this.store, live.state.overview, live.seq, bookmarks.map((b) => b.seq), from, dir);
  }

  /** The last event at or before wall-clock time `at` (epoch ms); 0 when the log starts later. */
  seqAtTime(at: number): Promise<number> {
    return lastSeqAtOrBefore(this.store, at);
  }

  readStream(streamId: string, toSeq?: number): Promise<StoredEvent[]> {
    return this.whatIfs.viewLog().readStream(streamId, { toSeq });
  }

  notifications(toSeq: number, limit = 50): Promise<Notification[]> {
    return this.checkpoints.outputs<Notification>(NOTIFICATIONS, { toSeq: this.whatIfs.subscriberSeq(toSeq), limit }).then((rows) => rows.map((r) => r.value));
  }

  auditTrail(toSeq: number, limit = 50): Promise<AuditEntry[]> {
    return this.checkpoints.outputs<AuditEntry>(AUDIT, { toSeq: this.whatIfs.subscriberSeq(toSeq), limit }).then((rows) => rows.map((r) => r.value));
  }

  subscriberStatus(): SubscriberStatus[] {
    return this.subscriptions.status();
  }

  async storageUse(): Promise<{ logBytes: number; snapshotBytes: number; snapshots: number }> {
    return {
      logBytes: await this.store.logBytes(),
      snapshotBytes: await this.snapshots.totalBytes(),
      snapshots: this.timeMachine.persistedSnapshots.length,
    };
  }

  /** The log was replaced (import, here or in another tab): rebuild the views from it. */
  async restart(): Promise<PositionedState<ViewState>> {
    this.handler.forget();
    this.logEpoch++;
    // A new log: damage found in the old one no longer applies (the start below looks again).
    if (this.integrity.problem?.kind === 'damaged') this.integrity.setProblem(null);
    const live = await this.views.fold(true);
    this.views.tell(live);
    return live;
  }

  /** Resolves once every sealed segment has a range summary (made in idle time after start); what that cost. */
  rangeSummariesReady(): Promise<WarmupReport> {
    return this.summaryWarmup.ready();
  }

  /** Catches the live view up with the log and tells listeners. */
  refresh(): Promise<PositionedState<ViewState>> {
    return this.views.refresh();
  }

  close(): void {
    this.integrity.markClosing();
    this.leaderWork.stop();
    this.stopAppendWatch?.();
    this.leaderWork.resign();
    void this.sync.disconnect();
    this.syncStatus.close();
    this.stopBookmarkFollow();
    this.log.close();
    this.syncState.close();
    this.store.close();
  }
}
