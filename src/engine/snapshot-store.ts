/**
 * Snapshots of a projection's state at a seq, so start-up and seeks replay
 * only a tail. Keyed by projection name, projection version and seq: a
 * snapshot of another version is never used.
 */
export interface SnapshotInfo {
  seq: number;
  bytes: number;
}

export interface Snapshot<S = unknown> extends SnapshotInfo {
  projection: string;
  projectionVersion: number;
  createdAt: number;
  state: S;
}

export interface SnapshotStore {
  /** Ascending by seq. */
  list(projection: string, projectionVersion: number): Promise<SnapshotInfo[]>;
  load<S>(projection: string, projectionVersion: number, seq: number): Promise<Snapshot<S> | undefined>;
  save(snapshot: Snapshot): Promise<void>;
  delete(projection: string, projectionVersion: number, seqs: number[]): Promise<void>;
  /** Drops snapshots of every other version of the projection; returns how many. */
  deleteOtherVersions(projection: string, keepVersion: number): Promise<number>;
  totalBytes(): Promise<number>;
}

export class MemorySnapshotStore implements SnapshotStore {
  private readonly items: Snapshot[] = [];

  async list(projection: string, projectionVersion: number): Promise<SnapshotInfo[]> {
    return this.items
      .filter((s) => s.projection === projection && s.projectionVersion === projectionVersion)
      .map(({ seq, bytes }) => ({ seq, bytes }))
      .sort((a, b) => a.seq - b.seq);
  }

  async load<S>(projection: string, projectionVersion: number, seq: number): Promise<Snapshot<S> | undefined> {
    const s = this.items.find((x) => x.projection === projection && x.projectionVersion === projectionVersion && x.seq === seq);
    return s ? (structuredClone(s) as Snapshot<S>) : undefined;
  }

  async save(snapshot: Snapshot): Promise<void> {
    await this.delete(snapshot.projection, snapshot.projectionVersion, [snapshot.seq]);
    this.items.push(structuredClone(snapshot));
  }

  async delete(projection: string, projectionVersion: number, seqs: number[]): Promise<void> {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const s = this.items[i];
      if (s.projection === projection && s.projectionVersion === projectionVersion && seqs.includes(s.seq)) this.items.splice(i, 1);
    }
  }

  async deleteOtherVersions(projection: string, keepVersion: number): Promise<number> {
    const before = this.items.length;
    for (let i = this.items.length - 1; i >= 0; i--) {
      if (this.items[i].projection === projection && this.items[i].projectionVersion !== keepVersion) this.items.splice(i, 1);
    }
    return before - this.items.length;
  }

  async totalBytes(): Promise<number> {
    return this.items.reduce((n, s) => n + s.bytes, 0);
  }
}
