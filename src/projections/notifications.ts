import type { Projection } from '../engine/projection';
import type { OrderPlaced } from '../domain/events';
import { notificationFor } from '../domain/notifications';
import type { Notification } from '../domain/notifications';

export const MAX_NOTIFICATIONS = 200;

export interface NotificationsState {
  /** The latest notifications, oldest first, at most MAX_NOTIFICATIONS. */
  items: Notification[];
  /** Notifications ever produced. */
  total: number;
  /** Quantity of orders still open (orderId → quantity), for "310 of 1,000 delivered"; pruned when they finish. */
  openQuantity: Record<string, number>;
}

export const notificationsProjection: Projection<NotificationsState> = {
  name: 'notifications',
  version: 1,
  init: () => ({ items: [], total: 0, openQuantity: {} }),
  // What `apply` writes: the root, the list (items themselves are never changed) and the open quantities.
  thaw: (s) => ({ ...s, items: s.items.slice(), openQuantity: { ...s.openQuantity } }),
  apply(draft, e) {
    let quantity: number | undefined;
    switch (e.type) {
      case 'OrderPlaced': {
        const d = e.data as OrderPlaced;
        draft.openQuantity[d.orderId] = d.quantity;
        break;
      }
      case 'OrderCompleted':
      case 'OrderFailed':
      case 'OrderCancelled': {
        const orderId = (e.data as { orderId: string }).orderId;
        quantity = draft.openQuantity[orderId];
        if (quantity !== undefined) delete draft.openQuantity[orderId];
        break;
      }
      case 'PointsCharged':
      case 'PostCreated':
        break;
      default:
        return; // the hot path (batches, likes) allocates nothing
    }
    const n = notificationFor(e, quantity === undefined ? undefined : { quantity });
    if (!n) return;
    draft.total++;
    draft.items.push(n);
    if (draft.items.length > MAX_NOTIFICATIONS) draft.items.shift();
  },
};
