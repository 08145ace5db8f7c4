import { SEGMENT_SIZE } from '../engine/dexie/eventdesk-db';
import type { StoredEvent } from '../engine/event-envelope';
import type { RangeFold } from '../projections/range-comparison';
import type { RangeSummary } from '../projections/range-summary';
import { foldRangeInPages, type RangePaging } from './range-pages';

/** The summaries of sealed segments first … last (undefined where a segment is not sealed). */
export type ReadSummaries = (first: number, last: number) => Promise<(RangeSummary | undefined)[]>;

/**
 * Feeds `fold` the events after its position up to `to` as Compare needs them:
 * the events up to the first segment boundary, then one condensed summary per
 * whole sealed segment (range-summary.ts: a few KB instead of decoding 1,000
 * events), then the events after the last whole segment. Summaries stop at
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
    const pending = summaries(first, end - 1);
    pending.catch(() => undefined);
    if (!(await foldRangeInPages(read, fold, first * SEGMENT_SIZE, current, paging))) return false;
    const list = await pending;
    if (!current()) return false;
    for (const summary of list) {
      if (!summary || summary.from !== fold.position) break;
      fold.addSummary(summary);
    }
  }
  return foldRangeInPages(read, fold, to, current, paging);
}
