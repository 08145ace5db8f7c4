import { describe, expect, it } from 'vitest';
import { BranchStore } from '../../src/engine/branch-store';
import { ExpectedVersionConflict } from '../../src/engine/errors';
import { appendToStream } from '../../src/engine/event-store';
import { MemoryEventStore } from '../../src/engine/memory-event-store';
import { eventStoreContract, log } from './event-store.contract';
import { added, meta, testRegistry } from './test-registry';

async function baseWith(n: number): Promise<MemoryEventStore> {
  const base = new MemoryEventStore(testRegistry());
  if (n > 0) await base.appendStored(log(n, 3));
  return base;
}

eventStoreContract('BranchStore over an empty log', async () => new BranchStore(await baseWith(0), 0, testRegistry()));
// Forked at 0 from a log that has events: none of the base's events may show through.
eventStoreContract('BranchStore forked at 0 from a log of 40 events', async () => new BranchStore(await baseWith(40), 0, testRegistry()));

describe('BranchStore: a what-if over the first N events of a log', () => {
  it('reads the base up to the fork and its own events after it, never the base beyond the fork', async () => {
    const base = await baseWith(30);
    const branch = new BranchStore(base, 20, testRegistry());
    expect(await branch.headSeq()).toBe(20);
    expect((await branch.readRange(1, 100)).map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // Stream s0 holds seqs 1,4,…,19 up to the fork (7 events) and 22,25,28 after it in the base.
    expect(await branch.streamVersion('s0')).toBe(7);
    await appendToStream(branch, 's0', [added(5)], { expectedVersion: 7 }, meta('me', 1));
    const s0 = await branch.readStream('s0');
    expect(s0.map((e) => [e.seq, e.version])).toEqual([[1, 1], [4, 2], [7, 3], [10, 4], [13, 5], [16, 6], [19, 7], [21, 8]]);
    expect(await branch.readRange(20, 21)).toMatchObject([{ seq: 20 }, { seq: 21, streamId: 's0', data: { amount: 5 } }]);
  });

  it('never writes to the base: the base keeps its head and events while the branch grows', async () => {
    const base = await baseWith(30);
    const before = JSON.stringify(await base.readRange(1, 30));
    const heard: number[] = [];
    base.onAppended((head) => heard.push(head));
    const branch = new BranchStore(base, 10, testRegistry());
    for (let i = 0; i < 5; i++) await appendToStream(branch, 'new', [added(i)], { expectedVersion: i === 0 ? 'no_stream' : i }, meta());
    expect(await branch.headSeq()).toBe(15);
    expect(await base.headSeq()).toBe(30);
    expect(JSON.stringify(await base.readRange(1, 30))).toBe(before);
    expect(heard).toEqual([]);
  });

  it('checks expected versions against the stream as it was at the fork', async () => {
    const base = await baseWith(30);
    const branch = new BranchStore(base, 10, testRegistry());
    // s1 has 10 events in the base but 3 (seqs 2, 5, 8) at the fork.
    const error = await appendToStream(branch, 's1', [added(1)], { expectedVersion: 10 }, meta()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpectedVersionConflict);
    expect(error).toMatchObject({ actual: 3 });
  });

  it('knows the base commands up to the fork, not those the base took after it', async () => {
    const base = await baseWith(0);
    const first = await appendToStream(base, 'a', [added(1)], { expectedVersion: 'any' }, meta());
    const later = await appendToStream(base, 'a', [added(2)], { expectedVersion: 'any' }, meta());
    const branch = new BranchStore(base, 1, testRegistry());
    expect(await branch.findCommand(first.events[0].meta.commandId)).toMatchObject({ duplicate: true, lastSeq: 1 });
    expect(await branch.findCommand(later.events[0].meta.commandId)).toBeUndefined();
  });

  it('replacing the branch log leaves the base untouched', async () => {
    const base = await baseWith(30);
    const branch = new BranchStore(base, 10, testRegistry());
    await branch.replaceLog(log(4, 2));
    expect(await branch.headSeq()).toBe(4);
    expect(branch.fork).toBe(0);
    expect(await base.headSeq()).toBe(30);
  });
});
