import { describe, expect, it } from 'vitest';
import { evolveMany, foldInPlace } from '../../src/engine/projection';
import { event } from '../../src/domain/events';
import { passbookProjection } from '../../src/projections/passbook';
import { ordersBoardProjection } from '../../src/projections/orders-board';
import { postsProjection } from '../../src/projections/posts';
import { HOUR_MS, MAX_BUCKETS, statsProjection } from '../../src/projections/stats';
import { MAX_NOTIFICATIONS, notificationsProjection } from '../../src/projections/notifications';
import { viewProjection } from '../../src/projections/view-projection';
import { on, projectionSpec, toStored } from '../helpers/given-when-then';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const MIN = 60_000;

const W = 'wallet:me';
const post = on('post:p1', event('PostCreated', { postId: 'p1', title: 'Hello', author: 'me' }));
const placed = (orderId: string, quantity = 100, unitPrice = 3, batchSize = 40) =>
  on(`order:${orderId}`, event('OrderPlaced', { orderId, postId: 'p1', quantity, unitPrice, total: quantity * unitPrice, walletId: 'me', batchSize }));
const ok = (orderId: string, batchNo: number, likes: number) => on(`order:${orderId}`, event('ExecutionBatchSucceeded', { orderId, batchNo, likes }));
const bad = (orderId: string, batchNo: number, c: number, reason = 'timeout') =>
  on(`order:${orderId}`, event('ExecutionBatchFailed', { orderId, batchNo, reason, consecutiveFailures: c }));
const started = (orderId: string) => on(`order:${orderId}`, event('OrderStarted', { orderId }));

/** A small story: charge, order #1 completes, order #2 fails, order #3 is cancelled. */
const story = [
  post, // 1
  on(W, event('PointsCharged', { amount: 10_000, description: 'Charge' })), // 2
  placed('1'), // 3
  on(W, event('PointsDeducted', { amount: 300, orderId: '1' })), // 4
  started('1'), // 5
  ok('1', 1, 40), // 6
  bad('1', 2, 1), // 7
  ok('1', 3, 40), // 8
  ok('1', 4, 20), // 9
  on('order:1', event('OrderCompleted', { orderId: '1', delivered: 100 })), // 10
  placed('2', 200, 5, 50), // 11
  on(W, event('PointsDeducted', { amount: 1_000, orderId: '2' })), // 12
  started('2'), // 13
  ok('2', 1, 50), // 14
  bad('2', 2, 1, 'SNS rate limit'), // 15
  bad('2', 3, 2, 'SNS rate limit'), // 16
  bad('2', 4, 3, 'account checkpoint'), // 17
  on('order:2', event('OrderFailed', { orderId: '2', atBatch: 4, delivered: 50, refund: 750, reason: 'account checkpoint' })), // 18
  on(W, event('PointsRefunded', { amount: 750, orderId: '2', reason: 'failed' })), // 19
  placed('3', 100, 2, 10), // 20
  on(W, event('PointsDeducted', { amount: 200, orderId: '3' })), // 21
  on('order:3', event('OrderCancelled', { orderId: '3', delivered: 0, refund: 200 })), // 22
  on(W, event('PointsRefunded', { amount: 200, orderId: '3', reason: 'cancelled' })), // 23
  on('post:p1', event('PostLiked', { postId: 'p1', userId: 'alice' })), // 24
  on('post:p1', event('PostLiked', { postId: 'p1', userId: 'bob' })), // 25
  on('post:p1', event('PostUnliked', { postId: 'p1', userId: 'alice' })), // 26
  on('wallet:bob', event('PointsCharged', { amount: 999, description: 'not mine' })), // 27
];
const at = (seq: number) => T0 + (seq - 1) * MIN;

describe('passbook', () => {
  it('a charge reversal is its own line, linked both ways to the charge it compensates', () => {
    const events = [
      on('wallet:me', event('PointsCharged', { amount: 1_000, description: 'Top-up' })),
      on('post:p1', event('PostCreated', { postId: 'p1', title: 't', author: 'me' })),
      on('wallet:me', event('PointsCharged', { amount: 300, description: 'Oops' })),
      on('wallet:me', event('PointsChargeReversed', { amount: 300, chargeVersion: 2, description: 'Oops' })),
    ];
    projectionSpec(passbookProjection).given(events, { startAt: T0, stepMs: MIN }).then({
      balance: 1_000,
      lines: [
        { seq: 1, version: 1, at: at(1), kind: 'charge', description: 'Top-up', in: 1_000, out: 0, balance: 1_000 },
        { seq: 3, version: 2, at: at(3), kind: 'charge', description: 'Oops', in: 300, out: 0, balance: 1_300, reversedBy: 4 },
        { seq: 4, version: 3, at: at(4), kind: 'reversal', description: 'Oops', in: 0, out: 300, balance: 1_000, reverses: 3 },
      ],
    });
  });

  it('lists my wallet transactions with a running balance', () => {
    projectionSpec(passbookProjection).given(story, { startAt: T0, stepMs: MIN }).then({
      balance: 10_000 - 300 - 1_000 + 750 - 200 + 200,
      lines: [
        { seq: 2, version: 1, at: at(2), kind: 'charge', description: 'Charge', in: 10_000, out: 0, balance: 10_000 },
        { seq: 4, version: 2, at: at(4), kind: 'deduct', description: 'Order #1', orderId: '1', in: 0, out: 300, balance: 9_700 },
        { seq: 12, version: 3, at: at(12), kind: 'deduct', description: 'Order #2', orderId: '2', in: 0, out: 1_000, balance: 8_700 },
        { seq: 19, version: 4, at: at(19), kind: 'refund', description: 'Refund for order #2 (failed)', orderId: '2', in: 750, out: 0, balance: 9_450 },
        { seq: 21, version: 5, at: at(21), kind: 'deduct', description: 'Order #3', orderId: '3', in: 0, out: 200, balance: 9_250 },
        { seq: 23, version: 6, at: at(23), kind: 'refund', description: 'Refund for order #3 (cancelled)', orderId: '3', in: 200, out: 0, balance: 9_450 },
      ],
    });
  });
});

describe('orders board', () => {
  it('tracks progress, last success and where each order stopped', () => {
    const s = projectionSpec(ordersBoardProjection).given(story, { startAt: T0, stepMs: MIN }).then(() => {});
    expect(s.order).toEqual(['1', '2', '3']);
    expect(s.counts).toEqual({ placed: 0, in_progress: 0, completed: 1, failed: 1, cancelled: 1 });
    expect(s.byId['1']).toEqual({
      orderId: '1', postId: 'p1', quantity: 100, unitPrice: 3, total: 300, batchSize: 40, status: 'completed',
      delivered: 100, lastBatchNo: 4, lastSuccessBatchNo: 4, lastSuccessAt: at(9), failures: 1, consecutiveFailures: 0,
      placedSeq: 3, placedAt: at(3), updatedAt: at(10), refund: 0,
    });
    expect(s.byId['2']).toMatchObject({
      status: 'failed', delivered: 50, lastBatchNo: 4, lastSuccessBatchNo: 1, lastSuccessAt: at(14), failures: 3, consecutiveFailures: 3,
      stoppedAt: { batchNo: 4, reason: 'account checkpoint', seq: 18 }, refund: 750, updatedAt: at(18),
    });
    expect(s.byId['3']).toMatchObject({ status: 'cancelled', delivered: 0, lastBatchNo: 0, stoppedAt: { batchNo: 0, reason: 'cancelled', seq: 22 }, refund: 200 });
  });

  it('counts orders by status while they run', () => {
    projectionSpec(ordersBoardProjection)
      .given([placed('1'), placed('2'), started('2'), ok('2', 1, 40)])
      .then((s) => {
        expect(s.counts).toEqual({ placed: 1, in_progress: 1, completed: 0, failed: 0, cancelled: 0 });
        expect(s.byId['2']).toMatchObject({ status: 'in_progress', delivered: 40, lastSuccessBatchNo: 1 });
      });
  });
});

describe('posts', () => {
  it('counts user likes and delivered likes', () => {
    const s = projectionSpec(postsProjection).given(story).then(() => {});
    expect(s.order).toEqual(['p1']);
    expect(s.byId.p1).toEqual({ postId: 'p1', title: 'Hello', author: 'me', likedBy: { bob: true }, userLikes: 1, deliveredLikes: 150, likeCount: 151 });
    // finished orders are dropped from the lookup so state stays small
    expect(s.orderPost).toEqual({});
  });

  it('keeps the order → post lookup while an order runs', () => {
    projectionSpec(postsProjection).given([post, placed('9'), started('9'), ok('9', 1, 40)]).then((s) => {
      expect(s.orderPost).toEqual({ '9': 'p1' });
      expect(s.byId.p1.deliveredLikes).toBe(40);
    });
  });
});

describe('stats', () => {
  it('buckets cumulative values by hour', () => {
    // events one minute apart from 09:00: seq 1..27 all in the 09:00 hour, then one event at 11:30
    const events = [...story, on('order:9', event('OrderPlaced', { orderId: '9', postId: 'p1', quantity: 10, unitPrice: 1, total: 10, walletId: 'me', batchSize: 10 }), { at: T0 + 2.5 * HOUR_MS })];
    projectionSpec(statsProjection).given(events, { startAt: T0, stepMs: MIN }).then({
      bucketMs: HOUR_MS,
      buckets: [
        { t: T0, likesDelivered: 150, balance: 9_450, placed: 3, completed: 1, failed: 1, cancelled: 1, inProgress: 0 },
        { t: T0 + 2 * HOUR_MS, likesDelivered: 150, balance: 9_450, placed: 4, completed: 1, failed: 1, cancelled: 1, inProgress: 1 },
      ],
      totals: { likesDelivered: 150, balance: 9_450, placed: 4, completed: 1, failed: 1, cancelled: 1, inProgress: 1 },
    });
  });

  it(`never holds more than ${MAX_BUCKETS} buckets: older ones merge into coarser buckets`, () => {
    const s = statsProjection.init();
    const n = 10_000; // 10,000 hours
    for (let i = 0; i < n; i++) {
      const [e] = toStored([on(W, event('PointsCharged', { amount: 1, description: 'c' }))], { startAt: T0 + i * HOUR_MS });
      statsProjection.apply(s, { ...e, seq: i + 1 });
      expect(s.buckets.length).toBeLessThanOrEqual(MAX_BUCKETS);
    }
    expect(s.bucketMs).toBeGreaterThan(HOUR_MS);
    expect(s.totals.balance).toBe(n);
    expect(s.buckets.at(-1)!.balance).toBe(n);
    // cumulative values stay monotonic and buckets aligned and ascending
    for (let i = 1; i < s.buckets.length; i++) {
      expect(s.buckets[i].t).toBeGreaterThan(s.buckets[i - 1].t);
      expect(s.buckets[i].balance).toBeGreaterThanOrEqual(s.buckets[i - 1].balance);
    }
    for (const b of s.buckets) expect(b.t % s.bucketMs).toBe(0);
    // the live path (Immer drafts, merging inside produce) reaches the same state
    const all = Array.from({ length: n }, (_, i) => ({
      ...toStored([on(W, event('PointsCharged', { amount: 1, description: 'c' }))], { startAt: T0 + i * HOUR_MS })[0],
      seq: i + 1,
    }));
    let live = statsProjection.init();
    for (let i = 0; i < n; i += 700) live = evolveMany(statsProjection, live, all.slice(i, i + 700));
    expect(live).toEqual(s);
  });
});

describe('notifications', () => {
  it('keeps the outcome of orders with quantities and a total', () => {
    const s = projectionSpec(notificationsProjection).given(story, { startAt: T0, stepMs: MIN }).then(() => {});
    expect(s.items.map((n) => n.text)).toEqual([
      'New post “Hello” by me',
      'Charged 10,000 points',
      'Order #1 placed — 100 likes for 300 points',
      'Order #1 completed — 100 likes delivered',
      'Order #2 placed — 200 likes for 1,000 points',
      'Order #2 failed at batch 4 — 50 of 200 delivered, 750 points refunded (account checkpoint)',
      'Order #3 placed — 100 likes for 200 points',
      'Order #3 cancelled — 0 of 100 delivered, 200 points refunded',
      'Charged 999 points',
    ]);
    expect(s.total).toBe(9);
    expect(s.openQuantity).toEqual({});
    expect(s.items[5]).toMatchObject({ seq: 18, at: at(18), kind: 'error', key: 'orderFailed' });
  });

  it(`keeps only the last ${MAX_NOTIFICATIONS}`, () => {
    const charges = Array.from({ length: 250 }, (_, i) => on(W, event('PointsCharged', { amount: i + 1, description: 'c' })));
    projectionSpec(notificationsProjection).given(charges).then((s) => {
      expect(s.total).toBe(250);
      expect(s.items.length).toBe(MAX_NOTIFICATIONS);
      expect(s.items[0].seq).toBe(51);
      expect(s.items.at(-1)!.seq).toBe(250);
    });
  });
});

describe('view projection', () => {
  it('combines all parts, and the in-place fold equals the Immer fold', () => {
    const events = toStored(story);
    const inPlace = foldInPlace(viewProjection, viewProjection.init(), events);
    const init = viewProjection.init();
    const viaImmer = evolveMany(viewProjection, evolveMany(viewProjection, init, events.slice(0, 10)), events.slice(10));
    expect(viaImmer).toEqual(inPlace);
    expect(init).toEqual(viewProjection.init()); // immer did not touch the base
    expect(Object.keys(inPlace).sort()).toEqual(['compensations', 'notifications', 'orders', 'overview', 'passbook', 'posts', 'stats']);
    expect(inPlace.passbook.balance).toBe(9_450);
    expect(inPlace.orders.counts.completed).toBe(1);
    expect(structuredClone(inPlace)).toEqual(inPlace);
    expect(typeof viewProjection.version).toBe('number');
  });
});

describe('compensations', () => {
  it('links a reverted event (by stream@version) to the first event that compensates it', async () => {
    const { compensationsProjection } = await import('../../src/projections/compensations');
    const events = toStored([
      on('wallet:me', event('PointsCharged', { amount: 300, description: 'Oops' })),
      on('wallet:me', event('PointsChargeReversed', { amount: 300, chargeVersion: 1, description: 'Oops' })),
    ]);
    events[1] = { ...events[1], meta: { ...events[1].meta, causationId: 'wallet:me@1' } };
    const state = evolveMany(compensationsProjection, compensationsProjection.init(), events);
    expect(state.byOriginal).toEqual({ 'wallet:me@1': 2 });
  });
});
