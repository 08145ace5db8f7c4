import { afterEach, describe, expect, it } from 'vitest';
import { DexieEventStore } from '../../src/engine/dexie/dexie-event-store';
import { discardStaleStaging, STALE_STAGING_MS } from '../../src/engine/dexie/dexie-log-staging';
import { EventDeskDb, STAGING_OWNER_ID } from '../../src/engine/dexie/eventdesk-db';
import { StagingSuperseded } from '../../src/engine/log-staging';
import { log } from './event-store.contract';
import { testRegistry } from './test-registry';

const open: DexieEventStore[] = [];
let n = 0;
function connect(name: string): DexieEventStore {
  const store = new DexieEventStore(new EventDeskDb(name), testRegistry());
  open.push(store);
  return store;
}
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

describe('DexieLogStaging', () => {
  it('full segments go to the staging table while staging, and the table is empty after the commit', async () => {
    const store = connect(`stage-${++n}`);
    const staging = await store.stageLog();
    await staging.add(log(2_500, 2));
    // Two sealed segments staged (plus the owner record); the open 500 events wait in memory for the commit.
    expect(await store.db.staging.count()).toBe(3);
    expect(await store.db.segments.count()).toBe(0);
    await staging.commit({ replace: false });
    expect(await store.db.staging.count()).toBe(0);
    expect(await store.db.segments.count()).toBe(2);
    expect(await store.db.tail.count()).toBe(500);
  });

  it("a command id seen in an earlier chunk (sealed or not) cannot start again: a command's events stay contiguous", async () => {
    const store = connect(`stage-${++n}`);
    const events = log(2_600, 2);
    const staging = await store.stageLog();
    await staging.add(events.slice(0, 2_500));
    const repeatSealed = events.slice(2_500, 2_510).map((e, i) => (i === 3 ? { ...e, meta: { ...e.meta, commandId: events[10].meta.commandId } } : e));
    await expect(staging.add(repeatSealed)).rejects.toThrow(/seq 2504 repeats command id/);
    const repeatOpen = events.slice(2_500, 2_510).map((e, i) => (i === 3 ? { ...e, meta: { ...e.meta, commandId: events[2_100].meta.commandId } } : e));
    await expect(staging.add(repeatOpen)).rejects.toThrow(/seq 2504 repeats command id/);
    // Continuing the last command across the chunk boundary is fine.
    const continuing = events.slice(2_500).map((e, i) => (i === 0 ? { ...e, meta: { ...e.meta, commandId: events[2_499].meta.commandId } } : e));
    await staging.add(continuing);
    expect(staging.count).toBe(2_600);
    await staging.discard();
  });

  it('a newer staging (another import, another tab) takes the area: the older one cannot commit and the log is untouched', async () => {
    const name = `stage-${++n}`;
    const tabA = connect(name);
    const tabB = connect(name);
    await tabA.appendStored(log(10, 1));
    const first = await tabA.stageLog();
    await first.add(log(1_000, 1));
    const second = await tabB.stageLog();
    await expect(first.add(log(5, 1, 1_001))).rejects.toBeInstanceOf(StagingSuperseded);
    await expect(first.commit({ replace: true })).rejects.toBeInstanceOf(StagingSuperseded);
    expect(await tabA.headSeq()).toBe(10);
    // The older import's discard must not empty the newer one's area.
    await first.discard();
    await second.add(log(1_200, 2));
    await second.commit({ replace: true });
    expect(await tabA.headSeq()).toBe(1_200);
  });

  it('a commit that fails part-way (a staged segment gone) changes nothing: the swap is one transaction', async () => {
    const store = connect(`stage-${++n}`);
    await store.appendStored(log(1_500, 3));
    const before = await store.readRange(1, 1_500);
    const staging = await store.stageLog();
    await staging.add(log(3_000, 2));
    await store.db.staging.delete(1);
    await expect(staging.commit({ replace: true })).rejects.toBeInstanceOf(StagingSuperseded);
    expect(await store.readRange(1, 5_000)).toEqual(before);
    expect(await store.db.segments.count()).toBe(1);
  });

  it('a staging area left by a crash is dropped once stale, and by the next import in any case', async () => {
    const name = `stage-${++n}`;
    const crashed = connect(name);
    const staging = await crashed.stageLog();
    await staging.add(log(2_000, 1));
    crashed.close(); // the tab died: never committed, never discarded
    const db = new EventDeskDb(name);
    // Still fresh: it may belong to an import running in another tab.
    expect(await discardStaleStaging(db)).toBe(false);
    expect(await db.staging.count()).toBe(3);
    expect(await discardStaleStaging(db, STALE_STAGING_MS, Date.now() + STALE_STAGING_MS + 1)).toBe(true);
    expect(await db.staging.count()).toBe(0);
    db.close();

    const next = connect(name);
    const leftover = await next.stageLog();
    await leftover.add(log(1_000, 1));
    const again = await next.stageLog();
    expect((await next.db.staging.get(STAGING_OWNER_ID))?.segment).toBeUndefined();
    expect(await next.db.staging.count()).toBe(1);
    await again.discard();
    expect(await next.db.staging.count()).toBe(0);
  });
});
