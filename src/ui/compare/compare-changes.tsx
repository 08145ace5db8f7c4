import type { LikeChange, OrderChange } from '../../projections/range-comparison';
import type { PassbookLine } from '../../projections/passbook';
import { useDesk } from '../../store/use-desk';
import { StatusBadge } from '../orders/status-badge';
import { defineMessages, formatNumber, formatTime, useLanguage, useT } from '../i18n';

/** Rows rendered at most per list; the counts above say how many there are. */
export const CHANGES_LIMIT = 100;

const messages = defineMessages({
  en: {
    lines: 'Passbook lines between ({n})',
    noLines: 'No passbook lines in this range.',
    orders: 'Orders changed ({n})',
    noOrders: 'No order changed.',
    likes: 'Likes per post ({n})',
    noLikes: 'No like count changed.',
    order: 'Order #{id}',
    placed: 'placed in range',
    delivered: '{n} delivered',
    more: '…and {n} more',
    charge: 'Charge',
    deduct: 'Order #{id} paid',
    refund: 'Refund for order #{id}',
    reversal: 'Charge reversed: {description}',
  },
  ko: {
    lines: '사이의 통장 내역 ({n})',
    noLines: '이 구간에는 통장 내역이 없습니다.',
    orders: '바뀐 주문 ({n})',
    noOrders: '바뀐 주문이 없습니다.',
    likes: '게시물별 좋아요 ({n})',
    noLikes: '바뀐 좋아요 수가 없습니다.',
    order: '주문 #{id}',
    placed: '구간 안에서 접수',
    delivered: '{n}개 전달',
    more: '…외 {n}건',
    charge: '충전',
    deduct: '주문 #{id} 결제',
    refund: '주문 #{id} 환불',
    reversal: '충전 취소: {description}',
  },
});

function signed(n: number, language: 'en' | 'ko'): string {
  return (n > 0 ? '+' : n < 0 ? '−' : '±') + formatNumber(Math.abs(n), language);
}

/** The passbook lines of the range, oldest first; each jumps the slider to its event. */
export function CompareLines({ lines }: { lines: readonly PassbookLine[] }) {
  const t = useT(messages);
  const language = useLanguage();
  const visit = useDesk((s) => s.visitInCompare);
  const describe = (l: PassbookLine) =>
    l.kind === 'charge' ? (l.description === 'Charge' ? t('charge') : l.description) : t(l.kind, { id: l.orderId ?? '', description: l.description });
  return (
    <section className="compare-block" aria-label="Passbook lines between">
      <h3>{t('lines', { n: lines.length })}</h3>
      {lines.length === 0 ? (
        <p className="empty">{t('noLines')}</p>
      ) : (
        <ul className="compare-list">
          {lines.slice(0, CHANGES_LIMIT).map((l) => (
            <li key={l.seq}>
              <button type="button" className="compare-row" onClick={() => visit(l.seq)}>
                <span className="compare-seq">#{l.seq}</span>
                <span className="compare-what" title={formatTime(l.at, language)}>
                  {describe(l)}
                </span>
                <span className={l.in > 0 ? 'num amount-in' : 'num amount-out'}>{signed(l.in - l.out, language)}</span>
                <span className="num muted">{formatNumber(l.balance, language)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {lines.length > CHANGES_LIMIT && <p className="note">{t('more', { n: lines.length - CHANGES_LIMIT })}</p>}
    </section>
  );
}

/** Orders whose status or delivered count differ between A and B, with both. */
export function CompareOrders({ orders, reversed }: { orders: readonly OrderChange[]; reversed: boolean }) {
  const t = useT(messages);
  const language = useLanguage();
  return (
    <section className="compare-block" aria-label="Orders changed">
      <h3>{t('orders', { n: orders.length })}</h3>
      {orders.length === 0 ? (
        <p className="empty">{t('noOrders')}</p>
      ) : (
        <ul className="compare-list">
          {orders.slice(0, CHANGES_LIMIT).map((o) => {
            // Shown as "at A → at B"; when B is before A the fold ran from B, so its before/after swap.
            const atA = reversed ? o.after : o.before;
            const atB = reversed ? o.before : o.after;
            return (
              <li key={o.orderId} className="compare-order">
                <span className="compare-what">{t('order', { id: o.orderId })}</span>
                <span className="compare-from">
                  {atA ? (
                    <>
                      <StatusBadge status={atA.status} /> {t('delivered', { n: atA.delivered })}
                    </>
                  ) : (
                    <span className="muted">{t('placed')}</span>
                  )}
                </span>
                <span aria-hidden="true">→</span>
                <span className="compare-to">
                  {atB ? (
                    <>
                      <StatusBadge status={atB.status} /> {t('delivered', { n: atB.delivered })}
                    </>
                  ) : (
                    <span className="muted">{t('placed')}</span>
                  )}
                </span>
                {atA && atB && atB.delivered !== atA.delivered && <span className="num">{signed(atB.delivered - atA.delivered, language)}</span>}
              </li>
            );
          })}
        </ul>
      )}
      {orders.length > CHANGES_LIMIT && <p className="note">{t('more', { n: orders.length - CHANGES_LIMIT })}</p>}
    </section>
  );
}

/** Net change of each post's like count between A and B. */
export function CompareLikes({ likes, reversed }: { likes: readonly LikeChange[]; reversed: boolean }) {
  const t = useT(messages);
  const language = useLanguage();
  return (
    <section className="compare-block" aria-label="Likes per post">
      <h3>{t('likes', { n: likes.length })}</h3>
      {likes.length === 0 ? (
        <p className="empty">{t('noLikes')}</p>
      ) : (
        <ul className="compare-list">
          {likes.slice(0, CHANGES_LIMIT).map((l) => {
            const atA = reversed ? l.after : l.before;
            const atB = reversed ? l.before : l.after;
            return (
              <li key={l.postId} className="compare-like">
                <span className="compare-what">{l.title}</span>
                <span className="num muted">
                  {formatNumber(atA, language)} → {formatNumber(atB, language)}
                </span>
                <span className={atB >= atA ? 'num amount-in' : 'num amount-out'}>{signed(atB - atA, language)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
