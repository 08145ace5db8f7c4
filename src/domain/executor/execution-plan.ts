import type { RecordBatch } from '../orders/order-decider';
import type { OrderState } from '../orders/order-decider';

/**
 * Pure helpers for the executor (a process manager): given an order's state,
 * what is the next batch and how does it turn out. Failure is decided by a
 * seeded PRNG so a run is reproducible (same seed → same history).
 */

export interface ExecutionConfig {
  /** Probability in [0, 1] that a batch fails. */
  failureRate: number;
  seed: number;
}

export const FAILURE_REASONS = ['SNS rate limit', 'account checkpoint', 'timeout'] as const;

/** mulberry32: tiny, fast, good enough for simulation. Returns a generator of floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the parts, for keying the PRNG. */
export function hashKey(...parts: (string | number)[]): number {
  let h = 2166136261;
  for (const p of parts) {
    const s = String(p);
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    h ^= 0x7c; // separator
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Whether the order has a batch to run (started, not finished). */
export function needsBatch(order: OrderState): boolean {
  return order.status === 'in_progress' && order.delivered < order.quantity;
}

/**
 * The RecordBatch command for the order's next batch. `attempt` counts the
 * tries since the last success (1 + consecutive failures).
 */
export function nextBatch(order: OrderState, config: ExecutionConfig): RecordBatch {
  const batchNo = order.lastBatchNo + 1;
  const attempt = order.consecutiveFailures + 1;
  const rnd = mulberry32(hashKey(config.seed, order.orderId, batchNo, attempt));
  const roll = rnd();
  if (roll < config.failureRate) {
    const reason = FAILURE_REASONS[Math.floor(rnd() * FAILURE_REASONS.length)];
    return { type: 'RecordBatch', orderId: order.orderId, batchNo, outcome: { ok: false, reason } };
  }
  const remaining = order.quantity - order.delivered;
  const likes = Math.min(order.batchSize, remaining);
  return { type: 'RecordBatch', orderId: order.orderId, batchNo, outcome: { ok: true, likes } };
}
