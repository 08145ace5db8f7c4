import type { EventStore } from './event-store';

/**
 * The last event with meta.at ≤ `at` (0 when none is), by binary search over
 * seq — the log is appended in time order, so times rise with seq. About
 * log2(head) single-event reads, each served from a cached segment when the
 * store has one.
 */
export async function lastSeqAtOrBefore(store: EventStore, at: number): Promise<number> {
  let lo = 0; // meta.at of lo is ≤ at (0 stands for "before the first event")
  let hi = await store.headSeq();
  if (hi === 0) return 0;
  const timeOf = async (seq: number) => (await store.readRange(seq, seq))[0]?.meta.at ?? Infinity;
  if ((await timeOf(hi)) <= at) return hi;
  // Invariant: time(lo) ≤ at < time(hi).
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if ((await timeOf(mid)) <= at) lo = mid;
    else hi = mid;
  }
  return lo;
}
