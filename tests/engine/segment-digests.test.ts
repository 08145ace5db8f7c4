import { afterEach, describe, expect, it } from 'vitest';
import { DexieEventStore } from '../../src/engine/dexie/dexie-event-store';
import { EventDeskDb, LOG_IDENTITY_ID } from '../../src/engine/dexie/eventdesk-db';
import { SegmentDigests, type SegmentDigester } from '../../src/engine/dexie/segment-digests';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { log } from './event-store.contract';
import { testRegistry } from './test-registry';

const open: DexieEventStore[] = [];
let n = 0;
function connect(name = `digests-${++n}`): DexieEventStore {
  const store = new DexieEventStore(new EventDeskDb(name), testRegistry());
  open.push(store);
  return store;
}
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

/** A digest that names what it was made from: first seq, last seq and the sum of the amounts. */
function summing(key = 'sum-1') {
  const made: number[] = [];
  const digester: SegmentDigester<{ first: number; last: number; sum: number }> = {
    key,
    make(events: StoredEvent[], from: number) {
      made.push(from);
      return { first: events[0].seq, last: events.at(-1)!.seq, sum: events.reduce((s, e) => s + (e.data as { amount: number }).amount, 0) };
    },
  };
  return { digester, made };
}

/** Write-behind: the digests land in their own transaction after read() returns. */
async function storedDigests(store: DexieEventStore): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const count = await store.db.segmentDigests.where('id').aboveOrEqual(0).count();
    if (count > 0) return count;
    await new Promise((r) => setTimeout(r, 10));
  }
  return 0;
}

describe('segment digests (derived data per sealed segment, layout v7)', () => {
  it('makes one digest per sealed segment from its events, and none for events not sealed yet', async () => {
    const store = connect();
    const events = log(2_500, 3);
    await store.appendStored(events);
    const { digester } = summing();
    const digests = await new SegmentDigests(store, testRegistry(), digester).read(0, 2);
    const sum = (from: number, to: number) => events.slice(from, to).reduce((s, e) => s + (e.data as { amount: number }).amount, 0);
    expect(digests).toEqual([{ first: 1, last: 1000, sum: sum(0, 1000) }, { first: 1001, last: 2000, sum: sum(1000, 2000) }, undefined]);
  });

  it('a stored digest is read back, not made again, by a reader that never saw it (after a reload)', async () => {
    const store = connect();
    await store.appendStored(log(3_000, 3));
    const first = summing();
    const made = await new SegmentDigests(store, testRegistry(), first.digester).read(0, 2);
    expect(first.made).toEqual([0, 1000, 2000]);
    expect(await storedDigests(store)).toBe(3);
    const second = summing();
    expect(await new SegmentDigests(store, testRegistry(), second.digester).read(0, 2)).toEqual(made);
    expect(second.made).toEqual([]);
  });

  it('a digest of another key (an older version) is made again', async () => {
    const store = connect();
    await store.appendStored(log(2_000, 3));
    await new SegmentDigests(store, testRegistry(), summing('sum-1').digester).read(0, 1);
    expect(await storedDigests(store)).toBe(2);
    const newer = summing('sum-2');
    await new SegmentDigests(store, testRegistry(), newer.digester).read(0, 1);
    expect(newer.made).toEqual([0, 1000]);
  });

  it('after the log is replaced, no digest of the old log is served, from memory or from the table', async () => {
    const store = connect();
    await store.appendStored(log(2_000, 3));
    const { digester } = summing();
    const digests = new SegmentDigests(store, testRegistry(), digester);
    const old = await digests.read(0, 1);
    expect(await storedDigests(store)).toBe(2);
    const oldId = (await store.db.segmentDigests.get(LOG_IDENTITY_ID))!.logId;
    const other = log(2_000, 5).map((e) => ({ ...e, data: { amount: (e.data as { amount: number }).amount + 1 } }));
    await store.replaceLog(other);
    const now = await digests.read(0, 1);
    expect(now).not.toEqual(old);
    expect(now[0]).toEqual({ first: 1, last: 1000, sum: other.slice(0, 1000).reduce((s, e) => s + (e.data as { amount: number }).amount, 0) });
    expect((await store.db.segmentDigests.get(LOG_IDENTITY_ID))!.logId).not.toBe(oldId);
  });

  it('a replace in another tab empties what this tab holds in memory', async () => {
    const name = `digests-tabs-${++n}`;
    const here = connect(name);
    await here.appendStored(log(2_000, 3));
    const digests = new SegmentDigests(here, testRegistry(), summing().digester);
    const old = await digests.read(0, 1);
    const replaced = new Promise<void>((resolve) => here.onAppended((_, { replaced }) => replaced && resolve()));
    const other = log(2_000, 5).map((e) => ({ ...e, data: { amount: 7 } }));
    await connect(name).replaceLog(other);
    await replaced;
    const now = await digests.read(0, 1);
    expect(now).not.toEqual(old);
    expect(now[1]).toEqual({ first: 1001, last: 2000, sum: 7_000 });
  });

  it('a damaged segment is reported as damage, not digested', async () => {
    const store = connect();
    await store.appendStored(log(1_000, 3));
    const record = (await store.db.segments.get(0))!;
    await store.db.segments.put({ ...record, json: record.json.replace('"amount":', '"amount": ') });
    await expect(new SegmentDigests(store, testRegistry(), summing().digester).read(0, 0)).rejects.toMatchObject({ name: 'LogDamaged' });
  });
});

describe('which sealed segments have no digest yet', () => {
  it('lists the sealed segments without a stored digest, not the one still filling', async () => {
    const store = connect();
    await store.appendStored(log(4_500, 3));
    const digests = new SegmentDigests(store, testRegistry(), summing().digester);
    expect(await digests.missing()).toEqual([0, 1, 2, 3]);
    await digests.read(1, 2);
    await expect.poll(() => digests.missing()).toEqual([0, 3]);
  });
});
