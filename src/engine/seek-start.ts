/** What a seek can start from, in events' worth of reading (measured in bench/ab/jump-phases.mjs, CALIBRATE=1). */
export interface SeekStartCosts {
  /** Loading (get, verify, parse) a persisted snapshot costs about as much as reading this many events. */
  snapshotLoadCost: number;
  /** A private copy of an in-memory state (structuredClone, for an in-place fold) costs about this many events. */
  stateCopyCost: number;
  /** A checkpoint further than this below the target's grid point is copied and folded in place, not copy-on-write. */
  farFoldEvents: number;
}

/**
 * Whether a seek to `target` should start from the persisted snapshot at
 * `snapshotSeq` rather than the in-memory checkpoint at `checkpointSeq` (`grid`:
 * the checkpoint-grid point at or below the target, where a far fold stops): the
 * one that leaves the least to read and decode, counting the snapshot's load
 * and, for a far checkpoint, its copy. Reading the log's segments is what a
 * jump spends most on (checksum + JSON.parse + IndexedDB, ~1–2 ms per 1,000
 * events); folding them is a small part of it.
 */
export function startsFromSnapshot(
  target: number,
  grid: number,
  checkpointSeq: number,
  snapshotSeq: number | undefined,
  costs: SeekStartCosts,
): boolean {
  if (snapshotSeq === undefined || snapshotSeq <= checkpointSeq) return false;
  const fromCheckpoint = target - checkpointSeq + (grid - checkpointSeq > costs.farFoldEvents ? costs.stateCopyCost : 0);
  const fromSnapshot = target - snapshotSeq + costs.snapshotLoadCost;
  return fromSnapshot < fromCheckpoint;
}
