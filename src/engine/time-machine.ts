import { CheckpointCache, type PositionedState } from './checkpoint-cache';
import { EventDeskError } from './errors';
import type { StoredEvent } from './event-envelope';
import type { EventStore } from './event-store';
import { MAX_PREFETCH_EVENTS, prefetchWindow } from './prefetch-window';
import { evolveMany, foldInPlace, type Projection } from './projection';
import { snapshotsToDrop, stateBytes } from './snapshot-retention';
import type { SnapshotInfo, SnapshotStore } from './snapshot-store';
import { hasShapeOf } from './state-shape';

export type { PositionedState } from './checkpoint-cache';

export interface TimeMachineOptions<S> {
  store: EventStore;
  snapshots: SnapshotStore;
  projection: Projection<S>;
  /** Persist a snapshot at least every N events (retention may thin them later). */
  snapshotInterval?: number;
  /** Snapshots may take at most this share of the log's bytes. */
  snapshotBudgetRatio?: number;
  /** Seeks keep an in-memory state every N events along the way. */
  checkpointInterval?: number;
  maxCheckpoints?: number;
  /** Events read per page while rebuilding. */
  pageSize?: number;
  /** Loading a persisted snapshot costs about as much as folding this many events. */
  snapshotLoadCost?: number;
}

export type Progress = (done: number, total: number) => void;

/** Page size of a far seek's reads (a few segments, so reading and folding overlap). */
const SEEK_PAGE_EVENTS = 4_000;

/** Beyond this many checkpoint steps, a seek copies a state and folds in place instead of chunked produce. */
const FAR_FOLD_STEPS = 8;

export const DEFAULTS = {
  snapshotInterval: 10_000,
  snapshotBudgetRatio: 0.1,
  checkpointInterval: 1_000,
  maxCheckpoints: 64,
  pageSize: 20_000,
  snapshotLoadCost: 15_000,
};

/**
 * Holds the live view state at the head and answers "what did every view
 * look like at seq n": nearest state (in memory or a persisted snapshot) +
 * replay of the events in between. Knows nothing of the domain or React.
 */
export class TimeMachine<S> {
  private readonly o: Required<TimeMachineOptions<S>>;
  private readonly checkpoints: CheckpointCache<S>;
  private persisted: SnapshotInfo[] = [];
  private liveState: PositionedState<S> | undefined;
  private seekToken = 0;
  /** The previous seek's target: tells a drag's direction and speed for prefetching. */
  private lastTarget: number | undefined;
  private catchUpChain: Promise<PositionedState<S>> = Promise.resolve(undefined as never);
  private snapshotting = false;
  /** Events between persisted snapshots: the interval, widened when the state is large for the budget. */
  private spacing = 0;
  private measured: { seq: number; bytes: number; skipped: number } | undefined;

  constructor(options: TimeMachineOptions<S>) {
    // Options left undefined keep their defaults (a spread would overwrite them with undefined).
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.o = { ...DEFAULTS, ...given } as Required<TimeMachineOptions<S>>;
    this.checkpoints = new CheckpointCache(this.o.maxCheckpoints);
    this.spacing = this.o.snapshotInterval;
  }

  get live(): PositionedState<S> {
    if (!this.liveState) throw new Error('TimeMachine.start() has not run yet.');
    return this.liveState;
  }

  /**
   * Start-up: the latest snapshot of the current projection version + the
   * tail. Snapshots of other versions are dropped and the state rebuilt from
   * seq 0, reporting progress.
   */
  async start(onProgress?: Progress, upTo = Infinity): Promise<PositionedState<S>> {
    const { snapshots, projection, store } = this.o;
    await snapshots.deleteOtherVersions(projection.name, projection.version);
    this.persisted = await snapshots.list(projection.name, projection.version);
    // `upTo`: stop short of the head (the log is damaged after it).
    const head = Math.min(upTo, await store.headSeq());
    const usable = this.persisted.filter((s) => s.seq <= head);
    let base: PositionedState<S> = { seq: 0, state: projection.init() };
    // The newest snapshot that verifies; bad ones are dropped on the way down.
    for (let i = usable.length - 1; i >= 0; i--) {
      const loaded = await this.loadSnapshot(usable[i].seq);
      if (loaded) {
        base = loaded;
        break;
      }
    }
    let built: PositionedState<S>;
    try {
      built = await this.foldForward(base, head, onProgress, true);
    } catch (e) {
      // Engine errors (a damaged log, an aborted read) are not the snapshot's fault.
      if (base.seq === 0 || e instanceof EventDeskError) throw e;
      // The snapshot verified but its state broke a fold (a projection bug): drop it, replay from the start.
      await this.dropSnapshot(base.seq);
      built = await this.foldForward({ seq: 0, state: projection.init() }, head, onProgress, true);
    }
    this.setLive(built);
    return built;
  }

  /** Persisted snapshots found bad (checksum, JSON, shape) and dropped since this machine was made. */
  droppedSnapshots = 0;

  /**
   * A persisted snapshot's state, if it loads, verifies and has the projection's
   * shape. A bad one is deleted — the log rebuilds it — and never shown.
   */
  private async loadSnapshot(seq: number): Promise<PositionedState<S> | undefined> {
    const { snapshots, projection } = this.o;
    const snap = await snapshots.load<S>(projection.name, projection.version, seq).catch(() => undefined);
    if (snap && snap.seq === seq && hasShapeOf(projection.init(), snap.state)) return { seq, state: snap.state };
    await this.dropSnapshot(seq);
    return undefined;
  }

  private async dropSnapshot(seq: number): Promise<void> {
    const { snapshots, projection } = this.o;
    this.droppedSnapshots++;
    this.persisted = this.persisted.filter((s) => s.seq !== seq);
    // If even the delete fails, the snapshot stays unused: this machine no longer lists it.
    await snapshots.delete(projection.name, projection.version, [seq]).catch(() => {});
  }

  /** Rebuilds from seq 0, dropping this version's snapshots first. */
  async rebuild(onProgress?: Progress): Promise<PositionedState<S>> {
    const { snapshots, projection, store } = this.o;
    const stored = await snapshots.list(projection.name, projection.version);
    await snapshots.delete(projection.name, projection.version, stored.map((s) => s.seq));
    this.persisted = [];
    this.checkpoints.clear();
    const head = await store.headSeq();
    const built = await this.foldForward({ seq: 0, state: projection.init() }, head, onProgress, true);
    this.setLive(built);
    return built;
  }

  /** Forgets everything derived from the log (after it was replaced) and starts again from what is stored. */
  async reset(onProgress?: Progress, upTo?: number): Promise<PositionedState<S>> {
    this.seekToken++;
    this.checkpoints.clear();
    this.persisted = [];
    this.catchUpChain = Promise.resolve(undefined as never);
    return this.start(onProgress, upTo);
  }

  /** Folds events from 0 to `seq` with no snapshot or cache: the reference a seek is measured against. */
  async replayFromZero(seq: number): Promise<PositionedState<S>> {
    return this.foldForward({ seq: 0, state: this.o.projection.init() }, seq, undefined, false);
  }

  /** Brings the live state up to the log's head (new events from this or another tab). */
  catchUp(): Promise<PositionedState<S>> {
    this.catchUpChain = this.catchUpChain.catch(() => this.live).then(() => this.catchUpNow());
    return this.catchUpChain;
  }

  /**
   * Folds events this tab just appended straight into the live state (no read
   * back), when they directly follow it; otherwise catches up from the log.
   */
  applyAppended(events: readonly StoredEvent[]): Promise<PositionedState<S>> {
    this.catchUpChain = this.catchUpChain
      .catch(() => this.live)
      .then(() => {
        const live = this.live;
        if (events.length === 0 || events[0].seq !== live.seq + 1) return this.catchUpNow();
        const next = { seq: events[events.length - 1].seq, state: evolveMany(this.o.projection, live.state, events) };
        this.setLive(next);
        void this.maybeSnapshot(next);
        return next;
      });
    return this.catchUpChain;
  }

  private async catchUpNow(): Promise<PositionedState<S>> {
    const head = await this.o.store.headSeq();
    let live = this.live;
    if (head < live.seq) {
      // The log was replaced (import): start over from what is stored now.
      this.checkpoints.clear();
      return this.start();
    }
    while (live.seq < head) {
      const to = Math.min(head, live.seq + this.o.pageSize);
      const events = await this.o.store.readRange(live.seq + 1, to);
      if (events.length === 0) break;
      live = { seq: events[events.length - 1].seq, state: evolveMany(this.o.projection, live.state, events) };
    }
    this.setLive(live);
    void this.maybeSnapshot(live);
    return live;
  }

  /**
   * The view state as of `target` (0 … head). Latest wins: when a newer seek
   * starts before this one finishes, this one resolves to null instead of
   * delivering a stale state.
   */
  async seekTo(target: number): Promise<PositionedState<S> | null> {
    const token = ++this.seekToken;
    const head = this.live.seq;
    target = Math.max(0, Math.min(Math.floor(target), head));
    const previous = this.lastTarget;
    this.lastTarget = target;
    if (target === head) return this.live;
    const current = () => token === this.seekToken;
    // A drag continues the way it moves: have the events ahead of it in memory before the next step asks
    // (asked first, so IndexedDB reads them while this step folds).
    const [from, to] = prefetchWindow(target, previous);
    const jump = previous === undefined || Math.abs(target - previous) > MAX_PREFETCH_EVENTS;
    if (!jump) {
      this.o.store.prefetch?.(from, to);
      return this.stateAt(target, current);
    }
    // A jump reads what it needs itself; decoding the segments past its target before it is done would only
    // delay it, so the neighbourhood (for a drag that may follow) is asked for once it has its state.
    const at = await this.stateAt(target, current);
    if (current()) this.o.store.prefetch?.(from, to);
    return at;
  }

  /**
   * Idle-time work after start-up: in-memory states every checkpoint interval
   * over the most recent stretch of the log (one snapshot spacing), the part
   * people rewind most — so seeks there never wait for a snapshot load.
   */
  async warmRecent(): Promise<void> {
    const head = this.live.seq;
    // The next start loads a snapshot at the head instead of folding every event since the last one (up to a
    // whole spacing, ~20k events at 1M); written here, after the first screen, not in the start itself.
    await this.maybeSnapshot(this.live, this.o.checkpointInterval);
    const step = this.o.checkpointInterval;
    const from = Math.floor(Math.max(0, head - this.spacing) / step) * step;
    const unchanged = () => this.live.seq === head;
    const warmed: PositionedState<S>[] = [];
    for (let seq = from; seq < head && unchanged(); seq += step) {
      const state = await this.stateAt(seq, unchanged);
      if (!state) return;
      warmed.push(state);
    }
    // Pinned: a long drag elsewhere must not evict the recent past.
    this.checkpoints.pin(warmed);
  }

  /** The state at `target` (< head): nearest state in memory or on disk, plus a fold. Null once `current()` says stop. */
  private async stateAt(target: number, current: () => boolean): Promise<PositionedState<S> | null> {
    let base = this.checkpoints.nearestAtOrBefore(target) ?? { seq: 0, state: this.o.projection.init() };
    const step = this.o.checkpointInterval;
    const grid = Math.floor(target / step) * step;
    const snap = this.nearestPersisted(target);
    const useSnapshot = snap !== undefined && snap.seq - base.seq > this.o.snapshotLoadCost;
    if (useSnapshot || grid - base.seq > FAR_FOLD_STEPS * step) {
      // Far from any state in memory: start from a private copy (a loaded snapshot, or a clone of the
      // nearest checkpoint) and fold in place up to the grid point below the target — no Immer per
      // event, several times faster than chunked produce over a long distance.
      let start: PositionedState<S> | undefined;
      if (useSnapshot) {
        start = await this.loadSnapshot(snap.seq);
        if (!current()) return null;
      }
      start ??= { seq: base.seq, state: structuredClone(base.state) };
      const folded = await this.foldPrivate(start, Math.max(grid, start.seq), current);
      if (!folded) return null;
      base = folded;
      this.checkpoints.add(base.seq, base.state);
    }

    let at = base;
    while (at.seq < target) {
      // Fold up to the next multiple of `step` so checkpoints land on a grid and are reused by later seeks.
      const to = Math.min(target, (Math.floor(at.seq / step) + 1) * step);
      const events = await this.o.store.readRange(at.seq + 1, to);
      if (!current()) return null;
      if (events.length === 0) break;
      at = { seq: to, state: evolveMany(this.o.projection, at.state, events) };
      if (to % step === 0 || to === target) this.checkpoints.add(at.seq, at.state);
    }
    return at;
  }

  /** Folds in place on a state nobody else holds; null when a newer seek superseded this one. */
  private async foldPrivate(start: PositionedState<S>, to: number, current: () => boolean): Promise<PositionedState<S> | null> {
    // Small pages, each requested before the previous one is folded, so IndexedDB reads overlap the folding.
    const page = SEEK_PAGE_EVENTS;
    const read = (after: number) => (after < to ? this.o.store.readRange(after + 1, Math.min(to, after + page)) : null);
    let seq = start.seq;
    let pending = read(seq);
    while (pending) {
      const events = await pending;
      if (!current()) return null;
      if (events.length === 0) break;
      seq = events[events.length - 1].seq;
      pending = read(seq);
      foldInPlace(this.o.projection, start.state, events);
    }
    return { seq, state: start.state };
  }

  /** Seqs of the persisted snapshots of the current projection version. */
  get persistedSnapshots(): readonly SnapshotInfo[] {
    return this.persisted;
  }

  private nearestPersisted(target: number): SnapshotInfo | undefined {
    let best: SnapshotInfo | undefined;
    for (const s of this.persisted) if (s.seq <= target && (!best || s.seq > best.seq)) best = s;
    return best;
  }

  private setLive(live: PositionedState<S>): void {
    this.liveState = live;
    this.checkpoints.add(live.seq, live.state);
  }

  /**
   * Folds in place on a private copy, page by page (no Immer per event), saving
   * snapshots at the interval when `persist` is set. The base's state must be
   * one this machine may mutate (freshly loaded or created).
   */
  private async foldForward(base: PositionedState<S>, to: number, onProgress: Progress | undefined, persist: boolean): Promise<PositionedState<S>> {
    const { store, projection, pageSize } = this.o;
    const working = isFrozen(base.state) ? structuredClone(base.state) : base.state;
    let seq = base.seq;
    const total = to - base.seq;
    let nextSnapshot = this.nextSnapshotSeq(seq);
    onProgress?.(0, total);
    const read = (after: number) => (after < to ? store.readRange(after + 1, Math.min(to, after + pageSize)) : null);
    let pending = read(seq);
    while (pending) {
      const events = await pending;
      if (events.length === 0) break;
      const last = events[events.length - 1].seq;
      // Ask for the next page before folding this one: IndexedDB works while we fold.
      pending = read(last);
      let i = 0;
      while (persist && nextSnapshot <= last) {
        const cut = i + (nextSnapshot - events[i].seq) + 1;
        foldInPlace(projection, working, events.slice(i, cut));
        i = cut;
        seq = nextSnapshot;
        await this.saveSnapshot(seq, working, to);
        nextSnapshot = this.nextSnapshotSeq(seq);
      }
      foldInPlace(projection, working, i === 0 ? events : events.slice(i));
      seq = last;
      onProgress?.(seq - base.seq, total);
    }
    return { seq, state: working };
  }

  private nextSnapshotSeq(seq: number): number {
    const every = this.spacing;
    return (Math.floor(seq / every) + 1) * every;
  }

  private async maybeSnapshot(live: PositionedState<S>, minGap = this.spacing): Promise<void> {
    const last = this.persisted.at(-1)?.seq ?? 0;
    if (this.snapshotting || live.seq - last < minGap) return;
    this.snapshotting = true;
    try {
      await this.saveSnapshot(live.seq, live.state, live.seq);
    } catch {
      // A missed snapshot only costs replay time later; the log is intact.
    } finally {
      this.snapshotting = false;
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

  /**
   * Saves a snapshot and applies retention. `logLength` is the log's length, to
   * widen the spacing so that about as many snapshots are written as the budget
   * keeps (writing many and deleting most would dominate a rebuild).
   */
  private async saveSnapshot(seq: number, state: S, logLength: number): Promise<void> {
    const { snapshots, projection, store } = this.o;
    const bytes = this.measureBytes(seq, state);
    const budget = (await store.logBytes()) * this.o.snapshotBudgetRatio;
    const fit = Math.max(1, Math.floor(budget / Math.max(1, bytes)));
    const every = this.o.snapshotInterval;
    this.spacing = Math.max(every, Math.ceil(logLength / fit / every) * every);
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
}

function isFrozen(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.isFrozen(value);
}
