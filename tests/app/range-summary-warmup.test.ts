import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import { QUIET_MS, RangeSummaryWarmup, runs, type IdleScheduler } from '../../src/app/range-summary-warmup';
import { generateDemoHistory } from '../../src/domain/demo-data';
import { SEGMENT_SIZE } from '../../src/engine/dexie/eventdesk-db';
import type { StoredEvent } from '../../src/engine/event-envelope';

const soon: IdleScheduler = (task) => {
  const id = setTimeout(task, 0);
  return () => clearTimeout(id);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runs', () => {
  it('groups descending ids into consecutive runs of at most ten, newest first', () => {
    expect(runs([25, 24, 23, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 3])).toEqual([
      [23, 25],
      [11, 20],
      [10, 10],
      [3, 3],
    ]);
    expect(runs([])).toEqual([]);
  });
});

describe('RangeSummaryWarmup', () => {
  it('makes every missing segment, newest first, and then says it is ready', async () => {
    const made: [number, number][] = [];
    const w = new RangeSummaryWarmup({ missing: async () => [0, 1, 2, 5, 6], make: async (f, l) => made.push([f, l]) }, soon);
    w.start();
    expect(await w.ready()).toMatchObject({ made: 5 });
    expect(made).toEqual([
      [5, 6],
      [0, 2],
    ]);
  });

  it('makes no chunk while a seek runs nor just after it, and the seek does not wait for the warmup', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => i);
    let seeking = false;
    let chunkDuringSeek = false;
    let chunks = 0;
    let madeAfterSeek = -1;
    let firstChunk!: () => void;
    const started = new Promise<void>((r) => (firstChunk = r));
    const w = new RangeSummaryWarmup(
      {
        missing: async () => ids,
        make: async () => {
          if (seeking) chunkDuringSeek = true;
          chunks++;
          firstChunk();
          await sleep(5);
        },
      },
      soon,
    );
    w.start();
    await started;
    seeking = true;
    await w.during(sleep(30).then(() => (seeking = false)));
    madeAfterSeek = chunks;
    // The seek resolved while the background work was still going (6 chunks of 10).
    expect(madeAfterSeek).toBeLessThan(6);
    // And nothing is made in the quiet time after it.
    await sleep(QUIET_MS / 2);
    expect(chunks).toBe(madeAfterSeek);
    await w.ready();
    expect(chunks).toBe(6);
    expect(chunkDuringSeek).toBe(false);
  });

  it('after a replace, lists the new log and is ready only when that is made', async () => {
    let log = 'old';
    const made: string[] = [];
    let release!: () => void;
    const w = new RangeSummaryWarmup(
      {
        missing: async () => (log === 'old' ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] : [0, 1]),
        make: async (f, l) => {
          made.push(`${log}:${f}-${l}`);
          if (log === 'old') await new Promise<void>((r) => (release = r));
        },
      },
      soon,
    );
    w.start();
    await expect.poll(() => made.length).toBe(1);
    log = 'new';
    w.replaced();
    release();
    await w.ready();
    expect(made).toEqual(['old:2-11', 'new:0-1']);
  });
});

describe('the desk makes the summaries of every sealed segment in idle time', { timeout: 60_000 }, () => {
  let events: StoredEvent[];
  const desks: EventDesk[] = [];
  const hadIdle = 'requestIdleCallback' in globalThis;
  beforeAll(async () => {
    events = await generateDemoHistory({ seed: 31, eventsTarget: 12_600, startAt: Date.UTC(2026, 0, 1), quantityRange: [2_000, 20_000], batchSizeRange: [20, 100] });
    // jsdom has no idle callback; the desk (like a browser without one) then does no idle work at all.
    if (!hadIdle) {
      Object.assign(globalThis, {
        requestIdleCallback: (cb: () => void) => setTimeout(cb, 0) as unknown as number,
        cancelIdleCallback: (id: number) => clearTimeout(id),
      });
    }
  });
  afterEach(() => {
    while (desks.length) desks.pop()!.close();
  });

  it('has a stored summary for each sealed segment after start, without any Compare', async () => {
    const desk = new EventDesk({ dbName: 'warmup-' + Math.random(), runExecutor: false, snapshotInterval: 100_000 });
    desks.push(desk);
    await desk.store.appendStored(events);
    await desk.start();
    const sealed = Math.floor(events.length / SEGMENT_SIZE);
    expect(sealed).toBeGreaterThanOrEqual(12);
    expect((await desk.rangeSummariesReady()).made).toBe(sealed);
    const stored = await desk.db.segmentDigests.where('id').aboveOrEqual(0).primaryKeys();
    expect(stored.sort((a, b) => a - b)).toEqual(Array.from({ length: sealed }, (_, i) => i));
  });

  it('makes the new log after an import replaced it', async () => {
    const desk = new EventDesk({ dbName: 'warmup-' + Math.random(), runExecutor: false, snapshotInterval: 100_000 });
    desks.push(desk);
    await desk.store.appendStored(events.slice(0, 3_000));
    await desk.start();
    await desk.rangeSummariesReady();
    await desk.store.replaceLog(events);
    const sealed = Math.floor(events.length / SEGMENT_SIZE);
    const stored = async () => (await desk.db.segmentDigests.where('id').aboveOrEqual(0).primaryKeys()).sort((a, b) => a - b);
    await expect.poll(stored, { timeout: 20_000 }).toEqual(Array.from({ length: sealed }, (_, i) => i));
  });
});
