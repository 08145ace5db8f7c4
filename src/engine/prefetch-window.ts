/** Events on each side of a seek's target that the store is asked to have ready when the direction is unknown. */
export const PREFETCH_EVENTS = 2_000;

/** The most a fast drag prefetches ahead of itself (the decoded-segment cache must hold it with room to spare). */
export const MAX_PREFETCH_EVENTS = 8_000;

/** How many steps of the current speed to read ahead of a drag. */
const STEPS_AHEAD = 3;

/**
 * Which events to have in memory after a seek to `target`, given the previous
 * seek's target: a drag keeps its direction, so read ahead of it — further the
 * faster it moves — and keep only a little behind. A first seek or a jump in
 * place gets both sides.
 */
export function prefetchWindow(target: number, previous: number | undefined): [from: number, to: number] {
  const delta = previous === undefined ? 0 : target - previous;
  if (delta === 0) return [target - PREFETCH_EVENTS, target + PREFETCH_EVENTS];
  const ahead = Math.min(MAX_PREFETCH_EVENTS, Math.max(PREFETCH_EVENTS, Math.abs(delta) * STEPS_AHEAD));
  const behind = PREFETCH_EVENTS / 2;
  return delta > 0 ? [target - behind, target + ahead] : [target - ahead, target + behind];
}
