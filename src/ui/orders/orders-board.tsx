import { useCallback, useMemo, useRef, useState } from 'react';
import { csvFileName, ordersCsv } from '../../app/csv-export';
import { filterOrders, isOrderFilterSet, NO_ORDER_FILTER, type OrderFilter } from '../../projections/order-filter';
import type { OrderRow } from '../../projections/orders-board';
import { useDesk, useShown } from '../../store/use-desk';
import { CsvButton } from '../forms/csv-button';
import { defineMessages, useLanguage, useT } from '../i18n';
import { useCommandIntents } from '../use-command-intent';
import { useVirtualRows } from '../use-virtual-rows';
import { failureReason } from './failure-reason';
import { OrderCard } from './order-card';
import { OrderFilters } from './order-filters';
import { PlaceOrderForm, type OrderPrefill } from './place-order-form';
import { statusMessages } from './status-badge';
import './orders.css';

/** Estimated height of one order card in px (cards are measured once rendered: stopped orders are taller). */
export const ORDER_CARD_PX = 92;

const messages = defineMessages({
  en: {
    title: 'Orders',
    counts: '{open} open · {completed} completed · {failed} failed · {cancelled} cancelled',
    empty: 'No orders yet.',
    list: 'Orders board',
    matching: '{shown} of {total} orders match',
    noMatch: 'No order matches the search.',
    csv: 'Export orders (CSV)',
    cancelledReason: 'cancelled',
  },
  ko: {
    title: '주문',
    counts: '진행 {open} · 완료 {completed} · 실패 {failed} · 취소 {cancelled}',
    empty: '아직 주문이 없습니다.',
    list: '주문 보드',
    matching: '주문 {total}건 중 {shown}건 일치',
    noMatch: '검색과 일치하는 주문이 없습니다.',
    csv: '주문 내보내기 (CSV)',
    cancelledReason: '취소',
  },
});

/**
 * Every order at the slider's position, newest first: status, progress, last
 * success, where it stopped; cancel, select and "Order the rest". Searchable and
 * filtered by status and placement day (the filter stays as the slider moves).
 * Virtualized: only the cards in view are rendered, and cards are memoized on
 * their row object, so a seek re-renders only orders that changed.
 */
export function OrdersBoard() {
  const t = useT(messages);
  const statusT = useT(statusMessages);
  const language = useLanguage();
  const orders = useShown((s) => s.view.orders);
  const posts = useShown((s) => s.view.posts.byId);
  const cursor = useShown((s) => s.cursor);
  const live = useDesk((s) => s.live);
  const selected = useDesk((s) => s.selectedOrderId);
  const selectOrder = useDesk((s) => s.selectOrder);
  const intents = useCommandIntents();
  const { send } = intents;
  const onCancel = useCallback((orderId: string) => void send(`cancel:${orderId}`, { type: 'CancelOrder', orderId }), [send]);
  const [filter, setFilter] = useState<OrderFilter>(NO_ORDER_FILTER);
  const [prefill, setPrefill] = useState<OrderPrefill | null>(null);
  const onOrderRest = useCallback(
    (o: OrderRow) =>
      setPrefill((p) => ({
        key: (p?.key ?? 0) + 1,
        fromOrderId: o.orderId,
        postId: o.postId,
        quantity: o.quantity - o.delivered,
        unitPrice: o.unitPrice,
        batchSize: Math.min(o.batchSize, o.quantity - o.delivered),
      })),
    [],
  );
  const postTitle = useCallback((postId: string) => posts[postId]?.title ?? postId, [posts]);
  const ids = useMemo(() => filterOrders(orders.order, orders.byId, postTitle, filter), [orders, postTitle, filter]);
  const total = orders.order.length;
  const n = ids.length;
  const scrollRef = useRef<HTMLDivElement>(null);
  const keyAt = useCallback((i: number) => ids[n - 1 - i] ?? i, [ids, n]);
  const rows = useVirtualRows(n, scrollRef, ORDER_CARD_PX, keyAt);
  const c = orders.counts;
  const buildCsv = () => ({
    fileName: csvFileName('orders', cursor),
    text: ordersCsv(
      ids.map((id) => orders.byId[id]),
      language,
      {
        postTitle,
        status: (o) => statusT(o.status),
        reason: (o) => (!o.stoppedAt ? '' : o.stoppedAt.reason === 'cancelled' ? t('cancelledReason') : failureReason(o.stoppedAt.reason, language)),
      },
    ),
  });

  return (
    <section className="panel panel-orders" aria-labelledby="orders-title">
      <div className="panel-head">
        <h2 id="orders-title">{t('title')}</h2>
        <span className="muted">
          {t('counts', { open: c.placed + c.in_progress, completed: c.completed, failed: c.failed, cancelled: c.cancelled })}
        </span>
      </div>
      <PlaceOrderForm prefill={prefill} />
      {total === 0 ? (
        <p className="empty">{t('empty')}</p>
      ) : (
        <>
          <OrderFilters filter={filter} onChange={setFilter} />
          <div className="desk-filters__status">
            <span className="muted" role="status" aria-label="Orders shown">
              {isOrderFilterSet(filter) ? t('matching', { shown: n, total }) : ''}
            </span>
            <CsvButton label={t('csv')} english="Export orders (CSV)" build={buildCsv} />
          </div>
          {n === 0 ? (
            <p className="empty">{t('noMatch')}</p>
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
                      postTitle={postTitle(o.postId)}
                      selected={selected === id}
                      past={!live}
                      cancelling={intents.saving.has(`cancel:${id}`)}
                      onSelect={selectOrder}
                      onCancel={onCancel}
                      onOrderRest={onOrderRest}
                    />
                  );
                })}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
