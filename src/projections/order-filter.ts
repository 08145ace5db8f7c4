import { dayRangeBounds, inDayRange, type DayRange } from './date-range';
import type { OrderRow, OrderStatus } from './orders-board';

/** What the desk looks for on the board: order number or post title text, a status ("open" = placed or running), a day range of placement. */
export interface OrderFilter extends DayRange {
  text: string;
  status: '' | 'open' | OrderStatus;
}

export const NO_ORDER_FILTER: OrderFilter = { text: '', status: '', from: '', to: '' };

export function isOrderFilterSet(f: OrderFilter): boolean {
  return f.text.trim() !== '' || f.status !== '' || f.from !== '' || f.to !== '';
}

/**
 * The ids (in `ids` order) of the orders that match: text matches the order number ("12", "#12") or any part
 * of the post's title or id, case-insensitively.
 */
export function filterOrders(ids: readonly string[], byId: Record<string, OrderRow>, postTitle: (postId: string) => string, f: OrderFilter): readonly string[] {
  if (!isOrderFilterSet(f)) return ids;
  const text = f.text.trim().toLowerCase();
  const number = text.replace(/^#/, '');
  const bounds = dayRangeBounds(f);
  return ids.filter((id) => {
    const o = byId[id];
    if (!o) return false;
    if (f.status === 'open' ? o.status !== 'placed' && o.status !== 'in_progress' : f.status !== '' && o.status !== f.status) return false;
    if (!inDayRange(o.placedAt, bounds)) return false;
    if (text === '') return true;
    return o.orderId === number || o.postId.toLowerCase() === text || postTitle(o.postId).toLowerCase().includes(text);
  });
}
