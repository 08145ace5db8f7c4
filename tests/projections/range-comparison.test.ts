import { beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { foldInPlace } from '../../src/engine/projection';
import { generateDemoHistory } from '../../src/domain/demo-data';
import { compareRange, filterRangeEvents, RangeFold } from '../../src/projections/range-comparison';
import { viewProjection, type ViewState } from '../../src/projections/view-projection';

/** The reference: the whole state after `seq`, folded from zero. */
function stateAt(events: readonly StoredEvent[], seq: number): ViewState {
  return foldInPlace(viewProjection, viewProjection.init(), events.slice(0, seq));
}

describe('range comparison (events in (A, B] folded over the state at A)', () => {
  let log: StoredEvent[];
  beforeAll(async () => {
    log = await generateDemoHistory({ seed: 7, orders: 12, startAt: Date.UTC(2026, 0, 1) });
  });

  it('agrees with diffing the two whole states, for many A and B', () => {
    const n = log.length;
    const points = [0, 1, 5, Math.floor(n / 4), Math.floor(n / 3), Math.floor(n / 2), n - 7, n];
    for (const a of points)
      for (const b of points) {
        if (b <= a) continue;
        const atA = stateAt(log, a);
        const atB = stateAt(log, b);
        const c = compareRange(atA, a, log.slice(a, b));
        expect(c.from).toBe(a);
        expect(c.to).toBe(b);
        expect(c.balanceBefore).toBe(atA.passbook.balance);
        expect(c.balanceAfter).toBe(atB.passbook.balance);
        expect(c.lines).toEqual(atB.passbook.lines.slice(atA.passbook.lines.length));

        const expectedOrders = atB.orders.order
          .filter((id) => {
            const was = atA.orders.byId[id];
            const now = atB.orders.byId[id];
            return !was || was.status !== now.status || was.delivered !== now.delivered;
          })
          .sort();
        expect(c.orders.map((o) => o.orderId).sort()).toEqual(expectedOrders);
        for (const o of c.orders) {
          const now = atB.orders.byId[o.orderId];
          expect(o.after).toEqual({ status: now.status, delivered: now.delivered });
          const was = atA.orders.byId[o.orderId];
          expect(o.before).toEqual(was ? { status: was.status, delivered: was.delivered } : null);
        }

        const expectedLikes = atB.posts.order
          .map((id) => ({ id, before: atA.posts.byId[id]?.likeCount ?? 0, after: atB.posts.byId[id].likeCount }))
          .filter((p) => p.before !== p.after);
        expect(new Map(c.likes.map((l) => [l.postId, [l.before, l.after]]))).toEqual(new Map(expectedLikes.map((p) => [p.id, [p.before, p.after]])));

        const counts = new Map<string, number>();
        for (const e of log.slice(a, b)) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
        expect(new Map(c.countsByType.map((t) => [t.type, t.count]))).toEqual(counts);
        expect(c.events.seqs).toEqual(log.slice(a, b).map((e) => e.seq));
      }
  });

  it('never changes the state at A it folds over', () => {
    const a = Math.floor(log.length / 3);
    const atA = stateAt(log, a);
    const copy = structuredClone(atA);
    compareRange(atA, a, log.slice(a));
    expect(atA).toEqual(copy);
  });

  it('folds page by page to the same result as in one go', () => {
    const a = 10;
    const atA = stateAt(log, a);
    const fold = new RangeFold(atA, a);
    for (let i = a; i < log.length; i += 37) fold.add(log.slice(i, i + 37));
    expect(fold.result()).toEqual(compareRange(atA, a, log.slice(a)));
  });

  it('an empty range changes nothing', () => {
    const atA = stateAt(log, 20);
    const c = compareRange(atA, 20, []);
    expect(c).toMatchObject({ from: 20, to: 20, lines: [], orders: [], likes: [], countsByType: [] });
    expect(c.balanceAfter).toBe(c.balanceBefore);
  });

  it('sorts the counts by type, most first', () => {
    const c = compareRange(viewProjection.init(), 0, log);
    const counts = c.countsByType.map((t) => t.count);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
  });

  it('filters the listed events by type and by stream', () => {
    const c = compareRange(viewProjection.init(), 0, log);
    const byType = filterRangeEvents(c.events, { type: 'OrderPlaced', stream: '' })!;
    expect(byType.map((i) => c.events.seqs[i])).toEqual(log.filter((e) => e.type === 'OrderPlaced').map((e) => e.seq));
    const stream = log.find((e) => e.type === 'OrderPlaced')!.streamId;
    const both = filterRangeEvents(c.events, { type: 'OrderStarted', stream })!;
    expect(both.map((i) => c.events.seqs[i])).toEqual(log.filter((e) => e.type === 'OrderStarted' && e.streamId === stream).map((e) => e.seq));
    expect(filterRangeEvents(c.events, { type: 'NoSuchType', stream: '' })).toEqual([]);
    expect(filterRangeEvents(c.events, { type: '', stream: '' })).toBeNull();
  });
});
