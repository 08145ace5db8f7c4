import { afterEach, describe, expect, it } from 'vitest';
import { checksum32 } from '../../src/engine/checksum';
import { DexieEventStore } from '../../src/engine/dexie/dexie-event-store';
import { EventDeskDb } from '../../src/engine/dexie/eventdesk-db';
import { LogDamaged } from '../../src/engine/errors';
import { appendToStream } from '../../src/engine/event-store';
import { log } from './event-store.contract';
import { added, meta, testRegistry } from './test-registry';

const open: DexieEventStore[] = [];
let n = 0;
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

/** A fresh store holding `count` events: full segments of 1,000 sealed, the rest in the tail. */
async function storeWith(count: number): Promise<DexieEventStore> {
  const store = new DexieEventStore(new EventDeskDb(`log-integrity-${++n}`), testRegistry());
  open.push(store);
  await store.appendStored(log(count, 3));
  return store;
}

/** A second connection (as after a reload): nothing cached. */
function reopen(store: DexieEventStore): DexieEventStore {
  const again = new DexieEventStore(new EventDeskDb(store.db.name), testRegistry());
  open.push(again);
  return again;
}

const damageOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as LogDamaged);

describe('Log record integrity', () => {
  it('L1 sealed segments and tail events carry a checksum of what is stored', async () => {
    const store = await storeWith(1_005);
    const [segment] = await store.db.segments.toArray();
    expect(segment.checksum).toBe(checksum32(segment.json));
    expect(segment.checksumVersion).toBe(1);
    const tail = await store.db.tail.toArray();
    expect(tail).toHaveLength(5);
    for (const record of tail) {
      const { checksum, checksumVersion, ...event } = record;
      expect(checksumVersion).toBe(1);
      expect(checksum).toBe(checksum32(JSON.stringify(event)));
    }
    // Reads return plain events, without the checksum fields.
    expect(Object.keys((await store.readRange(1003, 1003))[0]).sort()).toEqual(['data', 'meta', 'schemaVersion', 'seq', 'streamId', 'type', 'version']);
  });

  it('L2 a tail event whose data was replaced by a string is reported as damage at its seq, never read as a value', async () => {
    const store = await storeWith(1_010);
    await store.db.tail.update(1_004, { data: 'garbage' as never });
    const reader = reopen(store);
    const heard: LogDamaged[] = [];
    reader.onDamage((e) => heard.push(e));
    const error = await damageOf(reader.readRange(1, 1_010));
    expect(error).toBeInstanceOf(LogDamaged);
    expect([error!.from, error!.to]).toEqual([1_004, 1_004]);
    expect(error!.message).toMatch(/damaged at events 1,004–1,004 .*Events 1–1,003 are intact and can be exported/);
    expect(heard.map((e) => e.from)).toEqual([1_004]);
    // The part before it still reads.
    expect((await reader.readRange(1, 1_003)).length).toBe(1_003);
    await expect(reader.readStream('s1')).rejects.toBeInstanceOf(LogDamaged);
  });

  it('L3 a sealed segment cut in half is reported with its seq range; the rest of the log still reads', async () => {
    const store = await storeWith(3_000);
    const segment = (await store.db.segments.get(1))!;
    await store.db.segments.put({ ...segment, json: segment.json.slice(0, segment.json.length / 2) });
    const reader = reopen(store);
    const error = await damageOf(reader.readRange(1, 3_000));
    expect([error!.from, error!.to]).toEqual([1_001, 2_000]);
    expect((await reader.readRange(1, 1_000)).length).toBe(1_000);
    expect((await reader.readRange(2_001, 3_000)).length).toBe(1_000);
  });

  it('L4 an altered segment with its JSON still valid fails its checksum; a missing one is damage too', async () => {
    const store = await storeWith(2_000);
    const segment = (await store.db.segments.get(0))!;
    await store.db.segments.put({ ...segment, json: segment.json.replace('"amount":3', '"amount":9') });
    await store.db.segments.delete(1);
    const reader = reopen(store);
    expect((await damageOf(reader.readRange(10, 20)))!.reason).toBe('checksum mismatch');
    expect((await damageOf(reader.readRange(1_500, 1_500)))!.reason).toBe('the segment is missing');
  });

  it('L5 records from before checksums are accepted when they pass their schemas, and sealed with a checksum', async () => {
    const store = await storeWith(998);
    const records = await store.db.tail.toArray();
    await store.db.tail.bulkPut(records.map(({ checksum: _c, checksumVersion: _v, ...event }) => event));
    const segment = (await store.db.segments.toArray())[0];
    expect(segment).toBeUndefined();
    const reader = reopen(store);
    expect((await reader.readRange(1, 998)).length).toBe(998);
    await appendToStream(reader, 'x', [added(1), added(2)], { expectedVersion: 'any' }, meta());
    const sealed = (await reader.db.segments.get(0))!;
    expect(sealed.checksum).toBe(checksum32(sealed.json));
    expect(JSON.parse(sealed.json)[0]).not.toHaveProperty('checksum');
  });

  it('L6 an old record that fails its schema is damage, and is never sealed into a segment', async () => {
    const store = await storeWith(998);
    const { checksum: _c, checksumVersion: _v, ...event } = (await store.db.tail.get(500))!;
    await store.db.tail.put({ ...event, data: { amount: 'NaN' } });
    const reader = reopen(store);
    const error = await damageOf(reader.readRange(1, 998));
    expect(error!.message).toMatch(/event 500 fails its schema/);
    const append = await damageOf(appendToStream(reader, 'x', [added(1), added(2)], { expectedVersion: 'any' }, meta()));
    expect(append).toBeInstanceOf(LogDamaged);
    expect(await reader.headSeq()).toBe(998);
    expect(await reader.db.segments.count()).toBe(0);
  });
});
