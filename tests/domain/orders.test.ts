import { describe, expect, it } from 'vitest';
import { DomainRuleViolation } from '../../src/engine/errors';
import { event } from '../../src/domain/events';
import { MAX_CONSECUTIVE_FAILURES, orderDecider } from '../../src/domain/orders/order-decider';
import type { PlaceOrder } from '../../src/domain/commands';
import { DeciderSpecification } from '../helpers/given-when-then';

const spec = DeciderSpecification.for(orderDecider);

const place: PlaceOrder = { type: 'PlaceOrder', orderId: '12', walletId: 'me', postId: 'p1', quantity: 100, unitPrice: 3, batchSize: 40 };
const placed = event('OrderPlaced', { orderId: '12', postId: 'p1', quantity: 100, unitPrice: 3, total: 300, walletId: 'me', batchSize: 40 });
const started = event('OrderStarted', { orderId: '12' });
const ok = (batchNo: number, likes: number) => ({ type: 'RecordBatch' as const, orderId: '12', batchNo, outcome: { ok: true as const, likes } });
const fail = (batchNo: number, reason = 'timeout') => ({ type: 'RecordBatch' as const, orderId: '12', batchNo, outcome: { ok: false as const, reason } });
const succeeded = (batchNo: number, likes: number) => event('ExecutionBatchSucceeded', { orderId: '12', batchNo, likes });
const failed = (batchNo: number, consecutiveFailures: number, reason = 'timeout') =>
  event('ExecutionBatchFailed', { orderId: '12', batchNo, reason, consecutiveFailures });

describe('orders', () => {
  it('placing an order computes its total', () => {
    spec.given([]).when(place).then([placed]);
  });

  it('an order number can be placed only once', () => {
    spec.given([placed]).when(place).thenThrows(DomainRuleViolation, 'already exists', 'order.id-unique');
  });

  it('quantity must be a whole number from 1 to 100,000', () => {
    for (const quantity of [0, -1, 2.5, 100_001]) {
      spec.given([]).when({ ...place, quantity }).thenThrows(DomainRuleViolation, '100,000', 'order.quantity-range');
    }
    spec.given([]).when({ ...place, quantity: 100_000, unitPrice: 1 }).then([
      event('OrderPlaced', { orderId: '12', postId: 'p1', quantity: 100_000, unitPrice: 1, total: 100_000, walletId: 'me', batchSize: 40 }),
    ]);
  });

  it('the price per like must be a whole number of at least 1', () => {
    for (const unitPrice of [0, -3, 1.5]) {
      spec.given([]).when({ ...place, unitPrice }).thenThrows(DomainRuleViolation, 'at least 1', 'order.unit-price-positive');
    }
  });

  it('the batch size must be a positive whole number', () => {
    spec.given([]).when({ ...place, batchSize: 0 }).thenThrows(DomainRuleViolation, 'batch size', 'order.batch-size-range');
  });

  it('only a placed order can be started', () => {
    spec.given([placed]).when({ type: 'StartOrder', orderId: '12' }).then([started]);
    spec.given([placed, started]).when({ type: 'StartOrder', orderId: '12' }).thenThrows(DomainRuleViolation, 'only a placed order', 'start.only-placed');
    spec.given([]).when({ type: 'StartOrder', orderId: '12' }).thenThrows(DomainRuleViolation, 'does not exist', 'order.must-exist');
  });

  it('batches are recorded only for a started order', () => {
    spec.given([placed]).when(ok(1, 40)).thenThrows(DomainRuleViolation, 'in progress', 'batch.only-in-progress');
    spec
      .given([placed, started, event('OrderCancelled', { orderId: '12', delivered: 0, refund: 300 })])
      .when(ok(1, 40))
      .thenThrows(DomainRuleViolation, 'cancelled', 'batch.only-in-progress');
  });

  it('a batch never runs twice: the batch number must follow the last one', () => {
    spec.given([placed, started]).when(ok(1, 40)).then([succeeded(1, 40)]);
    spec.given([placed, started, succeeded(1, 40)]).when(ok(1, 40)).thenThrows(DomainRuleViolation, 'next batch is 2', 'batch.in-sequence');
    spec.given([placed, started, succeeded(1, 40)]).when(ok(3, 40)).thenThrows(DomainRuleViolation, 'next batch is 2', 'batch.in-sequence');
    // failures also take a batch number
    spec.given([placed, started, failed(1, 1)]).when(ok(2, 40)).then([succeeded(2, 40)]);
  });

  it('a batch cannot deliver more likes than remain', () => {
    spec.given([placed, started, succeeded(1, 40), succeeded(2, 40)]).when(ok(3, 21)).thenThrows(DomainRuleViolation, 'only 20 remain', 'batch.likes-within-remaining');
    spec.given([placed, started]).when(ok(1, 0)).thenThrows(DomainRuleViolation, 'at least 1', 'batch.likes-positive');
  });

  it('the order completes when delivered reaches the quantity', () => {
    spec
      .given([placed, started, succeeded(1, 40), succeeded(2, 40)])
      .when(ok(3, 20))
      .then([succeeded(3, 20), event('OrderCompleted', { orderId: '12', delivered: 100 })]);
    spec.given([placed, started, succeeded(1, 40)]).when(ok(2, 40)).then([succeeded(2, 40)]);
  });

  it(`after ${MAX_CONSECUTIVE_FAILURES} failures in a row the order fails with a refund of the undelivered part`, () => {
    expect(MAX_CONSECUTIVE_FAILURES).toBe(3);
    spec
      .given([placed, started, succeeded(1, 40), failed(2, 1), failed(3, 2, 'SNS rate limit')])
      .when(fail(4, 'account checkpoint'))
      .then([
        failed(4, 3, 'account checkpoint'),
        event('OrderFailed', { orderId: '12', atBatch: 4, delivered: 40, refund: 180, reason: 'account checkpoint' }),
      ]);
  });

  it('a success resets the consecutive failure count', () => {
    spec
      .given([placed, started, failed(1, 1), failed(2, 2), succeeded(3, 40)])
      .when(fail(4))
      .then([failed(4, 1)]);
  });

  it('an order can be cancelled while placed or in progress, refunding the undelivered part', () => {
    spec.given([placed]).when({ type: 'CancelOrder', orderId: '12' }).then([event('OrderCancelled', { orderId: '12', delivered: 0, refund: 300 })]);
    spec
      .given([placed, started, succeeded(1, 40)])
      .when({ type: 'CancelOrder', orderId: '12' })
      .then([event('OrderCancelled', { orderId: '12', delivered: 40, refund: 180 })]);
  });

  it('a completed, failed or cancelled order cannot be cancelled', () => {
    const ends = [
      [succeeded(1, 40), succeeded(2, 40), succeeded(3, 20), event('OrderCompleted', { orderId: '12', delivered: 100 })],
      [failed(1, 1), failed(2, 2), failed(3, 3), event('OrderFailed', { orderId: '12', atBatch: 3, delivered: 0, refund: 300, reason: 'timeout' })],
      [event('OrderCancelled', { orderId: '12', delivered: 0, refund: 300 })],
    ];
    for (const [i, end] of ends.entries()) {
      spec
        .given([placed, started, ...end])
        .when({ type: 'CancelOrder', orderId: '12' })
        .thenThrows(DomainRuleViolation, ['completed', 'failed', 'cancelled'][i], 'cancel.only-open');
    }
  });
});
