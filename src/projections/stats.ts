import type { Projection } from '../engine/projection';
import type { ExecutionBatchSucceeded, PointsCharged, PointsChargeReversed, PointsDeducted, PointsRefunded } from '../domain/events';
import { MY_WALLET } from '../domain/streams';

/** One time bucket; every value is cumulative / current as of the bucket's end. */
export interface StatsBucket {
  /** Bucket start, epoch ms (UTC-aligned). */
  t: number;
  likesDelivered: number;
  /** Balance of "me" at the end of the bucket. */
  balance: number;
  placed: number;
  completed: number;
  failed: number;
  cancelled: number;
  /** Open orders at the end of the bucket: placed or in progress, not yet finished. */
  inProgress: number;
}

export type StatsTotals = Omit<StatsBucket, 't'>;

export interface StatsState {
  /** Current bucket width in ms: starts at one hour, grows when there would be too many buckets. */
  bucketMs: number;
  buckets: StatsBucket[];
  totals: StatsTotals;
}

export const HOUR_MS = 3_600_000;
/** Upper bound on buckets; beyond it the series is merged into coarser buckets. */
export const MAX_BUCKETS = 2_000;

/** Each width divides the next, so merging never splits a bucket. */
const LADDER = [1, 2, 4, 12, 24].map((h) => h * HOUR_MS);

export function coarserBucket(ms: number): number {
  for (const w of LADDER) if (w > ms) return w;
  return ms * 2;
}

/** Merges buckets to the next coarser width (keeping each group's last, cumulative, values). */
function coarsen(draft: StatsState): void {
  while (draft.buckets.length > MAX_BUCKETS) {
    const width = coarserBucket(draft.bucketMs);
    draft.bucketMs = width;
    const b = draft.buckets;
    let w = -1;
    for (let i = 0; i < b.length; i++) {
      const src = b[i];
      const t = Math.floor(src.t / width) * width;
      // New objects, never a write to an old bucket: a thawed state shares its buckets with older states.
      if (w < 0 || b[w].t !== t) w++;
      b[w] = { ...src, t };
    }
    b.length = w + 1;
  }
}

function record(draft: StatsState, at: number): void {
  const s = draft.totals;
  const b = draft.buckets;
  const last = b.length > 0 ? b[b.length - 1] : undefined;
  const t = Math.floor(at / draft.bucketMs) * draft.bucketMs;
  if (last && t <= last.t) {
    // Same bucket (or a clock that went backwards: fold into the latest bucket).
    last.likesDelivered = s.likesDelivered;
    last.balance = s.balance;
    last.placed = s.placed;
    last.completed = s.completed;
    last.failed = s.failed;
    last.cancelled = s.cancelled;
    last.inProgress = s.inProgress;
    return;
  }
  b.push({
    t,
    likesDelivered: s.likesDelivered,
    balance: s.balance,
    placed: s.placed,
    completed: s.completed,
    failed: s.failed,
    cancelled: s.cancelled,
    inProgress: s.inProgress,
  });
  if (b.length > MAX_BUCKETS) coarsen(draft);
}

/** Time series for charts, bucketed by hour of meta.at (coarser when long). */
export const statsProjection: Projection<StatsState> = {
  name: 'stats',
  version: 2,
  init: () => ({
    bucketMs: HOUR_MS,
    buckets: [],
    totals: { likesDelivered: 0, balance: 0, placed: 0, completed: 0, failed: 0, cancelled: 0, inProgress: 0 },
  }),
  // What `apply` writes: the root, the totals, the bucket list and its last bucket (coarsen makes new buckets).
  thaw: (s) => {
    const buckets = s.buckets.slice();
    if (buckets.length > 0) buckets[buckets.length - 1] = { ...buckets[buckets.length - 1] };
    return { ...s, totals: { ...s.totals }, buckets };
  },
  apply(draft, e) {
    const s = draft.totals;
    switch (e.type) {
      case 'PointsCharged':
        if (e.streamId !== MY_WALLET) return;
        s.balance += (e.data as PointsCharged).amount;
        break;
      case 'PointsRefunded':
        if (e.streamId !== MY_WALLET) return;
        s.balance += (e.data as PointsRefunded).amount;
        break;
      case 'PointsDeducted':
        if (e.streamId !== MY_WALLET) return;
        s.balance -= (e.data as PointsDeducted).amount;
        break;
      case 'PointsChargeReversed':
        if (e.streamId !== MY_WALLET) return;
        s.balance -= (e.data as PointsChargeReversed).amount;
        break;
      case 'ExecutionBatchSucceeded':
        s.likesDelivered += (e.data as ExecutionBatchSucceeded).likes;
        break;
      case 'OrderPlaced':
        s.placed++;
        s.inProgress++;
        break;
      case 'OrderCompleted':
        s.completed++;
        s.inProgress--;
        break;
      case 'OrderFailed':
        s.failed++;
        s.inProgress--;
        break;
      case 'OrderCancelled':
        s.cancelled++;
        s.inProgress--;
        break;
      default:
        return;
    }
    record(draft, e.meta.at);
  },
};
