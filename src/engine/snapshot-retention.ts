import type { SnapshotInfo } from './snapshot-store';

/**
 * Retention policy for snapshots (documented in ARCHITECTURE.md):
 *  - their total size stays within `budgetBytes` (10% of the log's bytes by default);
 *  - the newest snapshot is always kept (start-up reads it);
 *  - when over budget, drop the snapshot whose removal leaves the smallest
 *    gap between its neighbours, so the survivors stay evenly spread over the
 *    log and any seek replays at most about one gap.
 * Pure: returns the seqs to delete.
 */
export function snapshotsToDrop(infos: readonly SnapshotInfo[], budgetBytes: number): number[] {
  const kept = [...infos].sort((a, b) => a.seq - b.seq);
  let total = kept.reduce((n, s) => n + s.bytes, 0);
  const dropped: number[] = [];
  while (total > budgetBytes && kept.length > 1) {
    let best = 0;
    let bestGap = Infinity;
    for (let i = 0; i < kept.length - 1; i++) {
      const gap = kept[i + 1].seq - (i > 0 ? kept[i - 1].seq : 0);
      if (gap < bestGap) {
        bestGap = gap;
        best = i;
      }
    }
    const [gone] = kept.splice(best, 1);
    total -= gone.bytes;
    dropped.push(gone.seq);
  }
  return dropped;
}

/** Approximate bytes of a state on disk; JSON length is a fair, cheap proxy for structured clone size. */
export function stateBytes(state: unknown): number {
  return JSON.stringify(state).length;
}
