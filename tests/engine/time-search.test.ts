import { describe, expect, it } from 'vitest';
import { lastSeqAtOrBefore } from '../../src/engine/time-search';
import { MemoryEventStore } from '../../src/engine/memory-event-store';
import { testRegistry } from './test-registry';
import { added, meta } from './test-registry';

const T0 = 1_700_000_000_000;

/** A log whose event i (1-based) happened at T0 + times[i-1]; equal times are allowed. */
async function logAt(times: number[]): Promise<MemoryEventStore> {
  const store = new MemoryEventStore(testRegistry());
  for (const t of times) await store.appendToStreams([{ streamId: 's', events: [added(1)], expectedVersion: 'any' }], meta('test', T0 + t));
  return store;
}

describe('last event at or before a time', () => {
  it('finds the last event whose time is at or before the given one, over every boundary', async () => {
    const times = [0, 10, 10, 10, 25, 40, 41, 90, 90, 100];
    const store = await logAt(times);
    for (let t = -5; t <= 105; t++) {
      let expected = 0;
      times.forEach((at, i) => {
        if (at <= t) expected = i + 1;
      });
      expect(await lastSeqAtOrBefore(store, T0 + t)).toBe(expected);
    }
  });

  it('an empty log has nothing: 0', async () => {
    expect(await lastSeqAtOrBefore(new MemoryEventStore(testRegistry()), T0)).toBe(0);
  });
});
