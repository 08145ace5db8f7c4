import { describe, expect, it } from 'vitest';
import { MemoryEventStore } from '../../src/engine/memory-event-store';
import type { Projection } from '../../src/engine/projection';
import { MemorySnapshotStore } from '../../src/engine/snapshot-store';
import { TimeMachine } from '../../src/engine/time-machine';
import { log } from './event-store.contract';
import { testRegistry } from './test-registry';

/** A state that grows with the log, as the desk's views do (passbook lines, orders, buckets). */
const growing: Projection<{ seqs: number[] }> = {
  name: 'growing',
  version: 1,
  init: () => ({ seqs: [] }),
  apply(draft, e) {
    draft.seqs.push(e.seq);
  },
};

describe('Snapshot spacing', () => {
  it('snapshots of a state that grows with the log stay evenly spread within the budget: the newest part gets no wider gaps', async () => {
    const events = log(20_000, 5);
    const store = new MemoryEventStore(testRegistry());
    await store.appendStored(events);
    const snapshots = new MemorySnapshotStore();
    const tm = new TimeMachine({ store, snapshots, projection: growing, snapshotInterval: 200, snapshotBudgetRatio: 0.5 });
    await tm.start();
    const kept = tm.persistedSnapshots;
    expect(await snapshots.totalBytes()).toBeLessThanOrEqual((await store.logBytes()) * 0.5);
    const gaps = kept.map((s, i) => s.seq - (kept[i - 1]?.seq ?? 0));
    const even = 20_000 / kept.length;
    // Before, the spacing followed the newest snapshot's size alone: gaps widened with the state (here up to
    // 2.5× the even gap at the log's end; at 1M, 40k-event gaps against 10k at the start).
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1.6 * even);
    const newestHalf = gaps.filter((_, i) => kept[i].seq > 10_000);
    expect(Math.max(...newestHalf)).toBeLessThanOrEqual(1.6 * even);
  });
});
