/** A state at a position in the log. States held here are immutable. */
export interface PositionedState<S> {
  seq: number;
  state: S;
}

/**
 * In-memory states at recent positions, for seeks near where the user is
 * scrubbing. Immer's structural sharing keeps neighbours cheap: each entry
 * costs only what changed since the previous one. Bounded; least recently
 * used entries go first.
 */
export class CheckpointCache<S> {
  private entries: (PositionedState<S> & { used: number })[] = [];
  /** States kept regardless of use (the recent past, prepared at start-up), replaced as a set. */
  private pinned: PositionedState<S>[] = [];
  private clock = 0;

  constructor(private readonly capacity: number) {}

  /** Keeps these states until the next call, whatever else is used meanwhile. */
  pin(states: PositionedState<S>[]): void {
    this.pinned = states;
  }

  add(seq: number, state: S): void {
    const existing = this.entries.find((e) => e.seq === seq);
    if (existing) {
      existing.state = state;
      existing.used = ++this.clock;
      return;
    }
    this.entries.push({ seq, state, used: ++this.clock });
    if (this.entries.length > this.capacity) {
      let lru = 0;
      for (let i = 1; i < this.entries.length; i++) if (this.entries[i].used < this.entries[lru].used) lru = i;
      this.entries.splice(lru, 1);
    }
  }

  /** The entry with the greatest seq ≤ target. */
  nearestAtOrBefore(target: number): PositionedState<S> | undefined {
    let best: (PositionedState<S> & { used: number }) | undefined;
    for (const e of this.entries) if (e.seq <= target && (!best || e.seq > best.seq)) best = e;
    if (best) best.used = ++this.clock;
    let pinned: PositionedState<S> | undefined;
    for (const p of this.pinned) if (p.seq <= target && (!pinned || p.seq > pinned.seq)) pinned = p;
    return pinned && (!best || pinned.seq > best.seq) ? pinned : best;
  }

  clear(): void {
    this.entries = [];
    this.pinned = [];
  }

  get size(): number {
    return this.entries.length;
  }
}
