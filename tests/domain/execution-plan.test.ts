import { describe, expect, it } from 'vitest';
import { FAILURE_REASONS, hashKey, mulberry32, nextBatch } from '../../src/domain/executor/execution-plan';
import { initialOrderState } from '../../src/domain/orders/order-decider';
import type { OrderState } from '../../src/domain/orders/order-decider';

const order: OrderState = {
  ...initialOrderState(),
  status: 'in_progress',
  orderId: '7',
  postId: 'p1',
  walletId: 'me',
  quantity: 1_000,
  unitPrice: 3,
  total: 3_000,
  batchSize: 40,
  delivered: 980,
  lastBatchNo: 30,
};

describe('execution plan', () => {
  it('the next batch follows the last one and delivers min(batchSize, remaining)', () => {
    expect(nextBatch(order, { failureRate: 0, seed: 1 })).toEqual({ type: 'RecordBatch', orderId: '7', batchNo: 31, outcome: { ok: true, likes: 20 } });
    expect(nextBatch({ ...order, delivered: 0 }, { failureRate: 0, seed: 1 }).outcome).toEqual({ ok: true, likes: 40 });
  });

  it('failures come with a realistic reason', () => {
    const c = nextBatch(order, { failureRate: 1, seed: 1 });
    expect(c.batchNo).toBe(31);
    expect(c.outcome.ok).toBe(false);
    if (!c.outcome.ok) expect(FAILURE_REASONS as readonly string[]).toContain(c.outcome.reason);
  });

  it('is deterministic per seed, order, batch and attempt, and fails at about the configured rate', () => {
    const cfg = { failureRate: 0.3, seed: 99 };
    expect(nextBatch(order, cfg)).toEqual(nextBatch(order, cfg));
    let fails = 0;
    const n = 4_000;
    for (let b = 0; b < n; b++) if (!nextBatch({ ...order, delivered: 0, lastBatchNo: b }, cfg).outcome.ok) fails++;
    expect(fails / n).toBeGreaterThan(0.25);
    expect(fails / n).toBeLessThan(0.35);
    // a retry (another attempt) is an independent draw
    const outcomes = new Set<boolean>();
    for (let a = 0; a < 50; a++) outcomes.add(nextBatch({ ...order, consecutiveFailures: a % 3, lastBatchNo: a }, cfg).outcome.ok);
    expect(outcomes.size).toBe(2);
  });

  it('mulberry32 is a deterministic stream in [0, 1)', () => {
    const a = mulberry32(hashKey(1, '7', 31, 1));
    const b = mulberry32(hashKey(1, '7', 31, 1));
    for (let i = 0; i < 100; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    expect(hashKey(1, '7', 31, 1)).not.toBe(hashKey(1, '7', 31, 2));
    expect(hashKey(1, '73', 1)).not.toBe(hashKey(1, '7', 31));
  });
});
