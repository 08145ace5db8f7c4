import { memo } from 'react';
import type { Notification, NotificationKey, NotificationKind } from '../../domain/notifications';
import { failureReason } from '../orders/failure-reason';
import { defineMessages, formatTime, useLanguage, useT } from '../i18n';

const messages = defineMessages({
  en: {
    pointsCharged: 'Charged {amount} points',
    postCreated: 'New post “{title}” by {author}',
    orderPlaced: 'Order #{orderNo} placed — {quantity} likes for {total} points',
    orderCompleted: 'Order #{orderNo} completed — {delivered} likes delivered',
    orderFailed: 'Order #{orderNo} failed at batch {atBatch} — {delivered} likes delivered, {refund} points refunded ({reason})',
    orderFailedOf: 'Order #{orderNo} failed at batch {atBatch} — {delivered} of {quantity} delivered, {refund} points refunded ({reason})',
    orderCancelled: 'Order #{orderNo} cancelled — {delivered} likes delivered, {refund} points refunded',
    orderCancelledOf: 'Order #{orderNo} cancelled — {delivered} of {quantity} delivered, {refund} points refunded',
    info: 'Info',
    success: 'Done',
    error: 'Problem',
  },
  ko: {
    pointsCharged: '{amount} 포인트 충전',
    postCreated: '새 게시물 “{title}” — 작성자 {author}',
    orderPlaced: '주문 #{orderNo} 접수 — 좋아요 {quantity}개, {total} 포인트',
    orderCompleted: '주문 #{orderNo} 완료 — 좋아요 {delivered}개 전달',
    orderFailed: '주문 #{orderNo} 실패 (배치 {atBatch}) — 좋아요 {delivered}개 전달, {refund} 포인트 환불 ({reason})',
    orderFailedOf: '주문 #{orderNo} 실패 (배치 {atBatch}) — {quantity}개 중 {delivered}개 전달, {refund} 포인트 환불 ({reason})',
    orderCancelled: '주문 #{orderNo} 취소 — 좋아요 {delivered}개 전달, {refund} 포인트 환불',
    orderCancelledOf: '주문 #{orderNo} 취소 — {quantity}개 중 {delivered}개 전달, {refund} 포인트 환불',
    info: '알림',
    success: '완료',
    error: '문제',
  },
});

const ICONS: Record<NotificationKind, string> = { info: 'ℹ', success: '✓', error: '⚠' };
const KEYS: readonly NotificationKey[] = ['pointsCharged', 'postCreated', 'orderPlaced', 'orderCompleted', 'orderFailed', 'orderCancelled'];

/** One notification: icon and colour by kind, text in the user's language (from key + params), time. */
export const NotificationItem = memo(function NotificationItem({ n }: { n: Notification }) {
  const t = useT(messages);
  const language = useLanguage();
  let text = n.text;
  if (KEYS.includes(n.key)) {
    const withQuantity = n.params.quantity !== undefined && (n.key === 'orderFailed' || n.key === 'orderCancelled');
    const params = typeof n.params.reason === 'string' ? { ...n.params, reason: failureReason(n.params.reason, language) } : n.params;
    text = t(withQuantity ? (`${n.key}Of` as 'orderFailedOf' | 'orderCancelledOf') : n.key, params);
  }
  return (
    <li className={`notification notification--${n.kind}`} data-seq={n.seq}>
      <span className="notification__icon" aria-hidden="true">
        {ICONS[n.kind] ?? ICONS.info}
      </span>
      <span className="notification__kind">{t(n.kind in ICONS ? n.kind : 'info')}: </span>
      <span className="notification__text">{text}</span>
      <time className="notification__time" dateTime={new Date(n.at).toISOString()}>
        {formatTime(n.at, language)}
      </time>
    </li>
  );
});
