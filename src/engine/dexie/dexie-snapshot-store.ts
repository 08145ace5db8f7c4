import { CHECKSUM_VERSION, checksum32, checksumMatches } from '../checksum';
import type { Snapshot, SnapshotInfo, SnapshotStore } from '../snapshot-store';
import type { EventDeskDb, SnapshotRecord } from './eventdesk-db';

const MAX = Number.MAX_SAFE_INTEGER;

/** Snapshots in the same IndexedDB database as the log, stored as checksummed JSON. */
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

  /** The snapshot, or undefined when absent or not verifiable (checksum, JSON, key fields): never a damaged state. */
  async load<S>(projection: string, projectionVersion: number, seq: number): Promise<Snapshot<S> | undefined> {
    const record = await this.db.snapshots.get([projection, projectionVersion, seq]);
    return record ? decodeSnapshot<S>(record, projection, projectionVersion, seq) : undefined;
  }

  async save(snapshot: Snapshot): Promise<void> {
    const key = [snapshot.projection, snapshot.projectionVersion, snapshot.seq].join('|');
    const record = encodeSnapshot(snapshot);
    await this.db.transaction('rw', [this.db.snapshots, this.db.snapshotSizes], async () => {
      await this.db.snapshots.put(record);
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

/** The record stored for a snapshot: its state as JSON, with the checksum of its key and that JSON. */
export function encodeSnapshot(snapshot: Snapshot): SnapshotRecord {
  const { state, ...info } = snapshot;
  const json = JSON.stringify(state);
  return { ...info, json, checksum: checksum32(signed(info, json)), checksumVersion: CHECKSUM_VERSION };
}

/** The key is part of what the checksum covers: a state moved to another seq or version does not verify. */
function signed(key: { projection: string; projectionVersion: number; seq: number }, json: string): string {
  return `${key.projection}|${key.projectionVersion}|${key.seq}|${json}`;
}

/** A stored snapshot's state if it verifies against its checksum and key, else undefined. */
export function decodeSnapshot<S>(record: SnapshotRecord, projection: string, projectionVersion: number, seq: number): Snapshot<S> | undefined {
  if (record.projection !== projection || record.projectionVersion !== projectionVersion || record.seq !== seq) return undefined;
  if (typeof record.json !== 'string' || checksumMatches(record, signed(record, record.json)) !== true) return undefined;
  try {
    const state = JSON.parse(record.json) as S;
    return { projection, projectionVersion, seq, bytes: record.bytes, createdAt: record.createdAt, state };
  } catch {
    return undefined;
  }
}
