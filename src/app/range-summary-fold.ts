import { SEGMENT_SIZE } from '../engine/dexie/eventdesk-db';
import type { StoredEvent } from '../engine/event-envelope';
import type { RangeFold } from '../projections/range-comparison';
import type { RangeSummary } from '../projections/range-summary';
import { foldRangeInPages, type RangePaging } from './range-pages';

/**
 * The summaries of sealed segments first … last (undefined where a segment is
 * not sealed, or has none and `make` is false).
 */
export type ReadSummaries = (first: number, last: number, options: { make: boolean }) => Promise<(RangeSummary | undefined)[]>;

/**
 * Below this many whole segments, missing summaries are not made: a short step
 * (dragging B) reads the events, which the seek to B has just decoded and cached.
 */
export const MAKE_SUMMARIES_FROM = 10;

/**
 * Feeds `fold` the events after its position up to `to` as Compare needs them:
 * every whole sealed segment as its condensed summary (range-summary.ts: a few
 * KB instead of decoding 1,000 events), the rest — the partial segments at the
 * ends, segments without a summary — as events, in order. Summaries stop at
 * `limit` (a what-if's fork: its own events are not in the stored segments).
 * False when `current()` said stop before the end.
 */
export async function foldRangeCondensed(
  read: (from: number, to: number) => Promise<StoredEvent[]>,
  summaries: ReadSummaries,
  fold: RangeFold,
  to: number,
  current: () => boolean,
  limit: number,
  paging: RangePaging,
): Promise<boolean> {
  const first = Math.ceil(fold.position / SEGMENT_SIZE);
  const end = Math.floor(Math.min(to, limit) / SEGMENT_SIZE);
  if (first < end) {
    // Asked for alongside the read of the partial segment before them.
    const pending = summaries(first, end - 1, { make: end - first >= MAKE_SUMMARIES_FROM });
    pending.catch(() => undefined);
    if (!(await foldRangeInPages(read, fold, first * SEGMENT_SIZE, current, paging))) return false;
    const list = await pending;
    if (!current()) return false;
    for (let i = 0; i < list.length; i++) {
      const summary = list[i];
      if (summary && summary.from === fold.position) {
        fold.addSummary(summary);
        continue;
      }
      // A run without summaries: its events, up to the next segment that has one.
      let j = i;
      while (j + 1 < list.length && !list[j + 1]) j++;
      if (!(await foldRangeInPages(read, fold, (first + j + 1) * SEGMENT_SIZE, current, paging))) return false;
      i = j;
    }
  }
  return foldRangeInPages(read, fold, to, current, paging);
}
