import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { EventLogSource, PAGE_SIZE, type LogReader } from '../../src/ui/event-log/event-log-source';

/** A synthetic log of `head` events computed on demand (never materialised): every 1000th is OrderPlaced. */
function fakeLog(head: number) {
  const calls: [number, number][] = [];
  const make = (seq: number): StoredEvent => ({
    seq,
    streamId: seq % 1000 === 0 ? `order:${seq}` : 'post:p',
    version: 1,
    type: seq % 1000 === 0 ? 'OrderPlaced' : 'PostLiked',
    schemaVersion: 1,
    data: {},
    meta: { at: seq * 1000, actor: 'me', commandId: `c${seq}`, correlationId: 'x', causationId: 'x' },
  });
  const reader: LogReader = {
    async readRange(from, to) {
      calls.push([from, to]);
      const out: StoredEvent[] = [];
      for (let s = Math.max(1, from); s <= Math.min(to, head); s++) out.push(make(s));
      return out;
    },
    async readStream(streamId) {
      const seq = Number(streamId.split(':')[1]);
      return streamId.startsWith('order:') && seq % 1000 === 0 && seq <= head ? [make(seq)] : [];
    },
  };
  return { reader, calls };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('EventLogSource (1,000,000 events)', () => {
  it('unfiltered: row i is seq i+1 and only the visible pages are read', async () => {
    const { reader, calls } = fakeLog(1_000_000);
    const source = new EventLogSource(reader);
    source.configure({ type: '', stream: '' }, 1_000_000);
    expect(source.count).toBe(1_000_000);
    expect(source.seqAt(999_999)).toBe(1_000_000);
    expect(source.indexAtOrBefore(500_000)).toBe(499_999);
    source.ensure(499_990, 500_030);
    await settle();
    expect(calls.every(([from, to]) => to - from + 1 === PAGE_SIZE)).toBe(true);
    expect(calls.length).toBe(2);
    expect(source.eventAt(499_999)?.seq).toBe(500_000);
    // Cached: no second read.
    source.ensure(499_990, 500_030);
    await settle();
    expect(calls.length).toBe(2);
  });

  it('a log replaced by an import (same length, new epoch) is read again, not served from the old pages', async () => {
    const { reader, calls } = fakeLog(1_000_000);
    const source = new EventLogSource(reader);
    source.configure({ type: '', stream: '' }, 1_000_000, 0);
    source.ensure(10, 20);
    await settle();
    expect(calls.length).toBe(1);
    source.configure({ type: '', stream: '' }, 1_000_000, 1);
    source.ensure(10, 20);
    await settle();
    expect(calls.length).toBe(2);
  });

  it('a type filter scans in the background with progress, and a new filter cancels it', async () => {
    const { reader, calls } = fakeLog(1_000_000);
    const source = new EventLogSource(reader);
    const progress: number[] = [];
    source.subscribe(() => source.scanning !== null && progress.push(source.scanning));
    source.configure({ type: 'OrderPlaced', stream: '' }, 1_000_000);
    expect(source.scanning).toBe(0);
    expect(source.complete).toBe(false);
    for (let i = 0; i < 5; i++) await settle();
    expect(source.scanning).toBeGreaterThan(0);
    expect(source.scanning).toBeLessThan(1);
    // Changing the filter stops the scan.
    source.configure({ type: '', stream: 'order:5000' }, 1_000_000);
    const scanned = calls.length;
    for (let i = 0; i < 5; i++) await settle();
    expect(calls.length).toBe(scanned);
    expect(source.scanning).toBeNull();
    expect(source.count).toBe(1);
    expect(source.eventAt(0)?.seq).toBe(5000);
    expect(progress.length).toBeGreaterThan(0);
  });

  it('a full scan lists exactly the matching seqs and follows new events', async () => {
    const { reader } = fakeLog(20_000);
    const source = new EventLogSource(reader);
    source.configure({ type: 'OrderPlaced', stream: '' }, 10_000);
    while (!source.complete) await settle();
    expect(source.count).toBe(10);
    expect(source.seqAt(0)).toBe(1000);
    expect(source.indexAtOrBefore(2500)).toBe(1);
    source.configure({ type: 'OrderPlaced', stream: '' }, 20_000);
    while (!source.complete) await settle();
    expect(source.count).toBe(20);
    expect(source.scanning).toBeNull();
  });
});
