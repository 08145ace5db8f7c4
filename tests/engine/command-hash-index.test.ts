import { afterEach, describe, expect, it } from 'vitest';
import { checksum32 } from '../../src/engine/checksum';
import { hashesOf } from '../../src/engine/dexie/command-hash-index';
import { DexieEventStore } from '../../src/engine/dexie/dexie-event-store';
import { EventDeskDb } from '../../src/engine/dexie/eventdesk-db';
import { appendToStream } from '../../src/engine/event-store';
import { log } from './event-store.contract';
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

/** Two different ids with the same 32-bit hash (a birthday search: ~2^16 tries). */
function collidingIds(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const id = `k${i}`;
    const h = checksum32(id);
    const other = seen.get(h);
    if (other !== undefined) return [other, id];
    seen.set(h, id);
  }
}

const withCommands = (events: ReturnType<typeof log>, id: (seq: number) => string) =>
  events.map((e) => ({ ...e, meta: { ...e.meta, commandId: id(e.seq), correlationId: id(e.seq), causationId: id(e.seq) } }));

describe('command-id dedup of sealed segments (hashes per segment, layout v6)', () => {
  it('H1 a sealed segment is one hash record of its distinct command ids, no per-event index entry', async () => {
    const store = connect(`hash-record-${++n}`);
    await store.appendStored(withCommands(log(2500, 3), (seq) => `cmd-${Math.ceil(seq / 2)}`));
    const records = await store.db.commandHashes.toArray();
    expect(records.map((r) => r.id)).toEqual([0, 1]);
    expect(records[0].hashes).toHaveLength(500);
    expect(Array.from(records[0].hashes)).toEqual([...records[0].hashes].sort((a, b) => a - b));
    expect(store.db.segments.schema.indexes.map((i) => i.name)).toEqual([]);
    expect((await store.findCommand('cmd-250'))?.events.map((e) => e.seq)).toEqual([499, 500]);
    expect((await store.findCommand('cmd-1250'))?.events.map((e) => e.seq)).toEqual([2499, 2500]);
    expect(await store.findCommand('cmd-99999')).toBeUndefined();
  });

  it('H2 an id whose hash collides with a sealed command is not taken for it: the segment is read and ids compared', async () => {
    const [sealedId, otherId] = collidingIds();
    expect(checksum32(sealedId)).toBe(checksum32(otherId));
    const store = connect(`hash-collision-${++n}`);
    await store.appendStored(withCommands(log(1000, 2), (seq) => (seq === 10 ? sealedId : `c-${seq}`)));
    expect((await store.findCommand(sealedId))?.firstSeq).toBe(10);
    expect(await store.findCommand(otherId)).toBeUndefined();
    const appended = await appendToStream(store, 'fresh', [added(1)], { expectedVersion: 0 }, meta('me', 1, otherId));
    expect(appended).toMatchObject({ firstSeq: 1001 });
    expect(appended.duplicate).toBeFalsy();
  });

  it('H3 a command another tab sealed after this tab loaded the index is still found (the index catches up to the head)', async () => {
    const name = `hash-tabs-${++n}`;
    const tabA = connect(name);
    const tabB = connect(name);
    await tabA.appendStored(withCommands(log(1999, 2), (seq) => `old-${seq}`));
    // Tab A has segment 0's hashes in memory.
    expect((await tabA.findCommand('old-5'))?.firstSeq).toBe(5);
    // Tab B's command seals the second segment.
    const first = await appendToStream(tabB, 'x', [added(1)], { expectedVersion: 0 }, meta('me', 1, 'from-b'));
    expect(first.firstSeq).toBe(2000);
    expect(await tabA.db.commandHashes.count()).toBe(2);
    const retry = await appendToStream(tabA, 'x', [added(1)], { expectedVersion: 0 }, meta('me', 1, 'from-b'));
    expect(retry).toMatchObject({ duplicate: true, firstSeq: 2000 });
    expect(await tabA.headSeq()).toBe(2000);
  });

  it('H4 a segment whose hash record is missing is read for every lookup instead of missing a duplicate', async () => {
    const name = `hash-missing-${++n}`;
    const writer = connect(name);
    await writer.appendStored(withCommands(log(1200, 2), (seq) => `m-${seq}`));
    await writer.db.commandHashes.delete(0);
    const reader = connect(name);
    expect((await reader.findCommand('m-17'))?.firstSeq).toBe(17);
    const retry = await appendToStream(reader, 's0', [added(1)], { expectedVersion: 0 }, meta('me', 1, 'm-999'));
    expect(retry).toMatchObject({ duplicate: true, firstSeq: 999 });
  });

  it('H5 a layout v5 log (multi-entry index) is upgraded: each segment gets its hash record and its commands stay known', async () => {
    const name = `layout-v5-${++n}`;
    const events = withCommands(log(2100, 3), (seq) => `v5-${Math.ceil(seq / 3)}`);
    const { default: Dexie } = await import('dexie');
    const v5 = new Dexie(name);
    const stores = {
      tail: 'seq, meta.commandId',
      segments: 'id, *commandIds',
      streams: 'streamId',
      streamPages: '[streamId+page]',
      logHead: 'key',
      snapshots: '[projection+projectionVersion+seq]',
      checkpoints: 'name',
      outputs: '[subscriber+seq]',
      snapshotSizes: 'key',
      staging: 'id, *segment.commandIds',
      bookmarks: 'id',
    };
    v5.version(5).stores(stores);
    await v5.table('segments').bulkAdd(
      [0, 1].map((id) => {
        const part = events.slice(id * 1000, id * 1000 + 1000);
        const json = JSON.stringify(part);
        return { id, json, bytes: json.length, checksum: checksum32(json), checksumVersion: 1, commandIds: [...new Set(part.map((e) => e.meta.commandId))] };
      }),
    );
    await v5.table('tail').bulkAdd(events.slice(2000));
    await v5.table('logHead').put({ key: 'head', seq: 2100, sealed: 2, bytes: 1 });
    const versions = new Map<string, number>();
    for (const e of events) versions.set(e.streamId, e.version);
    await v5.table('streams').bulkPut([...versions].map(([streamId, version]) => ({ streamId, version })));
    v5.close();

    const store = connect(name);
    expect((await store.findCommand('v5-334'))?.events.map((e) => e.seq)).toEqual([1000, 1001, 1002]);
    expect((await store.findCommand('v5-500'))?.firstSeq).toBe(1498);
    const records = await store.db.commandHashes.toArray();
    expect(records.map((r) => r.id)).toEqual([0, 1]);
    expect(Array.from(records[1].hashes)).toEqual(Array.from(hashesOf(events.slice(1000, 2000).map((e) => e.meta.commandId))));
    const retry = await appendToStream(store, 's0', [added(1)], { expectedVersion: 0 }, meta('me', 1, 'v5-7'));
    expect(retry).toMatchObject({ duplicate: true, firstSeq: 19, lastSeq: 21 });
    expect(await store.headSeq()).toBe(2100);
  });

  it('H6 warming loads the hashes ahead of the first command: a later lookup reads none of their records', async () => {
    const name = `hash-warm-${++n}`;
    const store = connect(name);
    await store.appendStored(withCommands(log(2000, 2), (seq) => `w-${seq}`));
    const warmed = connect(name);
    await warmed.warmCommandIndex();
    // Records that name no command at all: only a store that already holds the real ones still finds it.
    await store.db.commandHashes.bulkPut([0, 1].map((id) => ({ id, hashes: new Uint32Array(0) })));
    expect((await warmed.findCommand('w-1500'))?.firstSeq).toBe(1500);
    expect(await connect(name).findCommand('w-1500')).toBeUndefined();
  });
});
