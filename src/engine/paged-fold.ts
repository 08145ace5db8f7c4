import type { PositionedState } from './checkpoint-cache';
import type { StoredEvent } from './event-envelope';
import type { EventStore } from './event-store';
import { foldInPlace, type Projection } from './projection';

export type Progress = (done: number, total: number) => void;

/** A read of events from … to that may already be under way (a seek starts its first read while its snapshot loads). */
export interface PendingRead {
  from: number;
  to: number;
  events: Promise<StoredEvent[]>;
}

/** Starts reading events from … to; the promise never rejects unobserved (a read nobody awaits is only a hint). */
export function startRead(store: EventStore, from: number, to: number): PendingRead {
  const events = store.readRange(from, to);
  events.catch(() => {});
  return { from, to, events };
}

/**
 * Folds the events after `start.seq` up to `to` in place into `start.state`
 * (a state nobody else holds), reading `page` events at a time with up to
 * `ahead` reads in flight: IndexedDB fetches the next pages while this one is
 * decoded and folded. `first` is a read of the first page already started.
 * Null once `current()` says a newer seek took over.
 */
export async function foldPagesInPlace<S>(
  store: EventStore,
  projection: Projection<S>,
  start: PositionedState<S>,
  to: number,
  o: { page: number; ahead: number; current: () => boolean; first?: PendingRead },
): Promise<PositionedState<S> | null> {
  const queue: PendingRead[] = [];
  let asked = start.seq;
  const fill = () => {
    while (queue.length < o.ahead && asked < to) {
      const next = Math.min(to, asked + o.page);
      queue.push(startRead(store, asked + 1, next));
      asked = next;
    }
  };
  if (o.first && o.first.from === start.seq + 1 && o.first.to <= to) {
    queue.push(o.first);
    asked = o.first.to;
  }
  fill();
  let seq = start.seq;
  while (queue.length) {
    const read = queue.shift()!;
    const events = await read.events;
    if (!o.current()) return null;
    if (events.length === 0) break;
    const last = events[events.length - 1].seq;
    if (last !== read.to) {
      // Fewer events than asked for (the log ends early): fold what came and stop.
      foldInPlace(projection, start.state, events);
      seq = last;
      break;
    }
    fill();
    foldInPlace(projection, start.state, events);
    seq = last;
  }
  return { seq, state: start.state };
}

/**
 * Folds in place on a state the caller may mutate, page by page (no Immer per
 * event), saving a snapshot at each seq `snapshots.nextSeq` names when given (rebuilds and start-up).
 */
export async function foldForward<S>(
  store: EventStore,
  projection: Projection<S>,
  base: PositionedState<S>,
  to: number,
  o: {
    pageSize: number;
    onProgress?: Progress;
    snapshots?: { nextSeq(seq: number): number; save(seq: number, state: S, logLength: number): Promise<void> };
  },
): Promise<PositionedState<S>> {
  const working = isFrozen(base.state) ? structuredClone(base.state) : base.state;
  let seq = base.seq;
  const total = to - base.seq;
  const persist = o.snapshots;
  let nextSnapshot = persist ? persist.nextSeq(seq) : Infinity;
  o.onProgress?.(0, total);
  const read = (after: number) => (after < to ? store.readRange(after + 1, Math.min(to, after + o.pageSize)) : null);
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
      await persist.save(seq, working, to);
      nextSnapshot = persist.nextSeq(seq);
    }
    foldInPlace(projection, working, i === 0 ? events : events.slice(i));
    seq = last;
    o.onProgress?.(seq - base.seq, total);
  }
  return { seq, state: working };
}

function isFrozen(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.isFrozen(value);
}
