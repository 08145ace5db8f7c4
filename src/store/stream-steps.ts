/**
 * Stepping through one stream: the seqs of its events around the slider.
 * `seqs` ascending. Pure, so the buttons and the tests share it.
 */
export function streamNeighbours(seqs: readonly number[], at: number): { prev: number | null; next: number | null } {
  // Binary search: the first index with seq > at.
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (seqs[mid] <= at) lo = mid + 1;
    else hi = mid;
  }
  const next = lo < seqs.length ? seqs[lo] : null;
  // The previous event is strictly before the slider: at an event of this stream, "previous" leaves it.
  let p = lo - 1;
  if (p >= 0 && seqs[p] === at) p--;
  return { prev: p >= 0 ? seqs[p] : null, next };
}
