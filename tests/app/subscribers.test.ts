import { describe, expect, it } from 'vitest';
import { auditSubscriber, notificationsSubscriber } from '../../src/app/subscribers';
import type { StoredEvent } from '../../src/engine/event-envelope';

let seq = 0;
const ev = (type: string, data: object, commandId: string, actor = 'me'): StoredEvent => ({
  seq: ++seq,
  streamId: 'order:1',
  version: seq,
  type,
  schemaVersion: 1,
  data,
  meta: { at: 1_000 * seq, actor, commandId, correlationId: commandId, causationId: commandId },
});

describe('subscribers', () => {
  it('the audit trail has one entry per command and leaves out executor batches', () => {
    const audit = auditSubscriber();
    const out = [
      ev('OrderPlaced', { orderId: '1' }, 'c1'),
      ev('PointsDeducted', { amount: 10, orderId: '1' }, 'c1'),
      ev('ExecutionBatchSucceeded', { orderId: '1', batchNo: 1, likes: 5 }, 'c2', 'executor'),
      ev('ExecutionBatchSucceeded', { orderId: '1', batchNo: 2, likes: 5 }, 'c3', 'executor'),
      ev('OrderCompleted', { orderId: '1', delivered: 10 }, 'c3', 'executor'),
    ].map((e) => audit.handle(e));
    expect(out.map((o) => (o ? (o as { type: string }).type : null))).toEqual(['OrderPlaced', null, null, null, 'OrderCompleted']);
  });

  it('notifications say how far a failed order got, using the quantity it was placed with', () => {
    const notes = notificationsSubscriber();
    notes.handle(ev('OrderPlaced', { orderId: '7', postId: 'p', quantity: 1000, unitPrice: 2, total: 2000, walletId: 'me', batchSize: 10 }, 'c1'));
    const n = notes.handle(ev('OrderFailed', { orderId: '7', atBatch: 31, delivered: 310, refund: 1380, reason: 'timeout' }, 'c2', 'executor'));
    expect(n).toMatchObject({ kind: 'error', key: 'orderFailed', params: { orderNo: '7', atBatch: 31, quantity: 1000 } });
    expect((n as { text: string }).text).toContain('Order #7 failed at batch 31 — 310 of 1,000 delivered');
  });
});
