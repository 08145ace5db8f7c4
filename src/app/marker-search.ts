import type { EventStore } from '../engine/event-store';
import { bucketRange, markKindOf, type TimelineOverviewState } from '../projections/timeline-overview';

/**
 * The next (dir 1) or previous (dir -1) marker from position `from`: the
 * nearest bookmark or notable event strictly beyond it. The overview says which
 * buckets hold notable events; only those are read, and only until one is found.
 */
export async function findMarker(
  store: EventStore,
  overview: TimelineOverviewState,
  head: number,
  bookmarkSeqs: readonly number[],
  from: number,
  dir: 1 | -1,
): Promise<number | null> {
  let best: number | null = null;
  for (const seq of bookmarkSeqs) {
    if (seq < 0 || seq > head || (dir === 1 ? seq <= from : seq >= from)) continue;
    if (best === null || (dir === 1 ? seq < best : seq > best)) best = seq;
  }
  const buckets = overview.marks.length;
  let b = Math.floor((Math.max(1, dir === 1 ? from + 1 : from - 1) - 1) / overview.width);
  for (; b >= 0 && b < buckets; b += dir) {
    const [lo, hi] = bucketRange(overview, b, head);
    // Nothing in this bucket can beat a bookmark already found nearer.
    if (best !== null && (dir === 1 ? lo >= best : hi <= best)) break;
    if (overview.marks[b] === 0) continue;
    const events = await store.readRange(dir === 1 ? Math.max(lo, from + 1) : lo, dir === 1 ? hi : Math.min(hi, from - 1));
    const hit = dir === 1 ? events.find((e) => markKindOf(e)) : events.findLast((e) => markKindOf(e));
    if (hit) {
      if (best === null || (dir === 1 ? hit.seq < best : hit.seq > best)) best = hit.seq;
      break;
    }
  }
  return best;
}
