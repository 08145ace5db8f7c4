import type { StoredEvent } from '../engine/event-envelope';
import type { Projection } from '../engine/projection';

/**
 * A coarse picture of the whole log for the timeline: where the notable events
 * are (automatic markers) and how dense the activity was. At most MAX_OVERVIEW_BUCKETS
 * buckets of `width` consecutive events; when the log outgrows them,
 * neighbouring buckets merge and the width doubles — so it stays a few KB at a
 * million events and is kept up to date one event at a time, never by reading
 * the log again.
 */

export const MARK_KINDS = ['failed', 'cancelled', 'completed', 'charge', 'refund'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];
export const MAX_OVERVIEW_BUCKETS = 512;

const MARK_OF_TYPE: Record<string, MarkKind> = {
  OrderFailed: 'failed',
  OrderCancelled: 'cancelled',
  OrderCompleted: 'completed',
  PointsCharged: 'charge',
  PointsRefunded: 'refund',
};

/** The automatic marker an event gets, if it is a notable one. */
export function markKindOf(e: Pick<StoredEvent, 'type'>): MarkKind | null {
  return MARK_OF_TYPE[e.type] ?? null;
}

export function markBit(kind: MarkKind): number {
  return 1 << MARK_KINDS.indexOf(kind);
}

export interface TimelineOverviewState {
  /** Events per bucket: bucket i holds seqs i*width+1 … (i+1)*width. */
  width: number;
  /** meta.at of each bucket's first and last event. */
  firstAt: number[];
  lastAt: number[];
  /** Per bucket, a bit per MarkKind present (bit i = MARK_KINDS[i]). */
  marks: number[];
}

function mergePairs(draft: TimelineOverviewState): void {
  const firstAt: number[] = [];
  const lastAt: number[] = [];
  const marks: number[] = [];
  for (let i = 0; i < draft.firstAt.length; i += 2) {
    const j = i + 1 < draft.firstAt.length ? i + 1 : i;
    firstAt.push(draft.firstAt[i]);
    lastAt.push(draft.lastAt[j]);
    marks.push(draft.marks[i] | draft.marks[j]);
  }
  draft.width *= 2;
  draft.firstAt = firstAt;
  draft.lastAt = lastAt;
  draft.marks = marks;
}

export const timelineOverviewProjection: Projection<TimelineOverviewState> = {
  name: 'timeline-overview',
  version: 1,
  init: () => ({ width: 1, firstAt: [], lastAt: [], marks: [] }),
  // What `apply` writes: the root and its three arrays (mergePairs makes new ones).
  thaw: (s) => ({ ...s, firstAt: s.firstAt.slice(), lastAt: s.lastAt.slice(), marks: s.marks.slice() }),
  apply(draft, e) {
    let b = Math.floor((e.seq - 1) / draft.width);
    while (b >= MAX_OVERVIEW_BUCKETS) {
      mergePairs(draft);
      b = Math.floor((e.seq - 1) / draft.width);
    }
    const at = e.meta.at;
    if (b >= draft.firstAt.length) {
      draft.firstAt[b] = at;
      draft.lastAt[b] = at;
      draft.marks[b] = 0;
    } else draft.lastAt[b] = at;
    const kind = markKindOf(e);
    if (kind) draft.marks[b] |= markBit(kind);
  },
};

/** The seqs bucket `b` covers, clipped to the head. */
export function bucketRange(o: TimelineOverviewState, b: number, head: number): [number, number] {
  return [b * o.width + 1, Math.min(head, (b + 1) * o.width)];
}

/**
 * Activity per bucket in 0…1: events per unit of wall-clock time (a burst is
 * dark, a quiet week light), on a log scale relative to the busiest bucket.
 */
export function densities(o: TimelineOverviewState, head: number): number[] {
  const rates = o.firstAt.map((first, b) => {
    const [from, to] = bucketRange(o, b, head);
    const events = Math.max(0, to - from + 1);
    return events / Math.max(1_000, o.lastAt[b] - first);
  });
  const logs = rates.map((r) => Math.log1p(r * 3_600_000));
  const max = Math.max(0, ...logs);
  return logs.map((l) => (max > 0 ? l / max : 0));
}
