import { CheckpointCache, type PositionedState } from './checkpoint-cache';
import { EventDeskError } from './errors';
import type { StoredEvent } from './event-envelope';
import type { EventStore } from './event-store';
import { foldForward, foldPagesInPlace, startRead, type PendingRead, type Progress } from './paged-fold';
import { MAX_PREFETCH_EVENTS, prefetchWindow } from './prefetch-window';
import { evolveMany, type Projection } from './projection';
import { startsFromSnapshot } from './seek-start';
import { SnapshotKeeper } from './snapshot-keeper';
import type { SnapshotInfo, SnapshotStore } from './snapshot-store';

export type { PositionedState } from './checkpoint-cache';
export type { Progress } from './paged-fold';

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
  /** Loading a persisted snapshot costs about as much as reading this many events. */
  snapshotLoadCost?: number;
  /** Copying an in-memory state (to fold it in place) costs about as much as reading this many events. */
  stateCopyCost?: number;
}

/** Page size of a far seek's reads (a few segments, so reading and folding overlap). */
const SEEK_PAGE_EVENTS = 4_000;
/** Reads a far seek keeps in flight: IndexedDB fetches the next pages while the main thread decodes this one. */
const SEEK_READS_AHEAD = 2;

/** Beyond this many checkpoint steps, a seek copies a state and folds in place instead of chunked produce. */
const FAR_FOLD_STEPS = 8;

export const DEFAULTS = {
  snapshotInterval: 10_000,
  snapshotBudgetRatio: 0.1,
  checkpointInterval: 1_000,
  maxCheckpoints: 64,
  pageSize: 20_000,
  // Measured at 1M events (bench/ab/jump-phases.mjs, CALIBRATE=1; BENCHMARKS.md): a snapshot load cost what reading
  // 0.5–3.5k events of segments cost, a structuredClone of the live state 1–2.5k, from run to run.
  snapshotLoadCost: 2_000,
  stateCopyCost: 1_000,
};

/**
 * Holds the live view state at the head and answers "what did every view
 * look like at seq n": nearest state (in memory or a persisted snapshot) +
 * replay of the events in between. Knows nothing of the domain or React.
 */
export class TimeMachine<S> {
  private readonly o: Required<TimeMachineOptions<S>>;
  private readonly checkpoints: CheckpointCache<S>;
  private readonly snapshots: SnapshotKeeper<S>;
  private liveState: PositionedState<S> | undefined;
  private seekToken = 0;
  /** The previous seek's target: tells a drag's direction and speed for prefetching. */
  private lastTarget: number | undefined;
  private catchUpChain: Promise<PositionedState<S>> = Promise.resolve(undefined as never);

  constructor(options: TimeMachineOptions<S>) {
    // Options left undefined keep their defaults (a spread would overwrite them with undefined).
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.o = { ...DEFAULTS, ...given } as Required<TimeMachineOptions<S>>;
    this.checkpoints = new CheckpointCache(this.o.maxCheckpoints);
    this.snapshots = new SnapshotKeeper(this.o);
  }

  get live(): PositionedState<S> {
    if (!this.liveState) throw new Error('TimeMachine.start() has not run yet.');
    return this.liveState;
  }

  /** Persisted snapshots found bad (checksum, JSON, shape) and dropped since this machine was made. */
  get droppedSnapshots(): number {
    return this.snapshots.dropped;
  }

  /** Seqs of the persisted snapshots of the current projection version. */
  get persistedSnapshots(): readonly SnapshotInfo[] {
    return this.snapshots.list;
  }

  /**
   * Start-up: the latest snapshot of the current projection version + the
   * tail. Snapshots of other versions are dropped and the state rebuilt from
   * seq 0, reporting progress.
   */
  async start(onProgress?: Progress, upTo = Infinity): Promise<PositionedState<S>> {
    const { projection, store } = this.o;
    const persisted = await this.snapshots.open();
    // `upTo`: stop short of the head (the log is damaged after it).
    const head = Math.min(upTo, await store.headSeq());
    const usable = persisted.filter((s) => s.seq <= head);
    let base: PositionedState<S> = { seq: 0, state: projection.init() };
    // The newest snapshot that verifies; bad ones are dropped on the way down.
    for (let i = usable.length - 1; i >= 0; i--) {
      const loaded = await this.snapshots.load(usable[i].seq);
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
      await this.snapshots.drop(base.seq);
      built = await this.foldForward({ seq: 0, state: projection.init() }, head, onProgress, true);
    }
    this.setLive(built);
    return built;
  }

  /** Rebuilds from seq 0, dropping this version's snapshots first. */
  async rebuild(onProgress?: Progress): Promise<PositionedState<S>> {
    await this.snapshots.deleteAll();
    this.checkpoints.clear();
    const head = await this.o.store.headSeq();
    const built = await this.foldForward({ seq: 0, state: this.o.projection.init() }, head, onProgress, true);
    this.setLive(built);
    return built;
  }

  /** Forgets everything derived from the log (after it was replaced) and starts again from what is stored. */
  async reset(onProgress?: Progress, upTo?: number): Promise<PositionedState<S>> {
    this.seekToken++;
    this.checkpoints.clear();
    this.snapshots.forget();
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
        void this.snapshots.maybeSave(next);
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
    void this.snapshots.maybeSave(live);
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
    await this.snapshots.maybeSave(this.live, this.o.checkpointInterval);
    const step = this.o.checkpointInterval;
    const from = Math.floor(Math.max(0, head - this.snapshots.every) / step) * step;
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
    const far = FAR_FOLD_STEPS * step;
    const snap = this.snapshots.nearestAtOrBefore(target);
    const useSnapshot = startsFromSnapshot(target, grid, base.seq, snap?.seq, { ...this.o, farFoldEvents: far });
    if (useSnapshot || grid - base.seq > far) {
      // Far from any state in memory: start from a private copy (a loaded snapshot, or a clone of the
      // nearest checkpoint) and fold in place up to the grid point below the target — no Immer per
      // event, several times faster than chunked produce over a long distance.
      let start: PositionedState<S> | undefined;
      let first: PendingRead | undefined;
      if (useSnapshot) {
        // The first page is read while the snapshot loads: both wait on IndexedDB.
        if (grid > snap!.seq) first = startRead(this.o.store, snap!.seq + 1, Math.min(grid, snap!.seq + SEEK_PAGE_EVENTS));
        start = await this.snapshots.load(snap!.seq);
        if (!current()) return null;
      }
      start ??= { seq: base.seq, state: structuredClone(base.state) };
      const folded = await foldPagesInPlace(this.o.store, this.o.projection, start, Math.max(grid, start.seq), {
        page: SEEK_PAGE_EVENTS,
        ahead: SEEK_READS_AHEAD,
        current,
        first,
      });
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

  private setLive(live: PositionedState<S>): void {
    this.liveState = live;
    this.checkpoints.add(live.seq, live.state);
  }

  /** Folds in place page by page (see paged-fold.ts), saving snapshots at the spacing when `persist` is set. */
  private foldForward(base: PositionedState<S>, to: number, onProgress: Progress | undefined, persist: boolean): Promise<PositionedState<S>> {
    const { store, projection, pageSize } = this.o;
    return foldForward(store, projection, base, to, { pageSize, onProgress, snapshots: persist ? this.snapshots : undefined });
  }
}
