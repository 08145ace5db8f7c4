import { describe, expect, it } from 'vitest';
import type { DBCore } from 'dexie';
import { DexieCheckpointStore } from '../../src/engine/dexie/dexie-checkpoint-store';
import { EventDeskDb } from '../../src/engine/dexie/eventdesk-db';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { MemoryEventStore } from '../../src/engine/memory-event-store';
import { SubscriptionRunner, type Subscriber, type SubscriptionRunnerOptions } from '../../src/engine/subscription-runner';
import { log } from './event-store.contract';
import { testRegistry } from './test-registry';

/** An IndexedDB (fake-indexeddb) database that counts its readwrite transactions. */
function countingDb(name: string): { db: EventDeskDb; writes: () => number } {
  const db = new EventDeskDb(name);
  let writes = 0;
  db.use({
    stack: 'dbcore',
    name: 'count-writes',
    create: (down: DBCore): DBCore => ({
      ...down,
      transaction: (stores, mode, options) => {
        if (mode === 'readwrite') writes++;
        return down.transaction(stores, mode, options);
      },
    }),
  });
  return { db, writes: () => writes };
}

/** Notifications-like: an output for every 20th event. */
const every20th = (name: string): Subscriber => ({ name, handle: (e: StoredEvent) => (e.seq % 20 === 0 ? { seq: e.seq } : undefined) });

async function catchUp(events: StoredEvent[], options: SubscriptionRunnerOptions, dbName: string) {
  const store = new MemoryEventStore(testRegistry());
  await store.appendStored(events);
  const { db, writes } = countingDb(dbName);
  const checkpoints = new DexieCheckpointStore(db);
  const runner = new SubscriptionRunner(store, checkpoints, [every20th('notifications'), every20th('audit')], options);
  await runner.start();
  runner.stop();
  const result = {
    writes: writes(),
    positions: await Promise.all(['notifications', 'audit'].map(async (n) => (await checkpoints.get(n))?.seq)),
    outputs: (await checkpoints.outputs('audit', { limit: 1_000_000 })).length,
  };
  db.close();
  return result;
}

describe('subscribers write less right after a big commit', () => {
  it('catching up on 100,000 events, two subscribers commit every 50,000 events: 4 write transactions instead of 40, same checkpoints and outputs', async () => {
    const events = log(100_000, 50);
    // Before: one commit per read batch (5,000 events).
    const perBatch = await catchUp(events, { commitEvery: 5_000 }, 'batching-before');
    // Now (the default).
    const batched = await catchUp(events, {}, 'batching-after');
    console.log(`[batching] write transactions for 100,000 events, 2 subscribers: ${perBatch.writes} per read batch → ${batched.writes} batched`);
    expect(perBatch.writes).toBe(40);
    expect(batched.writes).toBe(4);
    expect(batched.positions).toEqual([100_000, 100_000]);
    expect(batched.outputs).toBe(5_000);
    expect(batched).toMatchObject({ positions: perBatch.positions, outputs: perBatch.outputs });
  });

  it('a failure mid-way still commits what was handled before it, so the retry starts at the failed event', async () => {
    const store = new MemoryEventStore(testRegistry());
    await store.appendStored(log(12_000, 10));
    const { db } = countingDb('batching-failure');
    const checkpoints = new DexieCheckpointStore(db);
    const failing: Subscriber = {
      name: 'audit',
      handle: (e) => {
        if (e.seq === 11_001) throw new Error('boom');
        return e.seq % 1_000 === 0 ? e.seq : undefined;
      },
    };
    const runner = new SubscriptionRunner(store, checkpoints, [failing], { baseBackoffMs: 60_000 });
    await runner.start();
    runner.stop();
    expect(await checkpoints.get('audit')).toMatchObject({ seq: 11_000, errorSeq: 11_001, error: 'boom' });
    expect((await checkpoints.outputs('audit', { limit: 1_000 })).map((o) => o.seq)).toHaveLength(11);
    db.close();
  });
});
