import { useCallback, useRef } from 'react';
import { useDesk, useShown } from '../../store/use-desk';
import { defineMessages, useT } from '../i18n';
import { useCommandIntents } from '../use-command-intent';
import { useVirtualRows } from '../use-virtual-rows';
import { OrderCard } from './order-card';
import { PlaceOrderForm } from './place-order-form';
import './orders.css';

/** Estimated height of one order card in px (cards are measured once rendered: stopped orders are taller). */
export const ORDER_CARD_PX = 92;

const messages = defineMessages({
  en: {
    title: 'Orders',
    counts: '{open} open · {completed} completed · {failed} failed · {cancelled} cancelled',
    empty: 'No orders yet.',
    list: 'Orders board',
  },
  ko: {
    title: '주문',
    counts: '진행 {open} · 완료 {completed} · 실패 {failed} · 취소 {cancelled}',
    empty: '아직 주문이 없습니다.',
    list: '주문 보드',
  },
});

/**
 * Every order at the slider's position, newest first: status, progress, last
 * success, where it stopped; cancel and select. Virtualized: only the cards in
 * view are rendered, and cards are memoized on their row object, so a seek
 * re-renders only orders that changed.
 */
export function OrdersBoard() {
  const t = useT(messages);
  const orders = useShown((s) => s.view.orders);
  const posts = useShown((s) => s.view.posts.byId);
  const live = useDesk((s) => s.live);
  const selected = useDesk((s) => s.selectedOrderId);
  const selectOrder = useDesk((s) => s.selectOrder);
  const intents = useCommandIntents();
  const { send } = intents;
  const onCancel = useCallback((orderId: string) => void send(`cancel:${orderId}`, { type: 'CancelOrder', orderId }), [send]);
  const ids = orders.order;
  const n = ids.length;
  const scrollRef = useRef<HTMLDivElement>(null);
  const keyAt = useCallback((i: number) => ids[n - 1 - i] ?? i, [ids, n]);
  const rows = useVirtualRows(n, scrollRef, ORDER_CARD_PX, keyAt);
  const c = orders.counts;

  return (
    <section className="panel panel-orders" aria-labelledby="orders-title">
      <div className="panel-head">
        <h2 id="orders-title">{t('title')}</h2>
        <span className="muted">
          {t('counts', { open: c.placed + c.in_progress, completed: c.completed, failed: c.failed, cancelled: c.cancelled })}
        </span>
      </div>
      <PlaceOrderForm />
      {n === 0 ? (
        <p className="empty">{t('empty')}</p>
      ) : (
        <div ref={scrollRef} className="list-scroll" role="region" aria-label="Orders board" tabIndex={0}>
          <ul className="order-list" style={{ paddingTop: rows.padTop, paddingBottom: rows.padBottom }}>
            {rows.items.map((item) => {
              const id = ids[n - 1 - item.index];
              const o = orders.byId[id];
              return (
                <OrderCard
                  key={id}
                  index={item.index}
                  measure={rows.measure}
                  order={o}
                  postTitle={posts[o.postId]?.title ?? o.postId}
                  selected={selected === id}
                  past={!live}
                  cancelling={intents.saving.has(`cancel:${id}`)}
                  onSelect={selectOrder}
                  onCancel={onCancel}
                />
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
