import { CommandHandler, commandMeta, type CommandResult } from '../engine/command-handler';
import { DexieBookmarkStore } from '../engine/dexie/dexie-bookmark-store';
import { DexieCheckpointStore } from '../engine/dexie/dexie-checkpoint-store';
import { DexieEventStore } from '../engine/dexie/dexie-event-store';
import { DexieSnapshotStore } from '../engine/dexie/dexie-snapshot-store';
import { DexieSyncStateStore } from '../engine/dexie/dexie-sync-state-store';
import { EventDeskDb } from '../engine/dexie/eventdesk-db';
import type { NewEvent, StoredEvent } from '../engine/event-envelope';
import type { EventStore } from '../engine/event-store';
import { parseEventRef } from '../engine/event-ref';
import type { EventRegistry } from '../engine/event-registry';
import { EventDeskError, LogDamaged } from '../engine/errors';
import { SubscriptionRunner, type SubscriberStatus } from '../engine/subscription-runner';
import { lastSeqAtOrBefore } from '../engine/time-search';
import { TimeMachine, type PositionedState, type Progress } from '../engine/time-machine';
import { confirmedSnapshots } from '../engine/sync/confirmed-snapshots';
import { LogSync } from '../engine/sync/log-sync';
import { PendingLog } from '../engine/sync/pending-log';
import { browserTabChannel, browserTabs } from '../engine/sync/tab-coordination';
import { BookmarkSync, SyncedBookmarkStore } from '../engine/sync/bookmark-sync';
import { orderRenumbering, specFor, type Command } from '../domain/commands';
import { generateDemoHistory } from '../domain/demo-data';
import { createEventRegistry } from '../domain/events';
import type { Notification } from '../domain/notifications';
import { ME, MY_WALLET } from '../domain/streams';
import { walletDecider, type WalletState } from '../domain/wallet/wallet-decider';
import type { RangeFold } from '../projections/range-comparison';
import { SUMMARY_VERSION, summarizeRange, type RangeSummary } from '../projections/range-summary';
import { SegmentDigests } from '../engine/dexie/segment-digests';
import { viewProjection, type ViewState } from '../projections/view-projection';
import { findMarker } from './marker-search';
import { DEFAULT_EXECUTOR_CONFIG, Executor, type ExecutorConfig } from './executor';
import { localStorageHeadRecord, memoryHeadRecord, type HeadRecordStore } from './head-record';
import { damageProblem, StorageProblem, type IntegrityProblem } from './integrity-problem';
import { exportNdjson, type ExportProgress } from './ndjson-export';
import { requestLeadership } from './leadership';
import { SyncControl, type UpstreamFactory } from './sync/sync-control';
import { SharedSyncStatus, type SyncTabMessage } from './sync/shared-sync-status';
import { followDeskBookmarks, type BookmarkTabMessage } from './sync/desk-bookmarks';
import { replayCommands, WhatIfSandbox, type ReplayCheck, type WhatIfCommand } from './what-if';
import { deviceId, ExecutorLease } from './sync/executor-lease';
import { auditSubscriber, notificationsSubscriber, NOTIFICATIONS, AUDIT, type AuditEntry } from './subscribers';
import { foldRangeCondensed, makeSummariesLater, type ReadSummaries } from './range-summary-fold';
import { browserIdle, RangeSummaryWarmup, type WarmupReport } from './range-summary-warmup';

export interface EventDeskOptions {
  dbName?: string;
  executor?: Partial<ExecutorConfig>;
  snapshotInterval?: number;
  /** Start the executor as soon as this tab leads (default true). */
  runExecutor?: boolean;
  onProgress?: Progress;
  /** Where the last known head is kept outside IndexedDB (default: localStorage). */
  headRecord?: HeadRecordStore;
  /** Where this device's id (and, before v2 of the sync state, its sync settings) is kept (default localStorage). */
  storage?: Storage;
  /** How to reach a desk (default NATS over WebSocket); tests pass an in-memory desk. */
  upstreamFor?: UpstreamFactory;
  /** The executor lease's time to live (default EXECUTOR_LEASE_TTL_MS). */
  executorLeaseMs?: number;
}

/**
 * A comparison reads its range in pages of this many events, on multiples of
 * it (so on sealed-segment boundaries), several at once: each IndexedDB
 * transaction costs a round trip, and pages asked for together are fetched
 * while the earlier ones are decoded and folded (measured: 100k events read in
 * 4,000-event pages, one ahead, took twice as long as 4 pages of 25k at once).
 */
const RANGE_PAGE_EVENTS = 25_000;
/** Pages read ahead of the fold: bounds the decoded events held at once. */
const RANGE_PAGES_IN_FLIGHT = 4;
/** Compare's missing range summaries are made this long after the fold that missed them (its panel renders first). */
const MAKE_SUMMARIES_AFTER_MS = 50;

export type LiveListener = (live: PositionedState<ViewState>) => void;

/**
 * The application: wires the engine to the domain. No React here — the
 * Zustand store binds this to the UI.
 */
export class EventDesk {
  readonly registry: EventRegistry;
  readonly db: EventDeskDb;
  /** The confirmed log (everything, when sync is off). Subscribers and export read it. */
  readonly store: DexieEventStore;
  /** Compare's condensed sealed segments (range-summary.ts), kept in memory and in IndexedDB. */
  private readonly rangeSummaries: SegmentDigests<RangeSummary>;
  private readonly makeRangeSummaries: (first: number, last: number) => void;
  /** Makes the summaries still missing in idle time (range-summary-warmup.ts), so a first Compare finds them too. */
  private readonly summaryWarmup: RangeSummaryWarmup;
  /** What the views and commands use: the confirmed log + commands not yet synced (see engine/sync). */
  readonly log: PendingLog;
  readonly syncState: DexieSyncStateStore;
  readonly sync: LogSync;
  readonly syncControl: SyncControl;
  /** The sync status to show in this tab: the leading tab's, which alone runs the sync. */
  readonly syncStatus: SharedSyncStatus;
  /** With sync on, the executor runs only on the device holding the desk's lease. */
  readonly executorLease: ExecutorLease;
  readonly snapshots: DexieSnapshotStore;
  readonly checkpoints: DexieCheckpointStore;
  /** Labelled positions: beside the log, not in it; shared through the desk while sync is on. */
  readonly bookmarks: SyncedBookmarkStore;
  readonly bookmarkSync: BookmarkSync;
  private readonly stopBookmarkFollow: () => void;
  readonly timeMachine: TimeMachine<ViewState>;
  readonly handler: CommandHandler;
  readonly subscriptions: SubscriptionRunner;
  readonly executor: Executor;
  private readonly liveListeners = new Set<LiveListener>();
  private readonly leaderListeners = new Set<(leader: boolean) => void>();
  private stopAppendWatch: (() => void) | undefined;
  private resignLeadership: (() => void) | undefined;
  private leaderFlag = false;
  /** Counts replacements of the whole log (imports): what views cached of the old log is then invalid. */
  logEpoch = 0;
  private warmTimer: ReturnType<typeof setTimeout> | undefined;
  private warmIdle: number | undefined;
  private readonly headRecord: HeadRecordStore;
  private problemValue: IntegrityProblem | null = null;
  private readonly problemListeners = new Set<(p: IntegrityProblem | null) => void>();
  /** Set while this desk closes its own database (so that close is not taken for cleared site data). */
  private closing = false;
  /** The head this desk last wrote to the head record (0: none yet). */
  private recordedHead = 0;
  private subscriptionsStarted = false;
  /** The open what-if sandbox, whose branch the views read instead of the log; null when none. */
  private sandbox: WhatIfSandbox | null = null;

  constructor(private readonly options: EventDeskOptions = {}) {
    this.registry = createEventRegistry();
    this.db = new EventDeskDb(options.dbName ?? 'eventdesk');
    this.store = new DexieEventStore(this.db, this.registry);
    this.rangeSummaries = new SegmentDigests(this.store, this.registry, { key: SUMMARY_VERSION, make: summarizeRange });
    this.makeRangeSummaries = makeSummariesLater((first, last) => this.rangeSummaries.read(first, last), MAKE_SUMMARIES_AFTER_MS);
    this.summaryWarmup = new RangeSummaryWarmup({ missing: () => this.rangeSummaries.missing(), make: (first, last) => this.rangeSummaries.read(first, last) }, browserIdle);
    this.store.onAppended((head, { replaced }) => (replaced ? this.summaryWarmup.replaced() : this.summaryWarmup.appended(head)));
    this.headRecord =
      options.headRecord ?? (typeof localStorage !== 'undefined' ? localStorageHeadRecord(localStorage, this.db.name) : memoryHeadRecord());
    this.store.onDamage((e) => this.setProblem(damageProblem(e)));
    // The browser closes every connection when the site's data is cleared; Dexie would quietly reopen an empty database.
    // Dexie also closes for another tab's schema upgrade (a versionchange, announced just after the close): not a loss.
    let upgrading = false;
    this.db.on('versionchange', (e: IDBVersionChangeEvent) => {
      upgrading = (e.newVersion ?? 0) > 0;
    });
    this.db.on('close', () => {
      if (this.closing) return;
      setTimeout(() => {
        if (!upgrading && !this.closing) this.storageCleared();
      }, 0);
    });
    this.snapshots = new DexieSnapshotStore(this.db);
    this.checkpoints = new DexieCheckpointStore(this.db);
    const localBookmarks = new DexieBookmarkStore(this.db);
    this.syncState = new DexieSyncStateStore(`${this.db.name}-sync`);
    // Tabs of this browser share the pending tail: a command made in any tab is pushed by the leading one.
    this.log = new PendingLog(this.store, this.registry, this.syncState, browserTabs(this.db.name));
    this.sync = new LogSync({ log: this.log, state: this.syncState, redecide: (c) => specFor(c as Command), alternative: orderRenumbering, registry: this.registry });
    const storage = options.storage ?? (typeof localStorage !== 'undefined' ? localStorage : undefined);
    this.syncControl = new SyncControl(this.sync, {
      storageKey: `eventdesk.sync:${this.db.name}`,
      records: this.syncState,
      legacy: storage,
      upstreamFor: options.upstreamFor,
    });
    this.bookmarkSync = new BookmarkSync({ local: localBookmarks, outbox: this.syncState.bookmarkOutbox, confirmedSeq: () => this.sync.status.confirmedSeq });
    this.bookmarks = new SyncedBookmarkStore(localBookmarks, this.bookmarkSync, () => this.log.linked);
    this.stopBookmarkFollow = followDeskBookmarks({
      sync: this.sync,
      bookmarkSync: this.bookmarkSync,
      bookmarks: this.bookmarks,
      local: localBookmarks,
      outbox: this.syncState.bookmarkOutbox,
      records: this.syncState,
      tabs: browserTabChannel<BookmarkTabMessage>(`eventdesk-bookmarks:${this.db.name}`),
    });
    this.syncStatus = new SharedSyncStatus(this.sync, browserTabChannel<SyncTabMessage>(`eventdesk-sync:${this.db.name}`), {
      disconnect: () => this.syncControl.disconnect(),
    });
    this.executorLease = new ExecutorLease(this.sync, deviceId(storage, `eventdesk.device:${this.db.name}`), options.executorLeaseMs);
    this.timeMachine = new TimeMachine({
      store: this.log,
      snapshots: confirmedSnapshots(this.snapshots, this.log),
      projection: viewProjection,
      snapshotInterval: options.snapshotInterval,
    });
    this.handler = new CommandHandler(this.log);
    this.subscriptions = new SubscriptionRunner(this.store, this.checkpoints, [notificationsSubscriber(), auditSubscriber()]);
    this.executor = new Executor(
      this.handler,
      () => {
        const orders = this.timeMachine.live.state.orders;
        return orders.order.map((id) => orders.byId[id]);
      },
      { ...DEFAULT_EXECUTOR_CONFIG, ...options.executor },
    );
    this.executor.setGate(() => this.executorLease.mayRun());
  }

  /** Opens the log and brings the view to the head (snapshot + tail, or a rebuild with progress). */
  async start(): Promise<PositionedState<ViewState>> {
    await this.sync.restore();
    await this.syncControl.load();
    const live = await this.startViews();
    // When the browser is idle after the first screen, prepare the recent past for the slider.
    if (typeof requestIdleCallback === 'function') {
      this.warmTimer = setTimeout(() => {
        this.warmIdle = requestIdleCallback(
          () => {
            void this.timeMachine.warmRecent().catch(() => {});
            // The first command should not wait for the dedup index to load.
            void this.store.warmCommandIndex().catch(() => {});
            this.summaryWarmup.start();
          },
          { timeout: 5_000 },
        );
      }, 1_000);
    }
    // The durable log's head is recorded as it grows; the views follow the log they show (confirmed + pending).
    const stopHeadNote = this.store.onAppended((head, { replaced }) => this.noteHead(head, replaced));
    const stopViews = this.log.onAppended((_, { replaced }) => {
      // A failure here (the database closed under us) leaves the last good state on screen.
      (replaced ? this.restart() : this.refresh()).catch(() => {});
    });
    this.stopAppendWatch = () => {
      stopHeadNote();
      stopViews();
    };
    this.resignLeadership = requestLeadership(`eventdesk-leader:${this.db.name}`, () => {
      this.leaderFlag = true;
      // One tab cleans up: the staging area of an import that crashed or was closed mid-way.
      void this.store.discardStaleStaging();
      this.startBackground();
      for (const l of this.leaderListeners) l(true);
      // Sync runs in the leading tab only (one connection and one pending tail per browser); the others show its status.
      this.syncStatus.lead();
      void this.syncControl.resume();
    });
    return live;
  }

  /**
   * The views at the head — or, when the log is damaged, at the last intact
   * event — and the check against the head this browser last recorded.
   */
  private async startViews(): Promise<PositionedState<ViewState>> {
    const live = await this.foldViews(false);
    this.primeWallet(live.state);
    const head = await this.store.headSeq();
    const recorded = this.headRecord.read();
    if (recorded && recorded.head > head) {
      this.recordedHead = recorded.head;
      this.setProblem({ kind: 'lost', expected: recorded.head, found: head });
    } else this.noteHead(head, false);
    return live;
  }

  /** Folds the views from what is stored; on damage, up to the last intact event (and says so). */
  private async foldViews(reset: boolean): Promise<PositionedState<ViewState>> {
    const { onProgress } = this.options;
    try {
      return await (reset ? this.timeMachine.reset(onProgress) : this.timeMachine.start(onProgress));
    } catch (e) {
      if (!(e instanceof LogDamaged)) throw e;
      this.setProblem(damageProblem(e));
      return this.timeMachine.reset(onProgress, e.from - 1);
    }
  }

  /** What is wrong with storage right now, or null. */
  get problem(): IntegrityProblem | null {
    return this.problemValue;
  }

  onProblem(listener: (p: IntegrityProblem | null) => void): () => void {
    this.problemListeners.add(listener);
    return () => this.problemListeners.delete(listener);
  }

  /** The user accepts a shorter log ("start from here"): the record follows the log again. */
  dismissLoss(): void {
    if (this.problemValue?.kind !== 'lost') return;
    this.setProblem(null);
    void this.store.headSeq().then((head) => this.writeHeadRecord(head, true), () => {});
  }

  /** The intact part of a damaged log (events before the damage), as NDJSON. */
  async exportReadable(onProgress?: ExportProgress): Promise<Blob> {
    const p = this.problemValue;
    const bookmarks = await this.bookmarks.list().catch(() => []);
    return exportNdjson(this.store, onProgress, { bookmarks, ...(p?.kind === 'damaged' ? { to: p.from - 1 } : {}) });
  }

  private setProblem(problem: IntegrityProblem | null): void {
    const current = this.problemValue;
    // A damaged log outranks a shorter one; cleared site data outranks both.
    if (problem && current && rank(current) > rank(problem)) return;
    this.problemValue = problem;
    if (this.blocked()) {
      this.executor.stop();
      void this.executorLease.stop();
    }
    else this.startBackground();
    for (const l of this.problemListeners) l(problem);
  }

  private storageCleared(): void {
    if (this.problemValue?.kind === 'cleared') return;
    // No reopening: a write now would start a new, almost empty log under the user's feet.
    this.closing = true;
    this.db.close();
    this.closing = false;
    this.subscriptions.stop();
    this.setProblem({ kind: 'cleared', shown: this.timeMachine.live.seq });
  }

  /** Subscribers and the executor, in the leader, unless the log is damaged or gone: they would read or write past it. */
  private startBackground(): void {
    if (!this.leaderFlag || this.blocked()) return;
    if (!this.subscriptionsStarted) {
      this.subscriptionsStarted = true;
      // The desk may close while checkpoints load (a tab shut at once): nothing to deliver then.
      void this.subscriptions.start().catch(() => {});
    }
    if (this.options.runExecutor !== false) {
      this.executorLease.start();
      this.executor.start();
    }
  }

  /** Commands and demo data wait until a damaged or cleared log is dealt with. */
  private blocked(): boolean {
    const kind = this.problemValue?.kind;
    return kind === 'damaged' || kind === 'cleared';
  }

  private guard(): void {
    // localStorage is cleared with the site's data too: a record this desk wrote that vanished means the log went with it.
    if (this.recordedHead > 0 && !this.problemValue && this.headRecord.read() === null) this.storageCleared();
    if (this.blocked()) throw new StorageProblem(this.problemValue!);
  }

  private noteHead(head: number, replaced: boolean): void {
    const p = this.problemValue;
    if (p?.kind === 'lost' && (replaced || head >= p.expected)) this.setProblem(null);
    if (this.problemValue?.kind === 'lost') return;
    this.writeHeadRecord(head, replaced);
  }

  private writeHeadRecord(head: number, replaced: boolean): void {
    const recorded = this.headRecord.read()?.head ?? 0;
    // Only ever forward, except when the log was replaced on purpose (import).
    if (head > recorded || replaced) this.headRecord.write(head);
    this.recordedHead = Math.max(head, replaced ? head : this.recordedHead);
  }

  get isLeader(): boolean {
    return this.leaderFlag;
  }

  onLeaderChange(listener: (leader: boolean) => void): () => void {
    this.leaderListeners.add(listener);
    return () => this.leaderListeners.delete(listener);
  }

  get live(): PositionedState<ViewState> {
    return this.timeMachine.live;
  }

  onLive(listener: LiveListener): () => void {
    this.liveListeners.add(listener);
    return () => this.liveListeners.delete(listener);
  }

  /**
   * Runs a user command; resolves once it is durable and the live view includes it.
   * `commandId` names the user's intent (given when the action started): sending it
   * again writes nothing and resolves with the first result (`duplicate: true`).
   * `causationId` names what caused it when that is not the command itself (a revert names the reverted event).
   */
  async dispatch(command: Command, actor = ME, commandId?: string, options: { causationId?: string } = {}): Promise<CommandResult> {
    this.guard();
    const result = await this.handler.handle(specFor(command), { ...commandMeta(actor, undefined, commandId, options.causationId), command });
    // A duplicate's events do not continue the view: applyAppended then catches up from the log.
    const live = await this.timeMachine.applyAppended(result.events);
    for (const l of this.liveListeners) l(live);
    return result;
  }

  /** What `command` would append now, without writing; throws the decider's refusal. */
  preview(command: Command): Promise<Record<string, NewEvent[]>> {
    if (this.sandbox) return this.sandbox.preview(command);
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
    this.guard();
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

  readRange(from: number, to: number): Promise<StoredEvent[]> {
    return this.viewLog().readRange(from, to);
  }

  /** What the views read: the what-if branch while one is open, else the log. */
  private viewLog(): EventStore {
    return this.sandbox?.branch ?? this.log;
  }

  get whatIf(): WhatIfSandbox | null {
    return this.sandbox;
  }

  /**
   * Opens a what-if sandbox forked after event `start.seq` (`start`: every
   * view's state there). Views then read its in-memory branch; nothing of it
   * is ever written to the log.
   */
  openWhatIf(start: PositionedState<ViewState>): WhatIfSandbox {
    this.guard();
    this.sandbox = new WhatIfSandbox(this.log, this.registry, start);
    // Positions after the fork now name other events: views drop what they cached.
    this.logEpoch++;
    return this.sandbox;
  }

  /** Leaves the sandbox; its branch is dropped with it. */
  closeWhatIf(): void {
    if (!this.sandbox) return;
    this.sandbox = null;
    this.logEpoch++;
  }

  /** Which of the sandbox's commands the live log would take now (nothing written). */
  checkWhatIfOnLive(): Promise<ReplayCheck> {
    if (!this.sandbox) return Promise.reject(new EventDeskError('No what-if is open.'));
    return this.sandbox.checkOnLive(this.log);
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
    const log = this.viewLog();
    // A what-if's events after its fork are not in the stored segments: no summaries there.
    const limit = this.sandbox ? this.sandbox.fork : to;
    const summaries: ReadSummaries = (first, last, options) => this.rangeSummaries.read(first, last, options);
    return this.summaryWarmup.during(foldRangeCondensed((from, end) => log.readRange(from, end), summaries, fold, to, current, limit, { pageEvents: RANGE_PAGE_EVENTS, inFlight: RANGE_PAGES_IN_FLIGHT }, this.makeRangeSummaries));
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
    return this.viewLog().readStream(streamId, { toSeq });
  }

  /** Subscribers ran on the real log only: in a what-if, what they produced up to the fork. */
  private subscriberSeq(toSeq: number): number {
    return this.sandbox ? Math.min(toSeq, this.sandbox.fork) : toSeq;
  }

  notifications(toSeq: number, limit = 50): Promise<Notification[]> {
    return this.checkpoints.outputs<Notification>(NOTIFICATIONS, { toSeq: this.subscriberSeq(toSeq), limit }).then((rows) => rows.map((r) => r.value));
  }

  auditTrail(toSeq: number, limit = 50): Promise<AuditEntry[]> {
    return this.checkpoints.outputs<AuditEntry>(AUDIT, { toSeq: this.subscriberSeq(toSeq), limit }).then((rows) => rows.map((r) => r.value));
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

  /**
   * The passbook has one line per event of the user's wallet stream, so the
   * wallet's decider state at the head is known without reading that stream —
   * which, a few events per order, is spread over the whole log.
   */
  private primeWallet(view: ViewState): void {
    const { lines, balance } = view.passbook;
    const charges: WalletState['charges'] = {};
    for (const l of lines) if (l.kind === 'charge' && l.reversedBy === undefined) charges[l.version] = { amount: l.in, description: l.description };
    this.handler.prime(MY_WALLET, walletDecider, lines.length, { opened: lines.length > 0, balance, charges });
  }

  /** The log was replaced (import, here or in another tab): rebuild the views from it. */
  async restart(): Promise<PositionedState<ViewState>> {
    this.handler.forget();
    this.logEpoch++;
    // A new log: damage found in the old one no longer applies (the start below looks again).
    if (this.problemValue?.kind === 'damaged') this.setProblem(null);
    const live = await this.foldViews(true);
    this.primeWallet(live.state);
    for (const l of this.liveListeners) l(live);
    return live;
  }

  /** Resolves once every sealed segment has a range summary (made in idle time after start); what that cost. */
  rangeSummariesReady(): Promise<WarmupReport> {
    return this.summaryWarmup.ready();
  }

  /** Catches the live view up with the log and tells listeners. */
  async refresh(): Promise<PositionedState<ViewState>> {
    const live = await this.timeMachine.catchUp();
    for (const l of this.liveListeners) l(live);
    return live;
  }

  close(): void {
    this.closing = true;
    clearTimeout(this.warmTimer);
    if (this.warmIdle !== undefined) cancelIdleCallback(this.warmIdle);
    this.summaryWarmup.stop();
    this.executor.stop();
    void this.executorLease.stop();
    this.subscriptions.stop();
    this.stopAppendWatch?.();
    this.resignLeadership?.();
    void this.sync.disconnect();
    this.syncStatus.close();
    this.stopBookmarkFollow();
    this.log.close();
    this.syncState.close();
    this.store.close();
  }
}

function rank(p: IntegrityProblem): number {
  return p.kind === 'cleared' ? 3 : p.kind === 'damaged' ? 2 : 1;
}
