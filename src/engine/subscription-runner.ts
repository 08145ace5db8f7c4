import type { CheckpointStore, SubscriberOutput } from './checkpoint-store';
import { describe } from './errors';
import type { StoredEvent } from './event-envelope';
import type { EventStore } from './event-store';

/**
 * A named reaction to published events (notifications, statistics, audit).
 * `handle` may return a value to keep as this subscriber's output for the
 * event; it is stored atomically with the checkpoint. Throwing fails only
 * this subscriber: it is retried with backoff from the failed event.
 */
export interface Subscriber {
  name: string;
  handle(event: StoredEvent): unknown | Promise<unknown>;
}

export interface SubscriberStatus {
  name: string;
  /** Last seq handled. */
  seq: number;
  error?: string;
  errorSeq?: number;
  attempts: number;
  retryAt?: number;
  running: boolean;
}

export interface SubscriptionRunnerOptions {
  batchSize?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
  /** Delay between an append and delivering it (default 50 ms). */
  delayMs?: number;
  /** Events handled between two checkpoint commits while catching up (default 50,000; at least batchSize). */
  commitEvery?: number;
}

/** What a subscriber handled since its last commit. */
interface Uncommitted {
  done: number;
  outputs: SubscriberOutput[];
}

/**
 * Delivers the log to subscribers at least once, in order, each from its own
 * durable checkpoint — so they catch up after a reload, and a new subscriber
 * starts from the beginning. Subscribers never wait on each other.
 */
export class SubscriptionRunner {
  private readonly state = new Map<string, SubscriberStatus>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly listeners = new Set<(s: SubscriberStatus[]) => void>();
  private readonly loops = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private stopListening: (() => void) | undefined;
  private stopped = false;
  private kickTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly subscribers: Subscriber[],
    private readonly options: SubscriptionRunnerOptions = {},
  ) {}

  async start(): Promise<void> {
    await this.loadCheckpoints();
    this.stopListening = this.store.onAppended((_, { replaced }) => {
      // A failed read (the database closed under us) only ends this reload; the next append tries again.
      if (replaced) void this.reload().catch(() => {});
      else this.kickSoon();
    });
    await this.kick();
  }

  /** The log was replaced: positions start over from what the checkpoint store holds now. */
  async reload(): Promise<void> {
    await Promise.all(this.loops.values());
    await this.loadCheckpoints();
    await this.kick();
  }

  private async loadCheckpoints(): Promise<void> {
    for (const s of this.subscribers) {
      const c = await this.checkpoints.get(s.name);
      this.state.set(s.name, { name: s.name, seq: c?.seq ?? 0, error: c?.error, errorSeq: c?.errorSeq, attempts: c?.attempts ?? 0, running: false });
    }
    this.publish();
  }

  stop(): void {
    this.stopped = true;
    this.stopListening?.();
    if (this.kickTimer) clearTimeout(this.kickTimer);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** Each subscriber whose checkpoint is loaded (none before start() has read them). */
  status(): SubscriberStatus[] {
    const loaded: SubscriberStatus[] = [];
    for (const s of this.subscribers) {
      const st = this.state.get(s.name);
      if (st) loaded.push({ ...st });
    }
    return loaded;
  }

  onStatus(listener: (s: SubscriberStatus[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Subscribers are background work: after an append they wait a moment, so
   * the user's own view update gets IndexedDB first, and bursts are batched.
   */
  private kickSoon(): void {
    if (this.kickTimer) return;
    this.kickTimer = setTimeout(() => {
      this.kickTimer = undefined;
      void this.kick();
    }, this.options.delayMs ?? 50);
  }

  /** Runs every subscriber that is not waiting out a backoff; resolves when they are idle. */
  async kick(): Promise<void> {
    await Promise.all(this.subscribers.filter((s) => !this.timers.has(s.name)).map((s) => this.run(s)));
  }

  /** Retry a failed subscriber now instead of waiting for its backoff. */
  async retryNow(name: string): Promise<void> {
    const t = this.timers.get(name);
    if (t) clearTimeout(t);
    this.timers.delete(name);
    const s = this.subscribers.find((x) => x.name === name);
    if (s) await this.run(s);
  }

  private run(s: Subscriber): Promise<void> {
    const existing = this.loops.get(s.name);
    if (existing) {
      // Already delivering: make it look again for events that arrived meanwhile.
      this.again.add(s.name);
      return existing;
    }
    // A failing read of the log (not of a subscriber) ends this round; the next append or kick tries again.
    const loop = this.deliver(s)
      .catch(() => {})
      .finally(() => this.loops.delete(s.name));
    this.loops.set(s.name, loop);
    return loop;
  }

  private async deliver(s: Subscriber): Promise<void> {
    const st = this.state.get(s.name)!;
    st.running = true;
    this.publish();
    const batch = this.options.batchSize ?? 5_000;
    const commitEvery = Math.max(batch, this.options.commitEvery ?? 50_000);
    const work: Uncommitted = { done: st.seq, outputs: [] };
    try {
      do {
        this.again.delete(s.name);
        for (;;) {
          // Work not yet committed is simply redone next time (delivery is at least once).
          if (this.stopped) return;
          const head = await this.store.headSeq();
          if (work.done >= head) break;
          const events = await this.store.readRange(work.done + 1, Math.min(head, work.done + batch));
          if (events.length === 0) break;
          const failure = await this.handleEvents(s, events, work);
          if (failure) {
            await this.commit(s, st, work);
            await this.fail(s, st, failure);
            return;
          }
          if (work.done - st.seq >= commitEvery) await this.commit(s, st, work);
        }
        await this.commit(s, st, work);
      } while (this.again.has(s.name));
    } finally {
      st.running = false;
      this.publish();
    }
  }

  /** Handles events in order into `work`; returns the first failure (events before it stay in `work`). */
  private async handleEvents(s: Subscriber, events: StoredEvent[], work: Uncommitted): Promise<{ seq: number; error: string } | undefined> {
    for (const e of events) {
      try {
        let value = s.handle(e);
        // Await only real promises: a microtask per event would halve catch-up speed over a long log.
        if (value instanceof Promise) value = await value;
        if (value !== undefined) work.outputs.push({ subscriber: s.name, seq: e.seq, value });
        work.done = e.seq;
      } catch (err) {
        return { seq: e.seq, error: describe(err) };
      }
    }
    return undefined;
  }

  /**
   * Stores the checkpoint with the outputs handled since the last commit, in one transaction.
   * After a big commit (an import, demo data) that is one write per `commitEvery` events rather
   * than one per read batch: fewer IndexedDB transactions while the browser is still settling them.
   */
  private async commit(s: Subscriber, st: SubscriberStatus, work: Uncommitted): Promise<void> {
    if (work.done <= st.seq) return;
    await this.checkpoints.commit(s.name, work.done, work.outputs);
    work.outputs = [];
    st.seq = work.done;
    st.error = undefined;
    st.errorSeq = undefined;
    st.retryAt = undefined;
    st.attempts = 0;
  }

  /** Records the failure and schedules a retry with backoff. */
  private async fail(s: Subscriber, st: SubscriberStatus, failure: { seq: number; error: string }): Promise<void> {
    const now = (this.options.now ?? Date.now)();
    st.attempts += 1;
    st.error = failure.error;
    st.errorSeq = failure.seq;
    const delay = Math.min(this.options.maxBackoffMs ?? 60_000, (this.options.baseBackoffMs ?? 1_000) * 2 ** (st.attempts - 1));
    st.retryAt = now + delay;
    await this.checkpoints.recordFailure(s.name, { seq: failure.seq, error: failure.error, at: now, attempts: st.attempts });
    this.timers.set(
      s.name,
      setTimeout(() => {
        this.timers.delete(s.name);
        void this.run(s);
      }, delay),
    );
  }

  private publish(): void {
    const snapshot = this.status();
    for (const l of this.listeners) l(snapshot);
  }
}
