// Bench-only page: generates the history and times bulk import against raw
// IndexedDB. Served from the same origin as the app, so it writes the app's own
// 'eventdesk' database. Never part of the app build (bench/run.mjs builds it).
import Dexie from 'dexie';
import { DexieEventStore } from '../../src/engine/dexie/dexie-event-store';
import { EventDeskDb, SEGMENT_SIZE, type SegmentRecord } from '../../src/engine/dexie/eventdesk-db';
import { verifySegment } from '../../src/engine/dexie/log-record-integrity';
import { checksum32 } from '../../src/engine/checksum';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { generateDemoHistory } from '../../src/domain/demo-data';
import { createEventRegistry } from '../../src/domain/events';

const APP_DB = 'eventdesk';
const RAW_DB = 'eventdesk-bench-raw';

let events: StoredEvent[] = [];

function idbDelete(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
    r.onblocked = () => console.warn(`[bench] deleteDatabase(${name}) blocked`);
  });
}

function countTypes(list: StoredEvent[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of list) out[e.type] = (out[e.type] ?? 0) + 1;
  return out;
}

const api = {
  async generate(n: number, seed: number) {
    const t0 = performance.now();
    // Realistic at scale: a few thousand orders of 5k–50k likes, each run in hundreds of batches.
    events = await generateDemoHistory({
      seed,
      eventsTarget: n,
      startAt: Date.UTC(2026, 0, 1),
      quantityRange: [5_000, 50_000],
      batchSizeRange: [20, 100],
    });
    const ms = performance.now() - t0;
    const orders = new Set(events.filter((e) => e.type === 'OrderPlaced').map((e) => e.streamId)).size;
    return { events: events.length, ms, orders, streams: new Set(events.map((e) => e.streamId)).size, types: countTypes(events) };
  },

  /** Clears the app DB and times appendStored of the first `limit` events (DB already open, not timed). */
  async importEventDesk(limit?: number) {
    const list = limit ? events.slice(0, limit) : events;
    await Dexie.delete(APP_DB);
    const db = new EventDeskDb(APP_DB);
    await db.open();
    const store = new DexieEventStore(db, createEventRegistry());
    const t0 = performance.now();
    await store.appendStored(list);
    const ms = performance.now() - t0;
    const logBytes = await store.logBytes();
    store.close();
    return { ms, events: list.length, logBytes };
  },

  /** Reference: the same events packed into 1,000-event records, one transaction, raw IndexedDB. */
  async importRaw() {
    await idbDelete(RAW_DB);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(RAW_DB, 1);
      r.onupgradeneeded = () => r.result.createObjectStore('segments', { keyPath: 'id' });
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('segments', 'readwrite');
      const os = tx.objectStore('segments');
      for (let i = 0, id = 0; i < events.length; i += SEGMENT_SIZE, id++) os.put({ id, events: events.slice(i, i + SEGMENT_SIZE) });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    const ms = performance.now() - t0;
    db.close();
    await idbDelete(RAW_DB);
    return { ms, events: events.length };
  },

  drop() {
    events = [];
  },

  /**
   * What verifying log records on read costs (issue 10): the sealed segments importEventDesk left in the app
   * DB, read once, then per round parsed alone (a read without checksums) and verified (checksum + parse +
   * order check, what every read does). Interleaved, so neither side gets the warmer runs.
   */
  async checksumCost(rounds = 3) {
    const db = new EventDeskDb(APP_DB);
    await db.open();
    const segments = (await db.segments.toArray()) as SegmentRecord[];
    db.close();
    const registry = createEventRegistry();
    const time = (fn: () => void) => {
      const t0 = performance.now();
      fn();
      return performance.now() - t0;
    };
    const out = { segments: segments.length, events: segments.length * SEGMENT_SIZE, chars: 0, parseMs: [] as number[], verifyMs: [] as number[], checksumMs: [] as number[] };
    for (const s of segments) out.chars += s.json.length;
    const parse = () => out.parseMs.push(time(() => segments.forEach((s) => JSON.parse(s.json))));
    const verify = () => out.verifyMs.push(time(() => segments.forEach((s) => verifySegment(s, s.id * SEGMENT_SIZE + 1, (s.id + 1) * SEGMENT_SIZE, registry))));
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) {
        parse();
        verify();
      } else {
        verify();
        parse();
      }
      out.checksumMs.push(time(() => segments.forEach((s) => checksum32(s.json))));
    }
    return out;
  },
};

(window as unknown as { __bench: typeof api }).__bench = api;
document.getElementById('status')!.textContent = 'bench page ready';
