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
 * A comparison reads its range in pages of 25,000 events, on multiples of it
 * (so on sealed-segment boundaries), 4 at once (bounding the decoded events held):
 * each IndexedDB transaction costs a round trip, and pages asked for together are
 * fetched while the earlier ones are decoded and folded (measured: 100k events read
 * in 4,000-event pages, one ahead, took twice as long as 4 pages of 25k at once).
 */
export const COMPARE_PAGING: RangePaging = { pageEvents: 25_000, inFlight: 4 };

/**
 * From this many whole segments without summaries, they are made for next time
 * (`makeLater`), after this fold: a short step (dragging B) only reads events,
 * which the seek to B has just decoded and cached.
 */
export const MAKE_SUMMARIES_FROM = 10;

/**
 * Feeds `fold` the events after its position up to `to` as Compare needs them:
 * every whole sealed segment as its condensed summary (range-summary.ts: a few
 * KB instead of decoding 1,000 events), the rest — the partial segments at the
 * ends, segments without a summary — as events, in order. Summaries stop at
 * `limit` (a what-if's fork: its own events are not in the stored segments).
 * Missing summaries are not made on the way — making one decodes its segment
 * afresh, dearer than the paged read of its events — but handed to `makeLater`.
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
  makeLater: (first: number, last: number) => void = () => {},
): Promise<boolean> {
  const first = Math.ceil(fold.position / SEGMENT_SIZE);
  const end = Math.floor(Math.min(to, limit) / SEGMENT_SIZE);
  if (first < end) {
    // Asked for alongside the read of the partial segment before them.
    const pending = summaries(first, end - 1, { make: false });
    pending.catch(() => undefined);
    if (!(await foldRangeInPages(read, fold, first * SEGMENT_SIZE, current, paging))) return false;
    const list = await pending;
    if (!current()) return false;
    if (list.filter((x) => !x).length >= MAKE_SUMMARIES_FROM) makeLater(first, end - 1);
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

/**
 * A `makeLater` that makes summaries `delayMs` after it is asked (so the panel
 * of the fold that asked renders first), one range at a time: asks while one
 * is being made are dropped (the next fold that misses asks again).
 */
export function makeSummariesLater(make: (first: number, last: number) => Promise<unknown>, delayMs: number): (first: number, last: number) => void {
  let busy = false;
  return (first, last) => {
    if (busy) return;
    busy = true;
    setTimeout(() => {
      make(first, last)
        .catch(() => undefined)
        .finally(() => (busy = false));
    }, delayMs);
  };
}
