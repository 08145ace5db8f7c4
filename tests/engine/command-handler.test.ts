import { describe, expect, it } from 'vitest';
import { CommandHandler, type CommandSpec } from '../../src/engine/command-handler';
import { DomainRuleViolation, TooManyConflicts } from '../../src/engine/errors';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { appendToStream } from '../../src/engine/event-store';
import { MemoryEventStore } from '../../src/engine/memory-event-store';
import { added, meta, removed, testRegistry } from './test-registry';

const balance = {
  initialState: () => 0,
  evolve: (s: number, e: StoredEvent) => s + (e.type === 'Added' ? 1 : -1) * (e.data as { amount: number }).amount,
};

const spend = (amount: number): CommandSpec => ({
  load: { wallet: balance },
  decide: ({ wallet }: { wallet: number }) => {
    if (wallet < amount) throw new DomainRuleViolation('insufficient', `Only ${wallet} left.`);
    return { wallet: [removed(amount)] };
  },
});

describe('CommandHandler', () => {
  it('C1 a conflict is retried against fresh state; a command no longer valid is rejected and writes nothing', async () => {
    const store = new MemoryEventStore(testRegistry());
    await appendToStream(store, 'wallet', [added(10)], { expectedVersion: 'no_stream' }, meta());
    const tabA = new CommandHandler(store);
    const tabB = new CommandHandler(store);
    await tabA.loadStream('wallet', balance);
    await tabB.handle(spend(6), meta());
    // Tab A still believes the balance is 10; its append conflicts, it reloads, and the rule now says no.
    await expect(tabA.handle(spend(6), meta())).rejects.toThrow('Only 4 left.');
    expect(await store.headSeq()).toBe(2);
    await tabA.handle(spend(4), meta());
    expect((await tabA.loadStream('wallet', balance)).state).toBe(0);
  });

  it('C2 gives up with TooManyConflicts after the bounded number of attempts', async () => {
    const store = new MemoryEventStore(testRegistry());
    let n = 0;
    const racing: CommandSpec = {
      load: { s: balance },
      decide: () => ({ s: [added(1)] }),
    };
    const original = store.appendToStreams.bind(store);
    store.appendToStreams = async (appends, m) => {
      // Someone else always wins the race.
      await original([{ streamId: 's', events: [added(1)], expectedVersion: 'any' }], meta('racer'));
      n++;
      return original(appends, m);
    };
    const handler = new CommandHandler(store, { maxAttempts: 3 });
    await expect(handler.handle(racing, meta())).rejects.toBeInstanceOf(TooManyConflicts);
    expect(n).toBe(3);
  });

  it('C3 a multi-stream command appends to every stream atomically with the versions it read', async () => {
    const store = new MemoryEventStore(testRegistry());
    await appendToStream(store, 'wallet', [added(100)], { expectedVersion: 'no_stream' }, meta());
    const handler = new CommandHandler(store);
    const result = await handler.handle(
      {
        load: { wallet: balance, 'order-1': balance },
        decide: () => ({ 'order-1': [added(30)], wallet: [removed(30)] }),
      },
      meta(),
    );
    expect(result.versions).toEqual({ 'order-1': 1, wallet: 2 });
    expect((await store.readRange(1, 10)).map((e) => e.streamId)).toEqual(['wallet', 'order-1', 'wallet']);
  });
});

describe('CommandHandler.prime', () => {
  it('C4 a primed stream state is used, and events after it are still read and checked', async () => {
    const store = new MemoryEventStore(testRegistry());
    await appendToStream(store, 'wallet', [added(10), added(5)], { expectedVersion: 'no_stream' }, meta());
    const handler = new CommandHandler(store);
    let reads = 0;
    const readStream = store.readStream.bind(store);
    store.readStream = async (id, options) => {
      reads++;
      return readStream(id, options);
    };
    // Primed with a marked value (the true fold is 15) to show the primed state is what the handler uses.
    handler.prime('wallet', balance, 2, 1015);
    await appendToStream(store, 'wallet', [removed(3)], { expectedVersion: 2 }, meta());
    const loaded = await handler.loadStream('wallet', balance);
    expect(loaded).toEqual({ version: 3, state: 1012 });
    expect(reads).toBe(1);
    // Another writer moves the stream on: the next command reads just that event before deciding.
    await appendToStream(store, 'wallet', [removed(2)], { expectedVersion: 3 }, meta());
    await handler.handle(spend(10), meta());
    expect(await store.headSeq()).toBe(5);
    expect((await handler.loadStream('wallet', balance)).state).toBe(1000);
  });

  it('C-dedup a command sent again with its id is not decided again and answers with the first result (one charge)', async () => {
    const store = new MemoryEventStore(testRegistry());
    await appendToStream(store, 'wallet', [added(10)], { expectedVersion: 'no_stream' }, meta());
    const handler = new CommandHandler(store);
    let decided = 0;
    const counted: CommandSpec = { ...spend(6), decide: (s) => (decided++, spend(6).decide(s)) };
    const m = meta('me');
    const first = await handler.handle(counted, m);
    // The retry after a timeout: the rule would now say "Only 4 left." — but it is the same intent.
    const retry = await handler.handle(counted, m);
    expect(decided).toBe(1);
    expect(retry).toMatchObject({ duplicate: true, firstSeq: first.firstSeq, lastSeq: first.lastSeq, versions: first.versions });
    expect(retry.events).toEqual(first.events);
    expect(await store.headSeq()).toBe(2);
  });

  it('C-dedup-concurrent three fast sends of one id, here and from another handler (tab), write once', async () => {
    const store = new MemoryEventStore(testRegistry());
    await appendToStream(store, 'wallet', [added(100)], { expectedVersion: 'no_stream' }, meta());
    const tabA = new CommandHandler(store);
    const tabB = new CommandHandler(store);
    const m = meta('me');
    const results = await Promise.all([tabA.handle(spend(60), m), tabA.handle(spend(60), m), tabB.handle(spend(60), m), tabA.handle(spend(60), m)]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.lastSeq))).toEqual(new Set([2]));
    expect(await store.headSeq()).toBe(2);
    expect((await tabB.loadStream('wallet', balance)).state).toBe(40);
  });
  it('C-lookup-at-once the id lookup and the stream reads are asked for together, one round trip before deciding', async () => {
    const store = new MemoryEventStore(testRegistry());
    await appendToStream(store, 'wallet', [added(10)], { expectedVersion: 'no_stream' }, meta());
    const order: string[] = [];
    let answer: () => void = () => {};
    const lookupHeld = new Promise<void>((r) => (answer = r));
    const find = store.findCommand.bind(store);
    store.findCommand = async (id) => {
      order.push('lookup asked');
      await lookupHeld;
      order.push('lookup answered');
      return find(id);
    };
    const read = store.readStream.bind(store);
    store.readStream = (id, o) => (order.push('stream read'), read(id, o));
    const handling = new CommandHandler(store).handle(spend(6), meta('me'));
    await new Promise((r) => setTimeout(r, 0));
    // The stream was read while the lookup was still out.
    expect(order).toEqual(['stream read', 'lookup asked']);
    answer();
    await handling;
    expect(await store.headSeq()).toBe(2);
  });

  it('C-lookup-fails a failing lookup fails the command and writes nothing', async () => {
    const store = new MemoryEventStore(testRegistry());
    await appendToStream(store, 'wallet', [added(10)], { expectedVersion: 'no_stream' }, meta());
    store.findCommand = () => Promise.reject(new Error('read failed'));
    store.readStream = () => Promise.reject(new Error('stream read failed'));
    await expect(new CommandHandler(store).handle(spend(6), meta('me'))).rejects.toThrow(/^read failed$/);
    expect(await store.headSeq()).toBe(1);
  });
});
