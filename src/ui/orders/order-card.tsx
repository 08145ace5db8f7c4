import { memo } from 'react';
import type { OrderRow } from '../../projections/orders-board';
import { failureReason } from './failure-reason';
import { defineMessages, formatNumber, formatTime, useLanguage, useT, useStableName } from '../i18n';
import { orderPace } from '../../projections/order-pace';
import { OrderProgress } from './order-progress';
import { isOpen, StatusBadge } from './status-badge';

const messages = defineMessages({
  en: {
    order: 'Order #{id}',
    lastSuccess: 'Last success: batch #{batch} · {at}',
    noSuccess: 'No batch delivered yet',
    stopped: 'Stopped at batch #{batch}: {reason}',
    stoppedBefore: 'Stopped before the first batch: {reason}',
    cancelledReason: 'cancelled',
    total: '{total} pts',
    cancel: 'Cancel',
    refund: 'refunded {refund} pts',
    saving: 'Saving…',
    pace: '{rate} likes/min · done by about {at}',
    orderRest: 'Order the rest ({n})',
  },
  ko: {
    order: '주문 #{id}',
    lastSuccess: '마지막 성공: 배치 #{batch} · {at}',
    noSuccess: '아직 전달된 배치 없음',
    stopped: '배치 #{batch}에서 멈춤: {reason}',
    stoppedBefore: '첫 배치 전에 멈춤: {reason}',
    cancelledReason: '취소',
    total: '{total} 포인트',
    cancel: '취소',
    refund: '{refund} 포인트 환불',
    saving: '저장 중…',
    pace: '분당 좋아요 {rate}개 · 예상 완료 {at}',
    orderRest: '나머지 주문 ({n})',
  },
});

export interface OrderCardProps {
  order: OrderRow;
  postTitle: string;
  selected: boolean;
  past: boolean;
  /** Its cancellation is being saved. */
  cancelling?: boolean;
  onSelect: (orderId: string) => void;
  onCancel: (orderId: string) => void;
  /** "Order the rest": fills the order form with the undelivered likes of a failed or cancelled order. */
  onOrderRest?: (order: OrderRow) => void;
  /** Position in a virtualized list, and its ref callback that measures the card. */
  index?: number;
  measure?: (element: Element | null) => void;
}

/**
 * One order on the board: status, progress, last success and where it stopped.
 * The list item carries only what the virtualizer needs (its index changes whenever
 * newer orders appear above it); its content is memoized on the order's row object,
 * so a seek re-renders only the cards of orders that changed.
 */
export function OrderCard({ index, measure, ...body }: OrderCardProps) {
  return (
    <li ref={measure} data-index={index} className={body.selected ? 'order-card is-selected' : 'order-card'} data-order-id={body.order.orderId}>
      <OrderCardBody {...body} />
    </li>
  );
}

const OrderCardBody = memo(function OrderCardBody({
  order,
  postTitle,
  selected,
  past,
  cancelling = false,
  onSelect,
  onCancel,
  onOrderRest,
}: Omit<OrderCardProps, 'index' | 'measure'>) {
  const t = useT(messages);
  const name = useStableName();
  const language = useLanguage();
  const stopped = order.stoppedAt;
  const reason = stopped && (stopped.reason === 'cancelled' ? t('cancelledReason') : failureReason(stopped.reason, language));
  const pace = orderPace(order);
  const rest = order.quantity - order.delivered;
  const canOrderRest = (order.status === 'failed' || order.status === 'cancelled') && rest > 0 && onOrderRest !== undefined;
  return (
    <>
      <div className="order-card-head">
        <button
          type="button"
          className="order-select"
          aria-pressed={selected}
          onClick={() => onSelect(order.orderId)}
        >
          <strong>{t('order', { id: order.orderId })}</strong>{' '}
          <span className="order-post">{postTitle}</span>
        </button>
        <StatusBadge status={order.status} />
      </div>
      <OrderProgress order={order} />
      <div className="order-meta">
        <span>{t('total', { total: order.total })}</span>
        <span>
          {order.lastSuccessBatchNo > 0
            ? t('lastSuccess', { batch: order.lastSuccessBatchNo, at: formatTime(order.lastSuccessAt, language) })
            : t('noSuccess')}
        </span>
        {pace && (
          <span className="order-pace">
            {t('pace', { rate: formatNumber(Math.round(pace.perMinute * 10) / 10, language), at: formatTime(pace.finishAt, language) })}
          </span>
        )}
        {stopped && (
          <span className="order-stopped">
            {stopped.batchNo > 0 ? t('stopped', { batch: stopped.batchNo, reason: reason ?? '' }) : t('stoppedBefore', { reason: reason ?? '' })}
            {order.refund > 0 && ` · ${t('refund', { refund: formatNumber(order.refund, language) })}`}
          </span>
        )}
        {isOpen(order.status) && (
          <button
            type="button"
            className="btn btn-small btn-danger"
            aria-label={name(`Cancel order #${order.orderId}`, t('cancel'))}
            aria-busy={cancelling}
            disabled={past || cancelling}
            onClick={() => onCancel(order.orderId)}
          >
            {cancelling ? t('saving') : t('cancel')}
          </button>
        )}
        {canOrderRest && (
          <button
            type="button"
            className="btn btn-small"
            aria-label={name(`Order the rest (${formatNumber(rest)}) of order #${order.orderId}`, t('orderRest', { n: rest }))}
            disabled={past}
            onClick={() => onOrderRest(order)}
          >
            {t('orderRest', { n: rest })}
          </button>
        )}
      </div>
    </>
  );
});
