import { afterEach, describe, expect, it } from 'vitest';
import { DexieEventStore } from '../../src/engine/dexie/dexie-event-store';
import { EventDeskDb } from '../../src/engine/dexie/eventdesk-db';
import { StorageQuotaExceeded, TransactionAborted } from '../../src/engine/errors';
import { appendToStream } from '../../src/engine/event-store';
import { eventStoreContract, log } from './event-store.contract';
import { added, meta, testRegistry } from './test-registry';

const open: DexieEventStore[] = [];
let n = 0;
function connect(name: string): DexieEventStore {
  const store = new DexieEventStore(new EventDeskDb(name), testRegistry());
  open.push(store);
  return store;
}
afterEach(async () => {
  for (const s of open.splice(0)) s.close();
});

eventStoreContract('DexieEventStore', async () => connect(`contract-${++n}`));

describe('DexieEventStore on IndexedDB', () => {
  it('D1 two connections (two tabs) appending concurrently keep seq gap-free and lose nothing', async () => {
    const name = `tabs-${++n}`;
    const tabA = connect(name);
    const tabB = connect(name);
    const write = (store: DexieEventStore, prefix: string) =>
      Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          appendToStream(store, `${prefix}-${i % 4}`, [added(i), added(i + 1)], { expectedVersion: 'any' }, meta(prefix)),
        ),
      );
    await Promise.all([write(tabA, 'a'), write(tabB, 'b'), tabA.appendStored([]).then(() => write(tabA, 'c'))]);
    const all = await tabB.readRange(1, 10_000);
    expect(all.length).toBe(360);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 360 }, (_, i) => i + 1));
    for (const id of ['a-0', 'b-3', 'c-2']) {
      const stream = await tabA.readStream(id);
      expect(stream.map((e) => e.version)).toEqual(Array.from({ length: stream.length }, (_, i) => i + 1));
      expect(stream.length).toBe(30);
    }
  });

  it('D2 a second connection sees the head move (cross-tab notification)', async () => {
    const name = `notify-${++n}`;
    const tabA = connect(name);
    const tabB = connect(name);
    const heard = new Promise<number>((resolve) => tabB.onAppended(resolve));
    await appendToStream(tabA, 'x', [added(1)], { expectedVersion: 'any' }, meta());
    expect(await heard).toBe(1);
  });

  it('D3 QuotaExceededError becomes StorageQuotaExceeded and nothing is written', async () => {
    const store = connect(`quota-${++n}`);
    await store.appendStored(log(999, 2));
    const segments = store.db.segments;
    const original = segments.bulkAdd.bind(segments);
    segments.bulkAdd = (() => Promise.reject(new DOMException('disk full', 'QuotaExceededError'))) as unknown as typeof segments.bulkAdd;
    const error = await appendToStream(store, 's0', [added(1), added(2)], { expectedVersion: 'any' }, meta()).catch((e) => e);
    segments.bulkAdd = original;
    expect(error).toBeInstanceOf(StorageQuotaExceeded);
    expect(error.message).toMatch(/no more storage/);
    expect(await store.headSeq()).toBe(999);
    expect((await store.readRange(1, 2000)).length).toBe(999);
  });

  it('D4 an aborted transaction becomes TransactionAborted and nothing is written', async () => {
    const store = connect(`abort-${++n}`);
    await appendToStream(store, 'a', [added(1)], { expectedVersion: 'any' }, meta());
    const pages = store.db.streamPages;
    const original = pages.bulkPut.bind(pages);
    pages.bulkPut = (() => Promise.reject(new DOMException('aborted', 'AbortError'))) as unknown as typeof pages.bulkPut;
    const error = await appendToStream(store, 'a', [added(2)], { expectedVersion: 1 }, meta()).catch((e) => e);
    pages.bulkPut = original;
    expect(error).toBeInstanceOf(TransactionAborted);
    expect(await store.headSeq()).toBe(1);
    expect(await store.streamVersion('a')).toBe(1);
  });

  it('D5 a full segment is sealed into one record, the rest stays in the tail', async () => {
    const store = connect(`layout-${++n}`);
    await store.appendStored(log(2345, 5));
    expect(await store.db.segments.count()).toBe(2);
    expect(await store.db.tail.count()).toBe(345);
    for (let i = 0; i < 700; i++) await appendToStream(store, 'z', [added(1)], { expectedVersion: i }, meta());
    expect(await store.db.segments.count()).toBe(3);
    expect(await store.db.tail.count()).toBe(45);
    expect((await store.readRange(1, 5000)).map((e) => e.seq)).toEqual(Array.from({ length: 3045 }, (_, i) => i + 1));
  }, 30_000); // 700 single appends: seconds on fake-indexeddb when the shared CI cores are busy
});

describe('storage layout migrations', () => {
  it('M1 a database written with layout v1 (segments as object arrays) is upgraded and reads the same events', async () => {
    const name = `layout-v1-${++n}`;
    const events = log(2100, 3);
    // Layout v1, written as the code of that version did.
    const { default: Dexie } = await import('dexie');
    const v1 = new Dexie(name);
    v1.version(1).stores({ tail: 'seq', segments: 'id', streams: 'streamId', streamPages: '[streamId+page]', logHead: 'key', snapshots: '[projection+projectionVersion+seq]', checkpoints: 'name', outputs: '[subscriber+seq]', snapshotSizes: 'key' });
    await v1.table('segments').bulkAdd([0, 1].map((id) => ({ id, events: events.slice(id * 1000, id * 1000 + 1000), bytes: 1 })));
    await v1.table('tail').bulkAdd(events.slice(2000));
    await v1.table('logHead').put({ key: 'head', seq: 2100, sealed: 2, bytes: 1 });
    const versions = new Map<string, number>();
    for (const e of events) versions.set(e.streamId, e.version);
    await v1.table('streams').bulkPut([...versions].map(([streamId, version]) => ({ streamId, version })));
    v1.close();

    const store = connect(name);
    expect(await store.readRange(1, 5000)).toEqual(events.map((e) => testRegistry().upcast(e)));
    const raw = await store.db.segments.get(1);
    expect(typeof raw!.json).toBe('string');
  });

  it('M2 a layout v2 log gets the command-id dedup index on upgrade: its commands are known, sealed or in the tail', async () => {
    const name = `layout-v2-${++n}`;
    const events = log(1500, 3).map((e) => ({ ...e, meta: { ...e.meta, commandId: `old-${Math.ceil(e.seq / 3)}` } }));
    const { default: Dexie } = await import('dexie');
    const v2 = new Dexie(name);
    const stores = { tail: 'seq', segments: 'id', streams: 'streamId', streamPages: '[streamId+page]', logHead: 'key', snapshots: '[projection+projectionVersion+seq]', checkpoints: 'name', outputs: '[subscriber+seq]', snapshotSizes: 'key' };
    v2.version(1).stores(stores);
    v2.version(2).stores(stores);
    const json = JSON.stringify(events.slice(0, 1000));
    await v2.table('segments').add({ id: 0, json, bytes: json.length });
    await v2.table('tail').bulkAdd(events.slice(1000));
    await v2.table('logHead').put({ key: 'head', seq: 1500, sealed: 1, bytes: 1 });
    const versions = new Map<string, number>();
    for (const e of events) versions.set(e.streamId, e.version);
    await v2.table('streams').bulkPut([...versions].map(([streamId, version]) => ({ streamId, version })));
    v2.close();

    const store = connect(name);
    // Command old-334 spans the sealed segment (seq 1000) and the tail (1001, 1002).
    expect((await store.findCommand('old-334'))?.events.map((e) => e.seq)).toEqual([1000, 1001, 1002]);
    expect((await store.findCommand('old-7'))?.firstSeq).toBe(19);
    const retry = await appendToStream(store, 's0', [added(1)], { expectedVersion: 0 }, meta('me', 1, 'old-500'));
    expect(retry).toMatchObject({ duplicate: true, firstSeq: 1498, lastSeq: 1500 });
    expect(await store.headSeq()).toBe(1500);
    expect((await store.db.segments.get(0))!.commandIds).toHaveLength(334);
  });
});
