import type { OrderRow } from './orders-board';

/** How fast a running order delivers, and when it should finish at that pace. */
export interface OrderPace {
  /** Likes delivered per minute, placement to last successful batch. */
  perMinute: number;
  /** Estimated finish (epoch ms): the last success plus the rest at the same pace. */
  finishAt: number;
}

/**
 * The pace of a running order, from its own events (placement time, last success, delivered), so it reads
 * the same at every slider position. Null until a batch delivered something, or when the order is not running.
 */
export function orderPace(o: OrderRow): OrderPace | null {
  if (o.status !== 'in_progress' || o.delivered <= 0 || o.lastSuccessAt <= o.placedAt) return null;
  const perMs = o.delivered / (o.lastSuccessAt - o.placedAt);
  const remaining = Math.max(0, o.quantity - o.delivered);
  return { perMinute: perMs * 60_000, finishAt: Math.round(o.lastSuccessAt + remaining / perMs) };
}
