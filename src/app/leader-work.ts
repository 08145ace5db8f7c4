import type { DexieEventStore } from '../engine/dexie/dexie-event-store';
import type { SubscriptionRunner } from '../engine/subscription-runner';
import type { TimeMachine } from '../engine/time-machine';
import type { ViewState } from '../projections/view-projection';
import type { Executor } from './executor';
import { requestLeadership } from './leadership';
import type { RangeSummaryWarmup } from './range-summary-warmup';
import type { ExecutorLease } from './sync/executor-lease';
import type { SharedSyncStatus } from './sync/shared-sync-status';
import type { SyncControl } from './sync/sync-control';

/** The parts of the desk that the leading tab puts to work. */
export interface LeaderWorkParts {
  store: DexieEventStore;
  timeMachine: TimeMachine<ViewState>;
  summaryWarmup: RangeSummaryWarmup;
  subscriptions: SubscriptionRunner;
  executor: Executor;
  executorLease: ExecutorLease;
  syncStatus: SharedSyncStatus;
  syncControl: SyncControl;
}

/**
 * EventDesk's work beside the views: the idle warmups after the first screen
 * and, in the tab that leads, the subscribers, the executor (under its lease)
 * and the sync — none of it while the log is damaged or gone.
 */
export class LeaderWork {
  private readonly leaderListeners = new Set<(leader: boolean) => void>();
  private resignLeadership: (() => void) | undefined;
  private leaderFlag = false;
  private warmTimer: ReturnType<typeof setTimeout> | undefined;
  private warmIdle: number | undefined;
  private subscriptionsStarted = false;

  constructor(
    private readonly parts: LeaderWorkParts,
    private readonly options: { runExecutor?: boolean; blocked: () => boolean },
  ) {}

  /** When the browser is idle after the first screen, prepare the recent past for the slider. */
  scheduleWarmups(): void {
    if (typeof requestIdleCallback === 'function') {
      this.warmTimer = setTimeout(() => {
        this.warmIdle = requestIdleCallback(
          () => {
            void this.parts.timeMachine.warmRecent().catch(() => {});
            // The first command should not wait for the dedup index to load.
            void this.parts.store.warmCommandIndex().catch(() => {});
            this.parts.summaryWarmup.start();
          },
          { timeout: 5_000 },
        );
      }, 1_000);
    }
  }

  /** Asks to lead the tabs of this browser on `dbName`; the work starts once this tab does. */
  lead(dbName: string): void {
    this.resignLeadership = requestLeadership(`eventdesk-leader:${dbName}`, () => {
      this.leaderFlag = true;
      // One tab cleans up: the staging area of an import that crashed or was closed mid-way.
      void this.parts.store.discardStaleStaging();
      this.start();
      for (const l of this.leaderListeners) l(true);
      // Sync runs in the leading tab only (one connection and one pending tail per browser); the others show its status.
      this.parts.syncStatus.lead();
      void this.parts.syncControl.resume();
    });
  }

  get isLeader(): boolean {
    return this.leaderFlag;
  }

  onLeaderChange(listener: (leader: boolean) => void): () => void {
    this.leaderListeners.add(listener);
    return () => this.leaderListeners.delete(listener);
  }

  /** An integrity problem came or went: a blocked log stops the executor, an unblocked one starts the work again. */
  follow(blocked: boolean): void {
    if (blocked) {
      this.parts.executor.stop();
      void this.parts.executorLease.stop();
    }
    else this.start();
  }

  /** Subscribers and the executor, in the leader, unless the log is damaged or gone: they would read or write past it. */
  private start(): void {
    if (!this.leaderFlag || this.options.blocked()) return;
    if (!this.subscriptionsStarted) {
      this.subscriptionsStarted = true;
      // The desk may close while checkpoints load (a tab shut at once): nothing to deliver then.
      void this.parts.subscriptions.start().catch(() => {});
    }
    if (this.options.runExecutor !== false) {
      this.parts.executorLease.start();
      this.parts.executor.start();
    }
  }

  /** Stops the warmups, the executor and the subscribers (the desk closes). */
  stop(): void {
    clearTimeout(this.warmTimer);
    if (this.warmIdle !== undefined) cancelIdleCallback(this.warmIdle);
    this.parts.summaryWarmup.stop();
    this.parts.executor.stop();
    void this.parts.executorLease.stop();
    this.parts.subscriptions.stop();
  }

  resign(): void {
    this.resignLeadership?.();
  }
}
