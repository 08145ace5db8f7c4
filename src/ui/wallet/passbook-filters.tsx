import type { PassbookFilter } from '../../projections/passbook-filter';
import { isPassbookFilterSet, NO_PASSBOOK_FILTER } from '../../projections/passbook-filter';
import { defineMessages, useStableName, useT } from '../i18n';

const messages = defineMessages({
  en: {
    legend: 'Filter the passbook',
    kind: 'Kind',
    all: 'All',
    charge: 'Charges',
    deduct: 'Order payments',
    refund: 'Refunds',
    reversal: 'Reversals',
    from: 'From',
    to: 'to',
    clear: 'Clear',
  },
  ko: {
    legend: '통장 거래 거르기',
    kind: '종류',
    all: '전체',
    charge: '충전',
    deduct: '주문 결제',
    refund: '환불',
    reversal: '충전 취소',
    from: '시작일',
    to: '종료일',
    clear: '지우기',
  },
});

const KINDS = ['charge', 'deduct', 'refund', 'reversal'] as const;

/** Kind and day range of the passbook lines to show (and to export). */
export function PassbookFilters({ filter, onChange }: { filter: PassbookFilter; onChange(filter: PassbookFilter): void }) {
  const t = useT(messages);
  const name = useStableName();
  const set = (patch: Partial<PassbookFilter>) => onChange({ ...filter, ...patch });
  return (
    <fieldset className="desk-filters">
      <legend className="visually-hidden">{t('legend')}</legend>
      <label>
        <span>{t('kind')}</span>
        <select aria-label={name('Transaction kind', t('kind'))} value={filter.kind} onChange={(e) => set({ kind: e.target.value as PassbookFilter['kind'] })}>
          <option value="">{t('all')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(k)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('from')}</span>
        <input type="date" aria-label={name('Transactions from', t('from'))} value={filter.from} max={filter.to || undefined} onChange={(e) => set({ from: e.target.value })} />
      </label>
      <label>
        <span>{t('to')}</span>
        <input type="date" aria-label={name('Transactions to', t('to'))} value={filter.to} min={filter.from || undefined} onChange={(e) => set({ to: e.target.value })} />
      </label>
      {isPassbookFilterSet(filter) && (
        <button type="button" className="btn btn-small" onClick={() => onChange(NO_PASSBOOK_FILTER)}>
          {t('clear')}
        </button>
      )}
    </fieldset>
  );
}
