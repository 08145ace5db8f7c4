import type { Snapshot, SnapshotInfo, SnapshotStore } from '../snapshot-store';
import type { EventDeskDb } from './eventdesk-db';

const MAX = Number.MAX_SAFE_INTEGER;

/** Snapshots in the same IndexedDB database as the log. */
export class DexieSnapshotStore implements SnapshotStore {
  constructor(private readonly db: EventDeskDb) {}

  private range(projection: string, projectionVersion: number) {
    return this.db.snapshots
      .where('[projection+projectionVersion+seq]')
      .between([projection, projectionVersion, 0], [projection, projectionVersion, MAX], true, true);
  }

  async list(projection: string, projectionVersion: number): Promise<SnapshotInfo[]> {
    // Read keys and sizes without the states: listing must stay cheap at start-up.
    const keys = (await this.range(projection, projectionVersion).primaryKeys()) as [string, number, number][];
    const sizes = await this.db.snapshotSizes.bulkGet(keys.map((k) => k.join('|')));
    return keys.map((k, i) => ({ seq: k[2], bytes: sizes[i]?.bytes ?? 0 }));
  }

  async load<S>(projection: string, projectionVersion: number, seq: number): Promise<Snapshot<S> | undefined> {
    return (await this.db.snapshots.get([projection, projectionVersion, seq])) as Snapshot<S> | undefined;
  }

  async save(snapshot: Snapshot): Promise<void> {
    const key = [snapshot.projection, snapshot.projectionVersion, snapshot.seq].join('|');
    await this.db.transaction('rw', [this.db.snapshots, this.db.snapshotSizes], async () => {
      await this.db.snapshots.put(snapshot);
      await this.db.snapshotSizes.put({ key, bytes: snapshot.bytes });
    });
  }

  async delete(projection: string, projectionVersion: number, seqs: number[]): Promise<void> {
    await this.db.transaction('rw', [this.db.snapshots, this.db.snapshotSizes], async () => {
      await this.db.snapshots.bulkDelete(seqs.map((s) => [projection, projectionVersion, s] as [string, number, number]));
      await this.db.snapshotSizes.bulkDelete(seqs.map((s) => [projection, projectionVersion, s].join('|')));
    });
  }

  async deleteOtherVersions(projection: string, keepVersion: number): Promise<number> {
    const keys = (await this.db.snapshots.where('[projection+projectionVersion+seq]').between([projection, -MAX, 0], [projection, MAX, MAX], true, true).primaryKeys()) as [string, number, number][];
    const stale = keys.filter((k) => k[1] !== keepVersion);
    await this.db.transaction('rw', [this.db.snapshots, this.db.snapshotSizes], async () => {
      await this.db.snapshots.bulkDelete(stale);
      await this.db.snapshotSizes.bulkDelete(stale.map((k) => k.join('|')));
    });
    return stale.length;
  }

  async totalBytes(): Promise<number> {
    let total = 0;
    await this.db.snapshotSizes.each((s) => {
      total += s.bytes;
    });
    return total;
  }
}
