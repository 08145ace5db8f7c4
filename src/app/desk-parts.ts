import { CommandHandler } from '../engine/command-handler';
import { DexieBookmarkStore } from '../engine/dexie/dexie-bookmark-store';
import { DexieCheckpointStore } from '../engine/dexie/dexie-checkpoint-store';
import { DexieEventStore } from '../engine/dexie/dexie-event-store';
import { DexieSnapshotStore } from '../engine/dexie/dexie-snapshot-store';
import { DexieSyncStateStore } from '../engine/dexie/dexie-sync-state-store';
import { EventDeskDb } from '../engine/dexie/eventdesk-db';
import type { EventRegistry } from '../engine/event-registry';
import { SubscriptionRunner } from '../engine/subscription-runner';
import { TimeMachine, type Progress } from '../engine/time-machine';
import { confirmedSnapshots } from '../engine/sync/confirmed-snapshots';
import { LogSync } from '../engine/sync/log-sync';
import { PendingLog } from '../engine/sync/pending-log';
import { browserTabChannel, browserTabs } from '../engine/sync/tab-coordination';
import { BookmarkSync, SyncedBookmarkStore } from '../engine/sync/bookmark-sync';
import { orderRenumbering, specFor, type Command } from '../domain/commands';
import { createEventRegistry } from '../domain/events';
import { SUMMARY_VERSION, summarizeRange, type RangeSummary } from '../projections/range-summary';
import { SegmentDigests } from '../engine/dexie/segment-digests';
import { viewProjection, type ViewState } from '../projections/view-projection';
import { DEFAULT_EXECUTOR_CONFIG, Executor, type ExecutorConfig } from './executor';
import type { HeadRecordStore } from './head-record';
import { SyncControl, type UpstreamFactory } from './sync/sync-control';
import { SharedSyncStatus, type SyncTabMessage } from './sync/shared-sync-status';
import { followDeskBookmarks, type BookmarkTabMessage } from './sync/desk-bookmarks';
import { deviceId, ExecutorLease } from './sync/executor-lease';
import { auditSubscriber, notificationsSubscriber } from './subscribers';
import { makeSummariesLater } from './range-summary-fold';
import { browserIdle, RangeSummaryWarmup } from './range-summary-warmup';

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

/** Compare's missing range summaries are made this long after the fold that missed them (its panel renders first). */
const MAKE_SUMMARIES_AFTER_MS = 50;

/** Everything EventDesk is made of, built and wired to each other (see EventDesk for what each is). */
export interface DeskParts {
  registry: EventRegistry;
  db: EventDeskDb;
  store: DexieEventStore;
  rangeSummaries: SegmentDigests<RangeSummary>;
  makeRangeSummaries: (first: number, last: number) => void;
  summaryWarmup: RangeSummaryWarmup;
  log: PendingLog;
  syncState: DexieSyncStateStore;
  sync: LogSync;
  syncControl: SyncControl;
  syncStatus: SharedSyncStatus;
  executorLease: ExecutorLease;
  snapshots: DexieSnapshotStore;
  checkpoints: DexieCheckpointStore;
  bookmarks: SyncedBookmarkStore;
  bookmarkSync: BookmarkSync;
  stopBookmarkFollow: () => void;
  timeMachine: TimeMachine<ViewState>;
  handler: CommandHandler;
  subscriptions: SubscriptionRunner;
  executor: Executor;
}

/** Builds the desk's parts from its options: the stores on one database, the sync around the log, the views and the executor. */
export function buildDeskParts(options: EventDeskOptions): DeskParts {
  const registry = createEventRegistry();
  const db = new EventDeskDb(options.dbName ?? 'eventdesk');
  const store = new DexieEventStore(db, registry);
  const rangeSummaries = new SegmentDigests(store, registry, { key: SUMMARY_VERSION, make: summarizeRange });
  const makeRangeSummaries = makeSummariesLater((first, last) => rangeSummaries.read(first, last), MAKE_SUMMARIES_AFTER_MS);
  const summaryWarmup = new RangeSummaryWarmup({ missing: () => rangeSummaries.missing(), make: (first, last) => rangeSummaries.read(first, last) }, browserIdle);
  store.onAppended((head, { replaced }) => (replaced ? summaryWarmup.replaced() : summaryWarmup.appended(head)));
  const snapshots = new DexieSnapshotStore(db);
  const checkpoints = new DexieCheckpointStore(db);
  const localBookmarks = new DexieBookmarkStore(db);
  const syncState = new DexieSyncStateStore(`${db.name}-sync`);
  // Tabs of this browser share the pending tail: a command made in any tab is pushed by the leading one.
  const log = new PendingLog(store, registry, syncState, browserTabs(db.name));
  const sync = new LogSync({ log, state: syncState, redecide: (c) => specFor(c as Command), alternative: orderRenumbering, registry });
  const storage = options.storage ?? (typeof localStorage !== 'undefined' ? localStorage : undefined);
  const syncControl = new SyncControl(sync, {
    storageKey: `eventdesk.sync:${db.name}`,
    records: syncState,
    legacy: storage,
    upstreamFor: options.upstreamFor,
  });
  const bookmarkSync = new BookmarkSync({ local: localBookmarks, outbox: syncState.bookmarkOutbox, confirmedSeq: () => sync.status.confirmedSeq });
  const bookmarks = new SyncedBookmarkStore(localBookmarks, bookmarkSync, () => log.linked);
  const stopBookmarkFollow = followDeskBookmarks({
    sync,
    bookmarkSync,
    bookmarks,
    local: localBookmarks,
    outbox: syncState.bookmarkOutbox,
    records: syncState,
    tabs: browserTabChannel<BookmarkTabMessage>(`eventdesk-bookmarks:${db.name}`),
  });
  const syncStatus = new SharedSyncStatus(sync, browserTabChannel<SyncTabMessage>(`eventdesk-sync:${db.name}`), {
    disconnect: () => syncControl.disconnect(),
  });
  const executorLease = new ExecutorLease(sync, deviceId(storage, `eventdesk.device:${db.name}`), options.executorLeaseMs);
  const timeMachine = new TimeMachine({
    store: log,
    snapshots: confirmedSnapshots(snapshots, log),
    projection: viewProjection,
    snapshotInterval: options.snapshotInterval,
  });
  const handler = new CommandHandler(log);
  const subscriptions = new SubscriptionRunner(store, checkpoints, [notificationsSubscriber(), auditSubscriber()]);
  const executor = new Executor(
    handler,
    () => {
      const orders = timeMachine.live.state.orders;
      return orders.order.map((id) => orders.byId[id]);
    },
    { ...DEFAULT_EXECUTOR_CONFIG, ...options.executor },
  );
  executor.setGate(() => executorLease.mayRun());
  return {
    registry, db, store, rangeSummaries, makeRangeSummaries, summaryWarmup, log, syncState, sync, syncControl, syncStatus, executorLease,
    snapshots, checkpoints, bookmarks, bookmarkSync, stopBookmarkFollow, timeMachine, handler, subscriptions, executor,
  };
}
