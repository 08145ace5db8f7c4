import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/engine/event-envelope';
import type { EventStore } from '../../src/engine/event-store';
import { MemoryEventStore } from '../../src/engine/memory-event-store';
import { foldInPlace } from '../../src/engine/projection';
import { MemorySnapshotStore } from '../../src/engine/snapshot-store';
import { TimeMachine } from '../../src/engine/time-machine';
import { DexieEventStore } from '../../src/engine/dexie/dexie-event-store';
import { DexieSnapshotStore } from '../../src/engine/dexie/dexie-snapshot-store';
import { EventDeskDb } from '../../src/engine/dexie/eventdesk-db';
import { log } from './event-store.contract';
import { counterProjection, testRegistry, type CounterState } from './test-registry';

const fold = (events: StoredEvent[]) => foldInPlace(counterProjection, counterProjection.init(), events);

async function machineWith(events: StoredEvent[], options: { snapshotInterval: number; checkpointInterval?: number; snapshotLoadCost?: number }) {
  const store = new MemoryEventStore(testRegistry());
  await store.appendStored(events);
  const snapshots = new MemorySnapshotStore();
  const tm = new TimeMachine<CounterState>({ store, snapshots, projection: counterProjection, snapshotBudgetRatio: 10, ...options });
  return { store, snapshots, tm };
}

describe('TimeMachine', () => {
  it('T1 snapshot + tail equals a full replay, for random logs and snapshot intervals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 200 }), async (n, streams, interval) => {
        const events = log(n, streams);
        const { store, snapshots, tm } = await machineWith(events, { snapshotInterval: interval });
        await tm.start();
        // A second start-up reads the latest snapshot and replays only the tail.
        const restarted = new TimeMachine<CounterState>({ store, snapshots, projection: counterProjection, snapshotInterval: interval, snapshotBudgetRatio: 10 });
        const state = await restarted.start();
        expect(state.seq).toBe(n);
        expect(state.state).toEqual(fold(events));
        if (n >= interval) expect(restarted.persistedSnapshots.length).toBeGreaterThan(0);
      }),
      { numRuns: 40 },
    );
  });

  it('T2 seekTo(n) equals the fold of the first n events, for every n of a generated log, in any order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 5, max: 120 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer(),
        async (n, interval, checkpointInterval, loadCost, seed) => {
          const events = log(n, 3);
          const { tm } = await machineWith(events, { snapshotInterval: interval, checkpointInterval, snapshotLoadCost: loadCost });
          await tm.start();
          const order = Array.from({ length: n + 1 }, (_, i) => i);
          shuffle(order, seed);
          for (const target of order) {
            const at = await tm.seekTo(target);
            expect(at!.seq).toBe(target);
            expect(at!.state).toEqual(fold(events.slice(0, target)));
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('T3 a newer seek supersedes an older one still running (latest wins)', async () => {
    const events = log(5000, 4);
    const { tm } = await machineWith(events, { snapshotInterval: 100_000 });
    await tm.start();
    const first = tm.seekTo(4000);
    const second = tm.seekTo(10);
    expect(await first).toBeNull();
    expect((await second)!.state).toEqual(fold(events.slice(0, 10)));
  });

  it('T4 a projection-version change ignores old snapshots and rebuilds from seq 0 with progress', async () => {
    const events = log(3000, 2);
    const { store, snapshots, tm } = await machineWith(events, { snapshotInterval: 500 });
    await tm.start();
    expect((await snapshots.list('counter', 1)).length).toBeGreaterThan(0);
    const v2 = { ...counterProjection, version: 2, apply: (d: CounterState, e: StoredEvent) => { counterProjection.apply(d, e); d.count += 1; } };
    const progress: number[] = [];
    const next = new TimeMachine<CounterState>({ store, snapshots, projection: v2, snapshotInterval: 500, snapshotBudgetRatio: 10, pageSize: 700 });
    const state = await next.start((done) => progress.push(done));
    expect(state.state.count).toBe(6000);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(3000);
    expect(progress.length).toBeGreaterThan(3);
    expect(await snapshots.list('counter', 1)).toEqual([]);
  });

  it('T5 catchUp folds new events into the live state and leaves seeks to older positions correct', async () => {
    const events = log(100, 2);
    const { store, tm } = await machineWith(events.slice(0, 60), { snapshotInterval: 25 });
    await tm.start();
    await store.appendStored(events.slice(60));
    const live = await tm.catchUp();
    expect(live.seq).toBe(100);
    expect(live.state).toEqual(fold(events));
    expect((await tm.seekTo(30))!.state).toEqual(fold(events.slice(0, 30)));
  });

  it('T6 retention keeps snapshot bytes within 10% of the log, keeps the newest, and seeks stay correct', async () => {
    const db = new EventDeskDb(`retention-${Math.random()}`);
    const store = new DexieEventStore(db, testRegistry());
    const snapshots = new DexieSnapshotStore(db);
    const events = log(20_000, 50);
    await store.appendStored(events);
    const tm = new TimeMachine<CounterState>({ store, snapshots, projection: counterProjection, snapshotInterval: 200 });
    await tm.start();
    const total = await snapshots.totalBytes();
    const logBytes = await store.logBytes();
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(logBytes * 0.1);
    const kept = await snapshots.list('counter', 1);
    expect(kept.at(-1)!.seq).toBe(20_000);
    // A tighter budget thins the snapshots out, still within bound, still keeping the newest.
    const tight = new TimeMachine<CounterState>({ store, snapshots, projection: counterProjection, snapshotInterval: 200, snapshotBudgetRatio: 0.01 });
    await tight.rebuild();
    const thinned = await snapshots.list('counter', 1);
    expect(thinned.length).toBeLessThan(kept.length);
    expect(thinned.at(-1)!.seq).toBe(20_000);
    expect(await snapshots.totalBytes()).toBeLessThanOrEqual(logBytes * 0.01);
    for (const target of [1, 9_999, 12_345, 19_999]) expect((await tm.seekTo(target))!.state).toEqual(fold(events.slice(0, target)));
    store.close();
  });
});

function shuffle<T>(items: T[], seed: number): void {
  let s = seed >>> 0 || 1;
  for (let i = items.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
}

describe('TimeMachine options', () => {
  it('T7 options passed as undefined keep their defaults (a reopened log starts at its head)', async () => {
    const events = log(50, 2);
    const store = new MemoryEventStore(testRegistry());
    await store.appendStored(events);
    const tm = new TimeMachine<CounterState>({ store, snapshots: new MemorySnapshotStore(), projection: counterProjection, snapshotInterval: undefined, pageSize: undefined });
    const live = await tm.start();
    expect(live.seq).toBe(50);
    expect(live.state).toEqual(fold(events));
  });
});

describe('TimeMachine.warmRecent', () => {
  it('T8 after warming, seeks into the recent past need no snapshot load and stay correct', async () => {
    const events = log(5000, 3);
    const { snapshots, tm } = await machineWith(events, { snapshotInterval: 1000, checkpointInterval: 100, snapshotLoadCost: 0 });
    await tm.start();
    await tm.warmRecent();
    let loads = 0;
    const load = snapshots.load.bind(snapshots);
    snapshots.load = (async (...args: Parameters<typeof load>) => {
      loads++;
      return load(...args);
    }) as typeof snapshots.load;
    for (const target of [4999, 4501, 4250, 4001]) expect((await tm.seekTo(target))!.state).toEqual(fold(events.slice(0, target)));
    expect(loads).toBe(0);
    expect((await tm.seekTo(1500))!.state).toEqual(fold(events.slice(0, 1500)));
    expect(loads).toBe(1);
    // A long drag elsewhere fills the in-memory cache; the warmed recent past stays.
    for (let s = 100; s <= 3000; s += 10) await tm.seekTo(s);
    loads = 0;
    expect((await tm.seekTo(4950))!.state).toEqual(fold(events.slice(0, 4950)));
    expect(loads).toBe(0);
  });

  it('T9 after warming, a restart loads a snapshot at the head and folds none of the events before it', async () => {
    const events = log(5_300, 3);
    const { store, snapshots, tm } = await machineWith(events, { snapshotInterval: 2_000, checkpointInterval: 100 });
    await tm.start();
    expect(tm.persistedSnapshots.map((s) => s.seq)).toEqual([2_000, 4_000]);
    await tm.warmRecent();
    expect(tm.persistedSnapshots.at(-1)!.seq).toBe(5_300);
    let read = 0;
    const readRange = store.readRange.bind(store);
    store.readRange = async (from, to) => {
      const got = await readRange(from, to);
      read += got.length;
      return got;
    };
    const restarted = new TimeMachine<CounterState>({ store, snapshots, projection: counterProjection, snapshotInterval: 2_000, snapshotBudgetRatio: 10 });
    const live = await restarted.start();
    expect(live.state).toEqual(fold(events));
    expect(read).toBe(0);
  });

  it('T10 a jump asks for the events around its target only once it has its state; a drag step asks first', async () => {
    const events = log(30_000, 3);
    const { store, tm } = await machineWith(events, { snapshotInterval: 5_000 });
    await tm.start();
    const calls: string[] = [];
    const readRange = store.readRange.bind(store);
    store.readRange = async (from, to) => {
      calls.push('read');
      return readRange(from, to);
    };
    (store as EventStore).prefetch = () => void calls.push('prefetch');
    expect((await tm.seekTo(12_345))!.state).toEqual(fold(events.slice(0, 12_345)));
    expect(calls.at(-1)).toBe('prefetch');
    expect(calls.filter((c) => c === 'prefetch')).toHaveLength(1);
    calls.length = 0;
    expect((await tm.seekTo(12_845))!.state).toEqual(fold(events.slice(0, 12_845)));
    expect(calls[0]).toBe('prefetch');
  });
});
