import { describe, expect, it } from 'vitest';
import { event } from '../../src/domain/events';
import { notificationFor } from '../../src/domain/notifications';
import { formatNumber } from '../../src/domain/format';
import { on, toStored } from '../helpers/given-when-then';

const at = Date.UTC(2025, 0, 6, 9);
const one = (e: ReturnType<typeof on>) => toStored([e], { startAt: at })[0];

describe('notifications', () => {
  it('formats numbers with thousands separators', () => {
    expect([formatNumber(0), formatNumber(999), formatNumber(1_000), formatNumber(69_000), formatNumber(1_234_567), formatNumber(-1_000)]).toEqual(
      ['0', '999', '1,000', '69,000', '1,234,567', '-1,000'],
    );
  });

  it('a completed order', () => {
    const n = notificationFor(one(on('order:12', event('OrderCompleted', { orderId: '12', delivered: 1_000 }))));
    expect(n).toEqual({ seq: 1, at, kind: 'success', key: 'orderCompleted', params: { orderNo: '12', delivered: 1_000 }, text: 'Order #12 completed — 1,000 likes delivered' });
  });

  it('a failed order, with and without the ordered quantity', () => {
    const e = one(on('order:7', event('OrderFailed', { orderId: '7', atBatch: 31, delivered: 310, refund: 69_000, reason: 'SNS rate limit' })));
    const n = notificationFor(e, { quantity: 1_000 })!;
    expect(n.kind).toBe('error');
    expect(n.key).toBe('orderFailed');
    expect(n.text).toBe('Order #7 failed at batch 31 — 310 of 1,000 delivered, 69,000 points refunded (SNS rate limit)');
    expect(n.params).toEqual({ orderNo: '7', atBatch: 31, delivered: 310, refund: 69_000, reason: 'SNS rate limit', quantity: 1_000 });
    expect(notificationFor(e)!.text).toBe('Order #7 failed at batch 31 — 310 likes delivered, 69,000 points refunded (SNS rate limit)');
  });

  it('a cancelled order', () => {
    const n = notificationFor(one(on('order:3', event('OrderCancelled', { orderId: '3', delivered: 40, refund: 1_800 }))), { quantity: 640 })!;
    expect(n).toMatchObject({ kind: 'info', key: 'orderCancelled', text: 'Order #3 cancelled — 40 of 640 delivered, 1,800 points refunded' });
  });

  it('a charge and a placed order', () => {
    expect(notificationFor(one(on('wallet:me', event('PointsCharged', { amount: 10_000, description: 'Charge' }))))).toMatchObject({
      kind: 'success', key: 'pointsCharged', params: { amount: 10_000 }, text: 'Charged 10,000 points',
    });
    const placed = event('OrderPlaced', { orderId: '5', postId: 'p1', quantity: 1_000, unitPrice: 5, total: 5_000, walletId: 'me', batchSize: 50 });
    expect(notificationFor(one(on('order:5', placed)))!.text).toBe('Order #5 placed — 1,000 likes for 5,000 points');
  });

  it('batches and likes are not announced', () => {
    expect(notificationFor(one(on('order:5', event('ExecutionBatchSucceeded', { orderId: '5', batchNo: 1, likes: 5 }))))).toBeNull();
    expect(notificationFor(one(on('post:p1', event('PostLiked', { postId: 'p1', userId: 'alice' }))))).toBeNull();
  });
});
