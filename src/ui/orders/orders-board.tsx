import { useCallback } from 'react';
import { useDesk, useShown } from '../../store/use-desk';
import { defineMessages, useT } from '../i18n';
import { OrderCard } from './order-card';
import { PlaceOrderForm } from './place-order-form';
import './orders.css';

/** Orders rendered at most (newest first); the board can hold thousands. */
export const BOARD_LIMIT = 200;

const messages = defineMessages({
  en: {
    title: 'Orders',
    counts: '{open} open · {completed} completed · {failed} failed · {cancelled} cancelled',
    empty: 'No orders yet.',
    showing: 'Showing the latest {shown} of {total} orders.',
    list: 'Orders board',
  },
  ko: {
    title: '주문',
    counts: '진행 {open} · 완료 {completed} · 실패 {failed} · 취소 {cancelled}',
    empty: '아직 주문이 없습니다.',
    showing: '전체 {total}건 중 최근 {shown}건.',
    list: '주문 보드',
  },
});

/** Every order at the slider's position: status, progress, last success, where it stopped; cancel and select. */
export function OrdersBoard() {
  const t = useT(messages);
  const orders = useShown((s) => s.view.orders);
  const posts = useShown((s) => s.view.posts.byId);
  const live = useDesk((s) => s.live);
  const selected = useDesk((s) => s.selectedOrderId);
  const selectOrder = useDesk((s) => s.selectOrder);
  const dispatch = useDesk((s) => s.dispatch);
  const onCancel = useCallback((orderId: string) => void dispatch({ type: 'CancelOrder', orderId }), [dispatch]);
  const ids = orders.order.slice(-BOARD_LIMIT).reverse();
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
      {ids.length === 0 ? (
        <p className="empty">{t('empty')}</p>
      ) : (
        <div className="list-scroll" role="region" aria-label="Orders board" tabIndex={0}>
          <ul className="order-list">
            {ids.map((id) => {
              const o = orders.byId[id];
              return (
                <OrderCard
                  key={id}
                  order={o}
                  postTitle={posts[o.postId]?.title ?? o.postId}
                  selected={selected === id}
                  past={!live}
                  onSelect={selectOrder}
                  onCancel={onCancel}
                />
              );
            })}
          </ul>
        </div>
      )}
      {orders.order.length > BOARD_LIMIT && <p className="note">{t('showing', { shown: BOARD_LIMIT, total: orders.order.length })}</p>}
    </section>
  );
}
