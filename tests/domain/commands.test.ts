import { describe, expect, it } from 'vitest';
import { CommandHandler } from '../../src/engine/command-handler';
import { DomainRuleViolation } from '../../src/engine/errors';
import { MemoryEventStore } from '../../src/engine/memory-event-store';
import {
  cancelOrder,
  chargePoints,
  createPost,
  likePost,
  placeOrder,
  recordBatch,
  startOrder,
  unlikePost,
} from '../../src/domain/commands';
import { createEventRegistry, event } from '../../src/domain/events';
import { orderStream, postStream, walletStream } from '../../src/domain/streams';
import { commandSpec } from '../helpers/given-when-then';

const W = walletStream('me');
const P = postStream('p1');
const O = orderStream('12');

const post = event('PostCreated', { postId: 'p1', title: 'Hello', author: 'me' });
const charged = (amount: number) => event('PointsCharged', { amount, description: 'Charge' });
const placed = event('OrderPlaced', { orderId: '12', postId: 'p1', quantity: 100, unitPrice: 3, total: 300, walletId: 'me', batchSize: 40 });
const place = { orderId: '12', walletId: 'me', postId: 'p1', quantity: 100, unitPrice: 3, batchSize: 40 };

describe('stream ids', () => {
  it('are prefixed by aggregate', () => {
    expect([W, P, O]).toEqual(['wallet:me', 'post:p1', 'order:12']);
  });
});

describe('command specs', () => {
  it('placing an order writes OrderPlaced on the order stream and PointsDeducted on the wallet stream', () => {
    const spec = placeOrder(place);
    expect(Object.keys(spec.load).sort()).toEqual([O, P, W].sort());
    commandSpec(spec)
      .given({ [W]: [charged(1_000)], [P]: [post] })
      .then({ [O]: [placed], [W]: [event('PointsDeducted', { amount: 300, orderId: '12' })] });
  });

  it('an order costing more than the balance is rejected', () => {
    commandSpec(placeOrder(place)).given({ [W]: [charged(299)], [P]: [post] }).thenThrows(DomainRuleViolation, 'Not enough points', 'spend.insufficient-balance');
  });

  it('an order for a post that does not exist is rejected', () => {
    commandSpec(placeOrder(place)).given({ [W]: [charged(1_000)] }).thenThrows(DomainRuleViolation, 'does not exist', 'order.post-must-exist');
  });

  it('an order number that exists is rejected', () => {
    commandSpec(placeOrder(place)).given({ [W]: [charged(1_000)], [P]: [post], [O]: [placed] }).thenThrows(DomainRuleViolation, 'already exists', 'order.id-unique');
  });

  it('an order with an invalid quantity is rejected before anything else', () => {
    commandSpec(placeOrder({ ...place, quantity: 0 })).given({}).thenThrows(DomainRuleViolation, 'quantity', 'order.quantity-range');
  });

  it('the batch that makes the order fail also refunds the wallet', () => {
    const started = event('OrderStarted', { orderId: '12' });
    const f = (batchNo: number, c: number) => event('ExecutionBatchFailed', { orderId: '12', batchNo, reason: 'timeout', consecutiveFailures: c });
    commandSpec(recordBatch({ orderId: '12', batchNo: 4, outcome: { ok: false, reason: 'timeout' } }))
      .given({ [O]: [placed, started, event('ExecutionBatchSucceeded', { orderId: '12', batchNo: 1, likes: 40 }), f(2, 1), f(3, 2)] })
      .then({
        [O]: [f(4, 3), event('OrderFailed', { orderId: '12', atBatch: 4, delivered: 40, refund: 180, reason: 'timeout' })],
        [W]: [event('PointsRefunded', { amount: 180, orderId: '12', reason: 'failed' })],
      });
  });

  it('cancelling refunds the undelivered part on the wallet stream', () => {
    commandSpec(cancelOrder({ orderId: '12' }))
      .given({ [O]: [placed] })
      .then({
        [O]: [event('OrderCancelled', { orderId: '12', delivered: 0, refund: 300 })],
        [W]: [event('PointsRefunded', { amount: 300, orderId: '12', reason: 'cancelled' })],
      });
  });

  it('run end to end through the CommandHandler and a memory store', async () => {
    const registry = createEventRegistry();
    const store = new MemoryEventStore(registry);
    const h = new CommandHandler(store);
    let n = 0;
    const meta = (actor = 'me') => ({ actor, commandId: `c${++n}`, correlationId: `c${n}`, causationId: `c${n}`, at: 1_000 * n });
    await h.handle(createPost({ postId: 'p1', title: 'Hello', author: 'me' }), meta());
    await h.handle(likePost({ postId: 'p1', userId: 'alice' }), meta('alice'));
    await expect(h.handle(likePost({ postId: 'p1', userId: 'alice' }), meta('alice'))).rejects.toThrow(DomainRuleViolation);
    await h.handle(unlikePost({ postId: 'p1', userId: 'alice' }), meta('alice'));
    await h.handle(chargePoints({ walletId: 'me', amount: 1_000 }), meta());
    const r = await h.handle(placeOrder(place), meta());
    expect(r.events).toHaveLength(2);
    await h.handle(startOrder({ orderId: '12' }), meta('executor'));
    await h.handle(recordBatch({ orderId: '12', batchNo: 1, outcome: { ok: true, likes: 40 } }), meta('executor'));
    await expect(
      h.handle(recordBatch({ orderId: '12', batchNo: 1, outcome: { ok: true, likes: 40 } }), meta('executor')),
    ).rejects.toThrow(/next batch is 2/);
    await h.handle(cancelOrder({ orderId: '12' }), meta());
    const all = await store.readRange(1, await store.headSeq());
    expect(all.map((e) => `${e.streamId} ${e.type}`)).toEqual([
      'post:p1 PostCreated',
      'post:p1 PostLiked',
      'post:p1 PostUnliked',
      'wallet:me PointsCharged',
      'order:12 OrderPlaced',
      'wallet:me PointsDeducted',
      'order:12 OrderStarted',
      'order:12 ExecutionBatchSucceeded',
      'order:12 OrderCancelled',
      'wallet:me PointsRefunded',
    ]);
    expect(all.at(-1)!.data).toEqual({ amount: 180, orderId: '12', reason: 'cancelled' });
    // the order and its payment share one command
    expect(all[4].meta.commandId).toBe(all[5].meta.commandId);
  });
});
