import { EventDeskError } from '../errors';
import type { SnapshotStore } from '../snapshot-store';
import type { PendingLog } from './pending-log';

/**
 * Snapshots only of the confirmed log: a state that includes pending events
 * would be wrong after a rebase moved them. The time machine treats a refused
 * save as a missed snapshot (replay costs a little more later).
 */
export function confirmedSnapshots(inner: SnapshotStore, log: PendingLog): SnapshotStore {
  return {
    list: (p, v) => inner.list(p, v),
    load: (p, v, seq) => inner.load(p, v, seq),
    delete: (p, v, seqs) => inner.delete(p, v, seqs),
    deleteOtherVersions: (p, v) => inner.deleteOtherVersions(p, v),
    totalBytes: () => inner.totalBytes(),
    save: async (snapshot) => {
      if (log.linked && snapshot.seq > (await log.confirmedHead())) {
        throw new EventDeskError(`Snapshot at ${snapshot.seq} not saved: it includes commands the desk has not confirmed.`);
      }
      return inner.save(snapshot);
    },
  };
}
