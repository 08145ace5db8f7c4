import { memo, useCallback, useMemo, useRef } from 'react';
import { useDesk, useShown } from '../../store/use-desk';
import { RevertButton } from '../revert/revert-button';
import { NotSyncedMark } from '../sync/not-synced-mark';
import { useSyncedUpTo } from '../../store/use-sync';
import type { PassbookLine } from '../../projections/passbook';
import { filterPassbook, NO_PASSBOOK_FILTER, type PassbookFilter } from '../../projections/passbook-filter';
import type { Language } from '../../store/language';
import { dateFormat, defineMessages, formatNumber, formatTime, useLanguage, useT } from '../i18n';
import { useVirtualRows } from '../use-virtual-rows';

/**
 * Estimated height of one line in px: two text lines, as in the desk's wallet column, where the date wraps after
 * its comma (rows are measured once rendered; a close estimate spares a re-render when new lines come into view).
 */
export const PASSBOOK_ROW_PX = 58;

/** The passbook's words in both languages (its table, filter and CSV). */
export const passbookMessages = defineMessages({
  en: {
    passbook: 'Passbook',
    date: 'Date',
    description: 'Description',
    in: 'In',
    out: 'Out',
    balance: 'Balance',
    empty: 'No transactions yet.',
    noMatch: 'No transaction matches the filter.',
    newestFirst: 'Every line, newest first; scroll back for older ones.',
    deduct: 'Order #{id} paid',
    refund: 'Refund for order #{id}',
    cancelled: 'cancelled',
    failed: 'failed',
    charge: 'Charge',
    reversal: 'Charge reversed: {description}',
    reversedBy: 'reversed by #{seq}',
    actions: 'Actions',
  },
  ko: {
    passbook: '통장',
    date: '날짜',
    description: '내용',
    in: '입금',
    out: '출금',
    balance: '잔액',
    empty: '아직 거래가 없습니다.',
    noMatch: '필터와 일치하는 거래가 없습니다.',
    newestFirst: '모든 거래, 최신순. 스크롤하면 이전 거래가 보입니다.',
    deduct: '주문 #{id} 결제',
    refund: '주문 #{id} 환불',
    cancelled: '취소',
    failed: '실패',
    charge: '충전',
    reversal: '충전 취소: {description}',
    reversedBy: '#{seq}에서 취소됨',
    actions: '작업',
  },
});

const SHORT_TIME: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false };

/** A compact date for a narrow column (the full time is in the title). */
function shortTime(at: number, language: Language): string {
  return dateFormat(language, SHORT_TIME).format(at);
}

type T = ReturnType<typeof useT<keyof (typeof passbookMessages)['en']>>;

/** What a line was, in the user's words ("Order #12 paid"). */
export function describe(line: PassbookLine, t: T): string {
  if (line.kind === 'deduct') return t('deduct', { id: line.orderId ?? '' });
  if (line.kind === 'refund') {
    const reason = /\((cancelled|failed)\)/.exec(line.description)?.[1] as 'cancelled' | 'failed' | undefined;
    return reason ? `${t('refund', { id: line.orderId ?? '' })} (${t(reason)})` : t('refund', { id: line.orderId ?? '' });
  }
  if (line.kind === 'reversal') return t('reversal', { description: line.description === 'Charge' ? t('charge') : line.description });
  return line.description === 'Charge' ? t('charge') : line.description;
}

interface PassbookRowProps {
  line: PassbookLine;
  index: number;
  language: Language;
  t: T;
  measure: (element: Element | null) => void;
  /** Offer "Revert…": a charge not reversed yet, or the payment of an order still open. */
  revertible: boolean;
  /** Made on this device, not confirmed by the sync desk yet. */
  unsynced: boolean;
}

/**
 * One line. The row carries only what the virtualizer needs (its index changes whenever newer lines appear
 * above it); its cells are memoized, so a seek re-renders only lines whose object changed (projections share
 * unchanged ones).
 */
function PassbookRow({ index, measure, ...cells }: PassbookRowProps) {
  return (
    <tr ref={measure} data-index={index} className={`line-${cells.line.kind}`} data-seq={cells.line.seq}>
      <PassbookCells {...cells} />
    </tr>
  );
}

const PassbookCells = memo(function PassbookCells({ line, language, t, revertible, unsynced }: Omit<PassbookRowProps, 'index' | 'measure'>) {
  const seek = useDesk((s) => s.seek);
  const num = (n: number) => (n === 0 ? '' : formatNumber(n, language));
  return (
    <>
      <td className="nowrap">
        <time dateTime={new Date(line.at).toISOString()} title={formatTime(line.at, language)}>
          {shortTime(line.at, language)}
        </time>
      </td>
      <td>
        {describe(line, t)}
        {unsynced && <> <NotSyncedMark /></>}
      </td>
      <td className="num amount-in">{num(line.in)}</td>
      <td className="num amount-out">{num(line.out)}</td>
      <td className="num">{formatNumber(line.balance, language)}</td>
      <td className="nowrap">
        {line.reversedBy !== undefined ? (
          <button type="button" className="revert-link" onClick={() => seek(line.reversedBy as number)}>
            {t('reversedBy', { seq: String(line.reversedBy) })}
          </button>
        ) : revertible ? (
          <RevertButton seq={line.seq} className="revert-link" />
        ) : null}
      </td>
    </>
  );
});

/**
 * One line per wallet event with the running balance: every line, newest first,
 * virtualized — only the lines in view are rendered, so a passbook of any length
 * costs the same to show and to re-render on a seek.
 */
export function PassbookTable({ filter = NO_PASSBOOK_FILTER }: { filter?: PassbookFilter } = {}) {
  const t = useT(passbookMessages);
  const language = useLanguage();
  const allLines = useShown((s) => s.view.passbook.lines);
  // The filter applies at every slider position: it is kept here, the lines come from the position.
  const lines = useMemo(() => filterPassbook(allLines, filter), [allLines, filter]);
  const orders = useShown((s) => s.view.orders.byId);
  // A payment is reverted by cancelling its order, which only an open order allows.
  const openOrders = useMemo(
    () => new Set(Object.values(orders).filter((o) => o.status === 'placed' || o.status === 'in_progress').map((o) => o.orderId)),
    [orders],
  );
  const syncedUpTo = useSyncedUpTo();
  const scrollRef = useRef<HTMLDivElement>(null);
  const n = lines.length;
  const keyAt = useCallback((i: number) => lines[n - 1 - i]?.seq ?? i, [lines, n]);
  const rows = useVirtualRows(n, scrollRef, PASSBOOK_ROW_PX, keyAt);
  if (n === 0) return <p className="empty">{allLines.length > 0 ? t('noMatch') : t('empty')}</p>;
  return (
    <>
      <div ref={scrollRef} className="table-scroll" role="region" aria-label="Passbook" tabIndex={0}>
        <table className="data-table passbook">
          <thead>
            <tr>
              <th scope="col">{t('date')}</th>
              <th scope="col">{t('description')}</th>
              <th scope="col" className="num">
                {t('in')}
              </th>
              <th scope="col" className="num">
                {t('out')}
              </th>
              <th scope="col" className="num">
                {t('balance')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.padTop > 0 && <tr aria-hidden="true" className="virtual-pad" style={{ height: rows.padTop }} />}
            {rows.items.map((item) => {
              const line = lines[n - 1 - item.index];
              const revertible = line.kind === 'charge' || (line.kind === 'deduct' && openOrders.has(line.orderId ?? ''));
              return (
                <PassbookRow
                  key={line.seq}
                  line={line}
                  index={item.index}
                  language={language}
                  t={t}
                  measure={rows.measure}
                  revertible={revertible}
                  unsynced={line.seq > syncedUpTo}
                />
              );
            })}
            {rows.padBottom > 0 && <tr aria-hidden="true" className="virtual-pad" style={{ height: rows.padBottom }} />}
          </tbody>
        </table>
      </div>
      <p className="note">{t('newestFirst')}</p>
    </>
  );
}
