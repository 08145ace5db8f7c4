import type { StoredEvent } from '../engine/event-envelope';
import type {
  OrderCancelled,
  OrderCompleted,
  OrderFailed,
  OrderPlaced,
  PointsCharged,
  PostCreated,
} from './events';
import { formatNumber } from './format';

export type NotificationKind = 'info' | 'success' | 'error';

export type NotificationKey =
  | 'pointsCharged'
  | 'postCreated'
  | 'orderPlaced'
  | 'orderCompleted'
  | 'orderFailed'
  | 'orderCancelled';

export interface NotificationContext {
  /** Ordered quantity of the event's order, when the caller knows it. */
  quantity?: number;
}

export interface Notification {
  seq: number;
  at: number;
  kind: NotificationKind;
  /** English text; the UI may translate from key + params instead. */
  text: string;
  key: NotificationKey;
  params: Record<string, string | number>;
}

/**
 * What a person should hear about an event, or null. Batches are not
 * announced one by one; the order's outcome is. The failed/cancelled events do
 * not carry the ordered quantity; pass it in `context` to get "310 of 1,000".
 */
export function notificationFor(e: StoredEvent, context?: NotificationContext): Notification | null {
  const base = { seq: e.seq, at: e.meta.at };
  switch (e.type) {
    case 'PointsCharged': {
      const d = e.data as PointsCharged;
      return { ...base, kind: 'success', key: 'pointsCharged', params: { amount: d.amount }, text: `Charged ${formatNumber(d.amount)} points` };
    }
    case 'PostCreated': {
      const d = e.data as PostCreated;
      return { ...base, kind: 'info', key: 'postCreated', params: { postId: d.postId, title: d.title, author: d.author }, text: `New post “${d.title}” by ${d.author}` };
    }
    case 'OrderPlaced': {
      const d = e.data as OrderPlaced;
      return {
        ...base,
        kind: 'info',
        key: 'orderPlaced',
        params: { orderNo: d.orderId, quantity: d.quantity, total: d.total, postId: d.postId },
        text: `Order #${d.orderId} placed — ${formatNumber(d.quantity)} likes for ${formatNumber(d.total)} points`,
      };
    }
    case 'OrderCompleted': {
      const d = e.data as OrderCompleted;
      return {
        ...base,
        kind: 'success',
        key: 'orderCompleted',
        params: { orderNo: d.orderId, delivered: d.delivered },
        text: `Order #${d.orderId} completed — ${formatNumber(d.delivered)} likes delivered`,
      };
    }
    case 'OrderFailed': {
      const d = e.data as OrderFailed;
      const q = context?.quantity;
      const deliveredText = q === undefined ? `${formatNumber(d.delivered)} likes delivered` : `${formatNumber(d.delivered)} of ${formatNumber(q)} delivered`;
      const params: Record<string, string | number> = { orderNo: d.orderId, atBatch: d.atBatch, delivered: d.delivered, refund: d.refund, reason: d.reason };
      if (q !== undefined) params.quantity = q;
      return {
        ...base,
        kind: 'error',
        key: 'orderFailed',
        params,
        text: `Order #${d.orderId} failed at batch ${d.atBatch} — ${deliveredText}, ${formatNumber(d.refund)} points refunded (${d.reason})`,
      };
    }
    case 'OrderCancelled': {
      const d = e.data as OrderCancelled;
      const q = context?.quantity;
      const deliveredText = q === undefined ? `${formatNumber(d.delivered)} likes delivered` : `${formatNumber(d.delivered)} of ${formatNumber(q)} delivered`;
      const params: Record<string, string | number> = { orderNo: d.orderId, delivered: d.delivered, refund: d.refund };
      if (q !== undefined) params.quantity = q;
      return {
        ...base,
        kind: 'info',
        key: 'orderCancelled',
        params,
        text: `Order #${d.orderId} cancelled — ${deliveredText}, ${formatNumber(d.refund)} points refunded`,
      };
    }
    default:
      return null;
  }
}
