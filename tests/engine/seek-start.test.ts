import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { MemoryEventStore } from '../../src/engine/memory-event-store';
import { foldInPlace } from '../../src/engine/projection';
import { startsFromSnapshot } from '../../src/engine/seek-start';
import { MemorySnapshotStore } from '../../src/engine/snapshot-store';
import { TimeMachine } from '../../src/engine/time-machine';
import { log } from './event-store.contract';
import { counterProjection, testRegistry, type CounterState } from './test-registry';

const fold = (events: StoredEvent[]) => foldInPlace(counterProjection, counterProjection.init(), events);
const costs = { snapshotLoadCost: 2_000, stateCopyCost: 1_000, farFoldEvents: 8_000 };

describe('Where a seek starts', () => {
  it('a seek starts from whichever stored state leaves the least to read, counting the load and the copy', () => {
    // Checkpoint 30k below, snapshot 10k below: reading 10k + a load beats 30k + a copy.
    expect(startsFromSnapshot(100_000, 100_000, 70_000, 90_000, costs)).toBe(true);
    // The snapshot is closer, but by less than its load costs over a near checkpoint (no copy needed).
    expect(startsFromSnapshot(100_500, 100_000, 99_000, 99_500, costs)).toBe(false);
    // A far checkpoint must be copied first: the copy counts, so a snapshot 1,500 events closer wins.
    expect(startsFromSnapshot(100_000, 100_000, 80_000, 81_500, { ...costs, snapshotLoadCost: 1_000 })).toBe(true);
    expect(startsFromSnapshot(100_000, 100_000, 80_000, 81_500, { ...costs, stateCopyCost: 0, snapshotLoadCost: 1_600 })).toBe(false);
    // No snapshot, or one at or below the checkpoint: the checkpoint.
    expect(startsFromSnapshot(100_000, 100_000, 70_000, undefined, costs)).toBe(false);
    expect(startsFromSnapshot(100_000, 100_000, 70_000, 70_000, costs)).toBe(false);
  });

  it('a jump past a far in-memory state loads the nearer snapshot instead of reading the events between them', async () => {
    const events = log(40_000, 3);
    const store = new MemoryEventStore(testRegistry());
    await store.appendStored(events);
    const snapshots = new MemorySnapshotStore();
    const tm = new TimeMachine<CounterState>({ store, snapshots, projection: counterProjection, snapshotInterval: 10_000, snapshotBudgetRatio: 10 });
    await tm.start();
    expect(tm.persistedSnapshots.map((s) => s.seq)).toEqual([10_000, 20_000, 30_000, 40_000]);
    // A state in memory at 8,000 (from this seek); the snapshot at 20,000 is 12,000 events nearer to 25,000.
    expect((await tm.seekTo(8_000))!.state).toEqual(fold(events.slice(0, 8_000)));
    let read = 0;
    let loads = 0;
    const readRange = store.readRange.bind(store);
    store.readRange = async (from, to) => {
      const got = await readRange(from, to);
      read += got.length;
      return got;
    };
    const load = snapshots.load.bind(snapshots);
    snapshots.load = (async (...args: Parameters<typeof load>) => {
      loads++;
      return load(...args);
    }) as typeof snapshots.load;
    expect((await tm.seekTo(25_000))!.state).toEqual(fold(events.slice(0, 25_000)));
    expect(loads).toBe(1);
    expect(read).toBe(5_000);
  });

  it('a far seek that reads several pages with reads in flight folds exactly the events up to its target', async () => {
    const events = log(30_000, 4);
    const store = new MemoryEventStore(testRegistry());
    await store.appendStored(events);
    // No snapshots (budget 0): each far seek copies a checkpoint and reads up to ~30k events, many pages.
    const tm = new TimeMachine<CounterState>({ store, snapshots: new MemorySnapshotStore(), projection: counterProjection, snapshotBudgetRatio: 0, maxCheckpoints: 2 });
    await tm.start();
    expect(tm.persistedSnapshots).toEqual([]);
    for (const target of [29_999, 1, 17_321, 9_000, 25_500, 12_001]) {
      const at = await tm.seekTo(target);
      expect(at!.seq).toBe(target);
      expect(at!.state).toEqual(fold(events.slice(0, target)));
    }
  });

  it('a jump from a snapshot that turns out bad is still exact: its first page, read while it loaded, is not used', async () => {
    const events = log(30_000, 3);
    const store = new MemoryEventStore(testRegistry());
    await store.appendStored(events);
    const snapshots = new MemorySnapshotStore();
    const tm = new TimeMachine<CounterState>({ store, snapshots, projection: counterProjection, snapshotInterval: 10_000, snapshotBudgetRatio: 10 });
    await tm.start();
    snapshots.load = (async () => undefined) as typeof snapshots.load;
    expect((await tm.seekTo(24_500))!.state).toEqual(fold(events.slice(0, 24_500)));
    expect(tm.droppedSnapshots).toBe(1);
  });
});
