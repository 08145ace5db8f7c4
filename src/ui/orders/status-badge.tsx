import type { OrderStatus } from '../../projections/orders-board';
import { defineMessages, useT } from '../i18n';

/** Status names in both languages (the board's badge, its filter and its CSV). */
export const statusMessages = defineMessages({
  en: { placed: 'Placed', in_progress: 'In progress', completed: 'Completed', failed: 'Failed', cancelled: 'Cancelled' },
  ko: { placed: '접수됨', in_progress: '진행 중', completed: '완료', failed: '실패', cancelled: '취소됨' },
});

export function isOpen(status: OrderStatus): boolean {
  return status === 'placed' || status === 'in_progress';
}

export function StatusBadge({ status }: { status: OrderStatus }) {
  const t = useT(statusMessages);
  return <span className={`status status-${status}`}>{t(status)}</span>;
}
