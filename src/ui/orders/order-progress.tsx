import type { OrderRow } from '../../projections/orders-board';
import { defineMessages, formatNumber, useLanguage, useT } from '../i18n';

const messages = defineMessages({
  en: { text: '{delivered} of {quantity} likes delivered' },
  ko: { text: '좋아요 {quantity}개 중 {delivered}개 전달' },
});

/** Delivered / quantity as a progress bar (role progressbar, aria-valuenow = delivered). */
export function OrderProgress({ order }: { order: OrderRow }) {
  const t = useT(messages);
  const language = useLanguage();
  const percent = order.quantity > 0 ? Math.min(100, (order.delivered / order.quantity) * 100) : 0;
  return (
    <div className="order-progress">
      <div
        className={`progress progress-${order.status}`}
        role="progressbar"
        aria-label={`Order #${order.orderId} progress`}
        aria-valuemin={0}
        aria-valuemax={order.quantity}
        aria-valuenow={order.delivered}
        aria-valuetext={t('text', { delivered: order.delivered, quantity: order.quantity })}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="progress-text">
        {formatNumber(order.delivered, language)} / {formatNumber(order.quantity, language)}
      </span>
    </div>
  );
}
