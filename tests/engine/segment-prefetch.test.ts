import { afterEach, describe, expect, it } from 'vitest';
import { DexieEventStore } from '../../src/engine/dexie/dexie-event-store';
import { EventDeskDb } from '../../src/engine/dexie/eventdesk-db';
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

/** Counts the segment records read from IndexedDB through this connection. */
function countSegmentReads(store: DexieEventStore): () => number {
  const segments = store.db.segments;
  const original = segments.bulkGet.bind(segments);
  let read = 0;
  segments.bulkGet = ((keys: number[]) => {
    read += keys.length;
    return original(keys);
  }) as typeof segments.bulkGet;
  return () => read;
}

describe('segments a seek prefetched', () => {
  it('S1 a read of segments a prefetch is still loading waits for it instead of reading them again', async () => {
    const name = `prefetch-${++n}`;
    const events = log(3_500, 3);
    await connect(name).appendStored(events);
    const store = connect(name);
    await store.readRange(3_400, 3_400); // the tail: learns how many segments are sealed, reads none
    const reads = countSegmentReads(store);
    store.prefetch(1, 3_000);
    const range = await store.readRange(500, 2_600);
    expect(range.map((e) => e.seq)).toEqual(events.slice(499, 2_600).map((e) => e.seq));
    expect(reads()).toBe(3);
    await store.readRange(1, 3_000);
    expect(reads()).toBe(3);
  });

  it('S2 a prefetch that fails leaves the read to read (and report) the range itself', async () => {
    const name = `prefetch-fail-${++n}`;
    const events = log(2_100, 2);
    await connect(name).appendStored(events);
    const store = connect(name);
    await store.readRange(2_050, 2_050);
    const segments = store.db.segments;
    const original = segments.bulkGet.bind(segments);
    segments.bulkGet = (() => Promise.reject(new Error('flaky read'))) as unknown as typeof segments.bulkGet;
    store.prefetch(1, 2_000);
    segments.bulkGet = original;
    const range = await store.readRange(1, 2_000);
    expect(range.length).toBe(2_000);
  });
});
