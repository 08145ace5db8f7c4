import type { OrderFilter } from '../../projections/order-filter';
import { isOrderFilterSet, NO_ORDER_FILTER } from '../../projections/order-filter';
import { defineMessages, useStableName, useT } from '../i18n';

const messages = defineMessages({
  en: {
    find: 'Find an order',
    text: 'Order # or post',
    textPlaceholder: 'e.g. 12 or a post title',
    status: 'Status',
    any: 'Any status',
    open: 'Open (placed or running)',
    placed: 'Placed',
    in_progress: 'In progress',
    completed: 'Completed',
    failed: 'Failed',
    cancelled: 'Cancelled',
    from: 'Placed from',
    to: 'to',
    clear: 'Clear',
  },
  ko: {
    find: '주문 찾기',
    text: '주문 번호 또는 게시물',
    textPlaceholder: '예: 12 또는 게시물 제목',
    status: '상태',
    any: '모든 상태',
    open: '진행 (접수·진행 중)',
    placed: '접수됨',
    in_progress: '진행 중',
    completed: '완료',
    failed: '실패',
    cancelled: '취소됨',
    from: '주문일 시작',
    to: '끝',
    clear: '지우기',
  },
});

const STATUSES = ['open', 'placed', 'in_progress', 'completed', 'failed', 'cancelled'] as const;

/** Search and filters of the orders board: order number or post title, status, placement day range. */
export function OrderFilters({ filter, onChange }: { filter: OrderFilter; onChange(filter: OrderFilter): void }) {
  const t = useT(messages);
  const name = useStableName();
  const set = (patch: Partial<OrderFilter>) => onChange({ ...filter, ...patch });
  return (
    <fieldset className="desk-filters">
      <legend className="visually-hidden">{t('find')}</legend>
      <label className="desk-filters__grow">
        <span>{t('text')}</span>
        <input type="search" value={filter.text} placeholder={t('textPlaceholder')} autoComplete="off" onChange={(e) => set({ text: e.target.value })} />
      </label>
      <label>
        <span>{t('status')}</span>
        <select value={filter.status} onChange={(e) => set({ status: e.target.value as OrderFilter['status'] })}>
          <option value="">{t('any')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('from')}</span>
        <input type="date" aria-label={name('Placed from', t('from'))} value={filter.from} max={filter.to || undefined} onChange={(e) => set({ from: e.target.value })} />
      </label>
      <label>
        <span>{t('to')}</span>
        <input type="date" aria-label={name('Placed to', t('to'))} value={filter.to} min={filter.from || undefined} onChange={(e) => set({ to: e.target.value })} />
      </label>
      {isOrderFilterSet(filter) && (
        <button type="button" className="btn btn-small" onClick={() => onChange(NO_ORDER_FILTER)}>
          {t('clear')}
        </button>
      )}
    </fieldset>
  );
}
