import type { EventStore } from './event-store';
import type { PositionedState } from './checkpoint-cache';
import type { Projection } from './projection';
import { snapshotsToDrop, stateBytes } from './snapshot-retention';
import type { SnapshotInfo, SnapshotStore } from './snapshot-store';
import { hasShapeOf } from './state-shape';

export interface SnapshotKeeperOptions<S> {
  store: EventStore;
  snapshots: SnapshotStore;
  projection: Projection<S>;
  snapshotInterval: number;
  snapshotBudgetRatio: number;
}

/**
 * A time machine's persisted snapshots of one projection version: which exist,
 * loading one (verified; a bad one is dropped, never shown), writing one within
 * the byte budget (retention, ARCHITECTURE.md), and the spacing between them.
 */
export class SnapshotKeeper<S> {
  private persisted: SnapshotInfo[] = [];
  /** Events between persisted snapshots: the interval, widened when the state is large for the budget. */
  private spacing: number;
  private measured: { seq: number; bytes: number; skipped: number } | undefined;
  private snapshotting = false;
  /** Persisted snapshots found bad (checksum, JSON, shape) and dropped since this keeper was made. */
  dropped = 0;

  constructor(private readonly o: SnapshotKeeperOptions<S>) {
    this.spacing = o.snapshotInterval;
  }

  /** Ascending by seq. */
  get list(): readonly SnapshotInfo[] {
    return this.persisted;
  }

  get every(): number {
    return this.spacing;
  }

  /** Drops the snapshots of other projection versions and lists this one's. */
  async open(): Promise<readonly SnapshotInfo[]> {
    const { snapshots, projection } = this.o;
    await snapshots.deleteOtherVersions(projection.name, projection.version);
    this.persisted = await snapshots.list(projection.name, projection.version);
    return this.persisted;
  }

  /** Deletes every snapshot of this version (a rebuild from seq 0). */
  async deleteAll(): Promise<void> {
    const { snapshots, projection } = this.o;
    const stored = await snapshots.list(projection.name, projection.version);
    await snapshots.delete(projection.name, projection.version, stored.map((s) => s.seq));
    this.persisted = [];
  }

  /** Forgets what was listed (the log was replaced); `open` lists again. */
  forget(): void {
    this.persisted = [];
  }

  nearestAtOrBefore(target: number): SnapshotInfo | undefined {
    let best: SnapshotInfo | undefined;
    for (const s of this.persisted) if (s.seq <= target && (!best || s.seq > best.seq)) best = s;
    return best;
  }

  /**
   * A persisted snapshot's state, if it loads, verifies and has the projection's
   * shape. A bad one is deleted — the log rebuilds it — and never shown.
   */
  async load(seq: number): Promise<PositionedState<S> | undefined> {
    const { snapshots, projection } = this.o;
    const snap = await snapshots.load<S>(projection.name, projection.version, seq).catch(() => undefined);
    if (snap && snap.seq === seq && hasShapeOf(projection.init(), snap.state)) return { seq, state: snap.state };
    await this.drop(seq);
    return undefined;
  }

  async drop(seq: number): Promise<void> {
    const { snapshots, projection } = this.o;
    this.dropped++;
    this.persisted = this.persisted.filter((s) => s.seq !== seq);
    // If even the delete fails, the snapshot stays unused: this keeper no longer lists it.
    await snapshots.delete(projection.name, projection.version, [seq]).catch(() => {});
  }

  /** Where a fold from `seq` should write its next snapshot. */
  nextSeq(seq: number): number {
    const every = this.spacing;
    return (Math.floor(seq / every) + 1) * every;
  }

  /** Saves `live` when it is at least `minGap` past the newest snapshot; a failure only costs replay time later. */
  async maybeSave(live: PositionedState<S>, minGap = this.spacing): Promise<void> {
    const last = this.persisted.at(-1)?.seq ?? 0;
    if (this.snapshotting || live.seq - last < minGap) return;
    this.snapshotting = true;
    try {
      await this.save(live.seq, live.state, live.seq);
    } catch {
      // A missed snapshot only costs replay time later; the log is intact.
    } finally {
      this.snapshotting = false;
    }
  }

  /**
   * Saves a snapshot and applies retention. `logLength` is the log's length, to
   * widen the spacing so that about as many snapshots are written as the budget
   * keeps (writing many and deleting most would dominate a rebuild).
   */
  async save(seq: number, state: S, logLength: number): Promise<void> {
    const { snapshots, projection, store } = this.o;
    const bytes = this.measureBytes(seq, state);
    const budget = (await store.logBytes()) * this.o.snapshotBudgetRatio;
    const fit = Math.max(1, Math.floor(budget / Math.max(1, bytes)));
    const every = this.o.snapshotInterval;
    // The state grows with the log, so the budget holds more snapshots than `fit` (the count of this size): evenly
    // spaced ones average about half the size at the log's end. Past the log's middle the spacing narrows towards
    // half of what this size alone allows, and retention thins the older, closer ones; before, the newest third of
    // a 1M log had gaps of 30-40k events against 10k at its start (BENCHMARKS.md, issue 11).
    const narrowing = Math.min(1, Math.max(0.5, logLength / (2 * seq)));
    const unit = Math.max(1, Math.floor(every / 10));
    this.spacing = Math.max(every, Math.ceil(((logLength / fit) * narrowing) / unit) * unit);
    // Never store a snapshot that alone would break the budget (tiny logs): replaying them is cheap anyway.
    if (bytes > budget) return;
    await snapshots.save({ projection: projection.name, projectionVersion: projection.version, seq, bytes, createdAt: Date.now(), state });
    this.persisted = [...this.persisted.filter((s) => s.seq !== seq), { seq, bytes }].sort((a, b) => a.seq - b.seq);
    const drop = snapshotsToDrop(this.persisted, budget);
    if (drop.length) {
      await snapshots.delete(projection.name, projection.version, drop);
      this.persisted = this.persisted.filter((s) => !drop.includes(s.seq));
    }
  }

  /**
   * A snapshot's size. Serialising a large state to measure it costs about as
   * much as storing it, so every fourth one is measured and the others are
   * extrapolated from it (never below it: states only grow with the log).
   */
  private measureBytes(seq: number, state: S): number {
    const m = this.measured;
    if (m && m.skipped < 3 && seq > m.seq) {
      m.skipped++;
      return Math.ceil(m.bytes * Math.max(1, seq / m.seq));
    }
    const bytes = stateBytes(state);
    this.measured = { seq, bytes, skipped: 0 };
    return bytes;
  }
}
