import { useShown } from '../../store/use-desk';
import type { PassbookLine } from '../../projections/passbook';
import type { Language } from '../../store/language';
import { dateFormat, defineMessages, formatNumber, formatTime, useLanguage, useT } from '../i18n';

/** Lines rendered at most; the passbook can hold thousands. */
export const PASSBOOK_LIMIT = 200;

const messages = defineMessages({
  en: {
    passbook: 'Passbook',
    date: 'Date',
    description: 'Description',
    in: 'In',
    out: 'Out',
    balance: 'Balance',
    empty: 'No transactions yet.',
    showing: 'Showing the latest {shown} of {total} lines, newest first.',
    newestFirst: 'Newest first.',
    deduct: 'Order #{id} paid',
    refund: 'Refund for order #{id}',
    cancelled: 'cancelled',
    failed: 'failed',
    charge: 'Charge',
  },
  ko: {
    passbook: '통장',
    date: '날짜',
    description: '내용',
    in: '입금',
    out: '출금',
    balance: '잔액',
    empty: '아직 거래가 없습니다.',
    showing: '전체 {total}줄 중 최근 {shown}줄 (최신순).',
    newestFirst: '최신순.',
    deduct: '주문 #{id} 결제',
    refund: '주문 #{id} 환불',
    cancelled: '취소',
    failed: '실패',
    charge: '충전',
  },
});

const SHORT_TIME: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false };

/** A compact date for a narrow column (the full time is in the title). */
function shortTime(at: number, language: Language): string {
  return dateFormat(language, SHORT_TIME).format(at);
}

type T = ReturnType<typeof useT<keyof (typeof messages)['en']>>;

function describe(line: PassbookLine, t: T): string {
  if (line.kind === 'deduct') return t('deduct', { id: line.orderId ?? '' });
  if (line.kind === 'refund') {
    const reason = /\((cancelled|failed)\)/.exec(line.description)?.[1] as 'cancelled' | 'failed' | undefined;
    return reason ? `${t('refund', { id: line.orderId ?? '' })} (${t(reason)})` : t('refund', { id: line.orderId ?? '' });
  }
  return line.description === 'Charge' ? t('charge') : line.description;
}

/** One line per wallet event with the running balance; the latest PASSBOOK_LIMIT lines, newest first. */
export function PassbookTable() {
  const t = useT(messages);
  const language = useLanguage();
  const lines = useShown((s) => s.view.passbook.lines);
  if (lines.length === 0) return <p className="empty">{t('empty')}</p>;
  const shown = lines.slice(-PASSBOOK_LIMIT).reverse();
  const num = (n: number) => (n === 0 ? '' : formatNumber(n, language));
  return (
    <>
      <div className="table-scroll" role="region" aria-label="Passbook" tabIndex={0}>
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
            </tr>
          </thead>
          <tbody>
            {shown.map((line) => (
              <tr key={line.seq} className={`line-${line.kind}`} data-seq={line.seq}>
                <td className="nowrap">
                  <time dateTime={new Date(line.at).toISOString()} title={formatTime(line.at, language)}>
                    {shortTime(line.at, language)}
                  </time>
                </td>
                <td>{describe(line, t)}</td>
                <td className="num amount-in">{num(line.in)}</td>
                <td className="num amount-out">{num(line.out)}</td>
                <td className="num">{formatNumber(line.balance, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="note">{lines.length > PASSBOOK_LIMIT ? t('showing', { shown: PASSBOOK_LIMIT, total: lines.length }) : t('newestFirst')}</p>
    </>
  );
}
