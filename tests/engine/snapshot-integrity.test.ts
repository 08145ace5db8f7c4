import { afterEach, describe, expect, it } from 'vitest';
import { checksum32 } from '../../src/engine/checksum';
import { DexieEventStore } from '../../src/engine/dexie/dexie-event-store';
import { DexieSnapshotStore } from '../../src/engine/dexie/dexie-snapshot-store';
import { EventDeskDb, type SnapshotRecord } from '../../src/engine/dexie/eventdesk-db';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { foldInPlace } from '../../src/engine/projection';
import { TimeMachine } from '../../src/engine/time-machine';
import { log } from './event-store.contract';
import { counterProjection, testRegistry, type CounterState } from './test-registry';

const open: EventDeskDb[] = [];
let n = 0;
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const fold = (events: StoredEvent[]) => foldInPlace(counterProjection, counterProjection.init(), events);

/** A log of `count` events with snapshots every 100, written by a first start-up. */
async function desk(count = 450) {
  const db = new EventDeskDb(`snap-integrity-${++n}`);
  open.push(db);
  const store = new DexieEventStore(db, testRegistry());
  const events = log(count, 3);
  await store.appendStored(events);
  const snapshots = new DexieSnapshotStore(db);
  // snapshotLoadCost 0: seeks load the nearest snapshot however close the log is.
  const machine = () =>
    new TimeMachine<CounterState>({ store, snapshots, projection: counterProjection, snapshotInterval: 100, snapshotBudgetRatio: 100, snapshotLoadCost: 0 });
  await machine().start();
  return { db, store, snapshots, events, machine };
}

async function tamperNewest(db: EventDeskDb, change: (record: SnapshotRecord) => void): Promise<number> {
  const all = await db.snapshots.toArray();
  const newest = all.sort((a, b) => a.seq - b.seq).at(-1)!;
  change(newest);
  await db.snapshots.put(newest);
  return newest.seq;
}

describe('Snapshot integrity', () => {
  it('S1 snapshots are stored as JSON with the checksum of that JSON and the projection version', async () => {
    const { db } = await desk();
    const records = await db.snapshots.toArray();
    expect(records.map((r) => r.seq)).toEqual([100, 200, 300, 400]);
    for (const r of records) {
      expect(r.projectionVersion).toBe(counterProjection.version);
      expect(r.checksum).toBe(checksum32(`counter|1|${r.seq}|${r.json!}`));
      expect(r.checksumVersion).toBe(1);
    }
  });

  it('S2 an altered snapshot state is detected, dropped and rebuilt from the log: never shown', async () => {
    const { db, events, machine } = await desk();
    const seq = await tamperNewest(db, (r) => {
      const state = JSON.parse(r.json!) as CounterState;
      state.total += 1_234_567;
      r.json = JSON.stringify(state);
    });
    const tm = machine();
    const live = await tm.start();
    expect(live.state).toEqual(fold(events));
    expect(tm.droppedSnapshots).toBe(1);
    // Rebuilt: the start-up replayed from the previous snapshot and wrote a good one at the same seq again.
    const again = (await db.snapshots.toArray()).find((r) => r.seq === seq)!;
    expect(again.checksum).toBe(checksum32(`counter|1|${seq}|${again.json!}`));
    expect(JSON.parse(again.json!)).toEqual(fold(events.slice(0, seq)));
  });

  it('S3 a snapshot of the wrong shape (even with a matching checksum) is dropped, never fatal', async () => {
    const { db, events, machine } = await desk();
    await tamperNewest(db, (r) => {
      r.json = JSON.stringify({ nothing: 'here' });
      r.checksum = checksum32(`counter|1|${r.seq}|${r.json}`);
    });
    const tm = machine();
    const live = await tm.start();
    expect(live.state).toEqual(fold(events));
    expect(tm.droppedSnapshots).toBe(1);
  });

  it('S4 a cut snapshot, one without a checksum (older layout) and one under another key are all dropped', async () => {
    const { db, events, machine } = await desk();
    const records = (await db.snapshots.toArray()).sort((a, b) => a.seq - b.seq);
    const [s100, s200, s300, s400] = records;
    s400.json = s400.json!.slice(0, 10);
    s300.state = JSON.parse(s300.json!);
    delete s300.json;
    delete s300.checksum;
    delete s300.checksumVersion;
    await db.snapshots.bulkPut([s400, s300]);
    // The state of seq 200, moved to seq 150 (checksum and JSON untouched).
    await db.snapshots.put({ ...s200, seq: 150 });
    const tm = machine();
    const live = await tm.start();
    expect(live.state).toEqual(fold(events));
    expect(tm.droppedSnapshots).toBe(2);
    for (const target of [150, 250]) expect((await tm.seekTo(target))!.state).toEqual(fold(events.slice(0, target)));
    expect(tm.droppedSnapshots).toBe(3);
    // Seeks near the dropped snapshots are still exact.
    for (const target of [150, 250, 350, 420]) expect((await tm.seekTo(target))!.state).toEqual(fold(events.slice(0, target)));
    expect(s100.seq).toBe(100);
  });

  it('S5 a seek that meets a bad snapshot falls back to the log', async () => {
    const { db, events, machine } = await desk(900);
    const tm = machine();
    await tm.start();
    const bad = (await db.snapshots.toArray()).find((r) => r.seq === 500)!;
    const state = JSON.parse(bad.json!) as CounterState;
    state.count = -1;
    await db.snapshots.put({ ...bad, json: JSON.stringify(state) });
    const at = await tm.seekTo(550);
    expect(at!.state).toEqual(fold(events.slice(0, 550)));
    expect(tm.droppedSnapshots).toBe(1);
  });
});
