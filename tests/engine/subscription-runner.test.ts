import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryCheckpointStore } from '../../src/engine/checkpoint-store';
import { DexieCheckpointStore } from '../../src/engine/dexie/dexie-checkpoint-store';
import { DexieEventStore } from '../../src/engine/dexie/dexie-event-store';
import { EventDeskDb } from '../../src/engine/dexie/eventdesk-db';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { MemoryEventStore } from '../../src/engine/memory-event-store';
import { SubscriptionRunner, type Subscriber } from '../../src/engine/subscription-runner';
import { log } from './event-store.contract';
import { testRegistry } from './test-registry';

afterEach(() => vi.useRealTimers());

const collector = (name: string) => {
  const seen: number[] = [];
  const s: Subscriber = { name, handle: (e: StoredEvent) => void seen.push(e.seq) };
  return { s, seen };
};

describe('SubscriptionRunner', () => {
  it('status before start lists no nameless entries (a list keyed by name warned of duplicate keys)', async () => {
    const store = new MemoryEventStore(testRegistry());
    const runner = new SubscriptionRunner(store, new MemoryCheckpointStore(), [collector('a').s, collector('b').s]);
    for (const st of runner.status()) expect(st.name).toBeTypeOf('string');
    await runner.start();
    expect(runner.status().map((s) => s.name)).toEqual(['a', 'b']);
    runner.stop();
  });

  it('S1 a failing subscriber stops no one else; its error and position are visible; it is retried with backoff', async () => {
    vi.useFakeTimers();
    const store = new MemoryEventStore(testRegistry());
    await store.appendStored(log(10, 2));
    const good = collector('stats');
    let broken = true;
    const flaky: Subscriber = {
      name: 'notifications',
      handle: (e) => {
        if (e.seq === 4 && broken) throw new Error('mail server down');
        return `note ${e.seq}`;
      },
    };
    const checkpoints = new MemoryCheckpointStore();
    const runner = new SubscriptionRunner(store, checkpoints, [flaky, good.s], { baseBackoffMs: 1000, now: () => Date.now() });
    await runner.start();
    expect(good.seen).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    const failed = runner.status().find((s) => s.name === 'notifications')!;
    expect(failed).toMatchObject({ seq: 3, error: 'mail server down', errorSeq: 4, attempts: 1 });
    expect(failed.retryAt! - Date.now()).toBe(1000);
    expect((await checkpoints.get('notifications'))!.seq).toBe(3);

    // Still failing: the second retry waits twice as long.
    await vi.advanceTimersByTimeAsync(1000);
    expect(runner.status()[0]).toMatchObject({ attempts: 2, seq: 3 });
    broken = false;
    await vi.advanceTimersByTimeAsync(2000);
    expect(runner.status()[0]).toMatchObject({ seq: 10, attempts: 0, error: undefined });
    expect((await checkpoints.outputs('notifications')).map((o) => o.seq)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    runner.stop();
  });

  it('S2 checkpoints are durable: after a reload each subscriber catches up from where it stopped; a new one starts at the beginning', async () => {
    const name = `subs-${Math.random()}`;
    const db = new EventDeskDb(name);
    const store = new DexieEventStore(db, testRegistry());
    await store.appendStored(log(5, 1));
    const first = collector('audit');
    const runner = new SubscriptionRunner(store, new DexieCheckpointStore(db), [first.s]);
    await runner.start();
    runner.stop();
    store.close();
    expect(first.seen).toEqual([1, 2, 3, 4, 5]);

    const db2 = new EventDeskDb(name);
    const store2 = new DexieEventStore(db2, testRegistry());
    await store2.appendStored(log(3, 1, 6));
    const again = collector('audit');
    const fresh = collector('stats');
    const runner2 = new SubscriptionRunner(store2, new DexieCheckpointStore(db2), [again.s, fresh.s]);
    await runner2.start();
    expect(again.seen).toEqual([6, 7, 8]);
    expect(fresh.seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    runner2.stop();
    store2.close();
  });

  it('S3 new events are delivered as they are appended', async () => {
    const store = new MemoryEventStore(testRegistry());
    const c = collector('live');
    const runner = new SubscriptionRunner(store, new MemoryCheckpointStore(), [c.s]);
    await runner.start();
    await store.appendStored(log(3, 1));
    await runner.kick();
    expect(c.seen).toEqual([1, 2, 3]);
    runner.stop();
  });
});
