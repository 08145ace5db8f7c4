import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { foldInPlace } from '../../src/engine/projection';
import { generateDemoHistory } from '../../src/domain/demo-data';
import { MY_WALLET } from '../../src/domain/streams';
import { ordersBoardProjection } from '../../src/projections/orders-board';
import { passbookProjection } from '../../src/projections/passbook';
import { postsProjection } from '../../src/projections/posts';
import { RangeFold } from '../../src/projections/range-comparison';
import { summarizeRange } from '../../src/projections/range-summary';
import type { ViewState } from '../../src/projections/view-projection';

/** The parts of the view state a comparison reads, folded from zero up to `seq`. */
function baseAt(events: readonly StoredEvent[], seq: number): ViewState {
  const head = events.slice(0, seq);
  return {
    passbook: foldInPlace(passbookProjection, passbookProjection.init(), head),
    orders: foldInPlace(ordersBoardProjection, ordersBoardProjection.init(), head),
    posts: foldInPlace(postsProjection, postsProjection.init(), head),
  } as ViewState;
}

/**
 * The fast path as the desk runs it: the events up to the first boundary of `size`,
 * then one summary per whole chunk, then the events after the last boundary.
 */
function foldFast(events: readonly StoredEvent[], base: ViewState, a: number, b: number, size: number) {
  const fold = new RangeFold(base, a);
  const firstWhole = Math.ceil(a / size) * size;
  const lastWhole = Math.floor(b / size) * size;
  if (firstWhole >= lastWhole) return fold.add(events.slice(a, b)).result();
  fold.add(events.slice(a, firstWhole));
  for (let s = firstWhole; s < lastWhole; s += size) fold.addSummary(summarizeRange(events.slice(s, s + size), s));
  return fold.add(events.slice(lastWhole, b)).result();
}

function foldPlain(events: readonly StoredEvent[], base: ViewState, a: number, b: number) {
  return new RangeFold(base, a).add(events.slice(a, b)).result();
}

/** Any sequence the projections can meet, valid or not: unknown orders, likes before the post, double likes, reversals. */
function arbitraryLog(): fc.Arbitrary<StoredEvent[]> {
  const order = fc.constantFrom('o1', 'o2', 'o3');
  const post = fc.constantFrom('p1', 'p2');
  const user = fc.constantFrom('u1', 'u2', 'u3');
  const step = fc.oneof(
    { weight: 6, arbitrary: fc.record({ type: fc.constant('ExecutionBatchSucceeded'), data: fc.record({ orderId: order, batchNo: fc.nat(9), likes: fc.integer({ min: 1, max: 50 }) }) }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('ExecutionBatchFailed'), data: fc.record({ orderId: order, batchNo: fc.nat(9), reason: fc.constant('x'), consecutiveFailures: fc.integer({ min: 1, max: 3 }) }) }) },
    { weight: 4, arbitrary: fc.record({ type: fc.constantFrom('PostLiked', 'PostUnliked'), data: fc.record({ postId: post, userId: user }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('PostCreated'), data: fc.record({ postId: post, title: fc.constantFrom('A', 'B'), author: fc.constant('me') }) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('OrderPlaced'),
        data: fc.record({ orderId: order, postId: post, quantity: fc.constant(100), unitPrice: fc.constant(1), total: fc.constant(100), walletId: fc.constant(MY_WALLET), batchSize: fc.constant(10) }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('OrderStarted'), data: fc.record({ orderId: order }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('OrderCompleted'), data: fc.record({ orderId: order, delivered: fc.nat(200) }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('OrderCancelled'), data: fc.record({ orderId: order, delivered: fc.nat(200), refund: fc.nat(50) }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('OrderFailed'), data: fc.record({ orderId: order, atBatch: fc.integer({ min: 1, max: 9 }), delivered: fc.nat(200), refund: fc.nat(50), reason: fc.constant('x') }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('PointsCharged'), data: fc.record({ amount: fc.integer({ min: 1, max: 500 }), description: fc.constant('top up') }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('PointsDeducted'), data: fc.record({ amount: fc.integer({ min: 1, max: 500 }), orderId: order }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('PointsChargeReversed'), data: fc.record({ amount: fc.integer({ min: 1, max: 500 }), chargeVersion: fc.integer({ min: 1, max: 40 }), description: fc.constant('undo') }) }) },
  );
  return fc.array(step, { minLength: 0, maxLength: 160, size: 'max' }).map((steps) => {
    const versions = new Map<string, number>();
    return steps.map((s, i): StoredEvent => {
      const d = s.data as { orderId?: string; postId?: string };
      const streamId = s.type.startsWith('Points') ? MY_WALLET : d.orderId ? `order-${d.orderId}` : `post-${d.postId}`;
      const version = (versions.get(streamId) ?? 0) + 1;
      versions.set(streamId, version);
      return { seq: i + 1, streamId, version, type: s.type, schemaVersion: 1, data: s.data, meta: { at: 1_000 + i, actor: 'me', commandId: `c${i}`, correlationId: `c${i}`, causationId: `c${i}` } };
    });
  });
}

describe('range summaries (a condensed run folds to the same comparison as its events)', () => {
  it('summaries give the plain fold of (A, B] for any log, any A ≤ B and any chunk size', () => {
    fc.assert(
      fc.property(arbitraryLog(), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 40 }), (log, x, y, size) => {
        const a = x % (log.length + 1);
        const b = a + (y % (log.length - a + 1));
        const base = baseAt(log, a);
        expect(foldFast(log, base, a, b, size)).toEqual(foldPlain(log, base, a, b));
      }),
      { numRuns: 400 },
    );
  });

  describe('on the demo history, in 1,000-event segments as stored', () => {
    let log: StoredEvent[];
    beforeAll(async () => {
      log = await generateDemoHistory({ seed: 2026, eventsTarget: 12_000, startAt: Date.UTC(2026, 0, 1), quantityRange: [2_000, 20_000], batchSizeRange: [20, 100] });
    });

    it('equals the plain fold for random A and B, inside segments or on their edges, from 0 and to the head', () => {
      const n = log.length;
      const pairs: [number, number][] = [[0, n], [0, 0], [n, n], [1000, 3000], [999, 3001], [0, 2500], [4321, n], [5000, 5000], [5001, 5999]];
      const rnd = fc.sample(fc.tuple(fc.nat(n), fc.nat(n)), { numRuns: 12, seed: 13 });
      for (const [x, y] of rnd) pairs.push([Math.min(x, y), Math.max(x, y)]);
      for (const [a, b] of pairs) {
        const base = baseAt(log, a);
        expect(foldFast(log, base, a, b, 1000), `(${a}, ${b}]`).toEqual(foldPlain(log, base, a, b));
      }
    });

    it('keeps a small part of each segment: what the fold must still apply', () => {
      let events = 0;
      let kept = 0;
      for (let s = 0; s + 1000 <= log.length; s += 1000) {
        const summary = summarizeRange(log.slice(s, s + 1000), s);
        events += 1000;
        kept += summary.condensed.length;
      }
      expect(events).toBeGreaterThan(0);
      expect(kept / events).toBeLessThan(0.2);
    });
  });

  it('refuses a summary that does not start where the fold is', () => {
    const log = [1, 2, 3].map((i): StoredEvent => ({ seq: i, streamId: MY_WALLET, version: i, type: 'PointsCharged', schemaVersion: 1, data: { amount: 1, description: '' }, meta: { at: i, actor: 'me', commandId: `c${i}`, correlationId: '', causationId: '' } }));
    const fold = new RangeFold(baseAt(log, 0), 0);
    expect(() => fold.addSummary(summarizeRange(log.slice(1), 1))).toThrow(/does not follow position 0/);
    expect(() => summarizeRange([log[0], log[2]], 0)).toThrow(/consecutive/);
  });
});
