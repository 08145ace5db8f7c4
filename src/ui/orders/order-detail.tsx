import { useEffect, useMemo, useState } from 'react';
import type { StoredEvent } from '../../engine/event-envelope';
import { orderStream } from '../../domain/streams';
import { useDesk, useEventDesk, useShown } from '../../store/use-desk';
import type { Language } from '../../store/language';
import { failureReason } from './failure-reason';
import { defineMessages, formatNumber, formatTime, useLanguage, useT } from '../i18n';
import { RevertButton } from '../revert/revert-button';
import { StreamStepper } from '../timeline/stream-stepper';
import { OrderProgress } from './order-progress';
import { StatusBadge } from './status-badge';
import './orders.css';

/** Events rendered at most (the latest); an order can have thousands of batches. */
export const DETAIL_LIMIT = 200;

const messages = defineMessages({
  en: {
    title: 'Order detail',
    titleOf: 'Order #{id}',
    none: 'Select an order on the board to see its events.',
    notYet: 'Order #{id} had not been placed yet at event {n}.',
    status: 'Status',
    progress: 'Progress',
    lastSuccess: 'Last success',
    stoppedAt: 'Stopped at',
    batchAt: 'Batch #{batch} · {at}',
    none2: '—',
    stoppedBatch: 'Batch #{batch}: {reason}',
    stoppedBefore: 'Before the first batch: {reason}',
    cancelled: 'cancelled',
    events: 'Events',
    showing: 'Showing the latest {shown} of {total} events.',
    placed: '{quantity} likes × {price} = {total} points, batches of {batch}',
    batchOk: 'Batch #{batch}: +{likes} likes',
    batchFail: 'Batch #{batch} failed: {reason} ({n} in a row)',
    completed: '{delivered} likes delivered',
    stopped: 'Stopped at batch #{batch}: {reason}; {delivered} delivered, {refund} points refunded',
    cancelledAt: '{delivered} delivered, {refund} points refunded',
    started: 'Execution started',
    loading: 'Reading the log…',
  },
  ko: {
    title: '주문 상세',
    titleOf: '주문 #{id}',
    none: '보드에서 주문을 선택하면 이벤트를 볼 수 있습니다.',
    notYet: '이벤트 {n} 시점에는 주문 #{id}이(가) 아직 없었습니다.',
    status: '상태',
    progress: '진행',
    lastSuccess: '마지막 성공',
    stoppedAt: '멈춘 곳',
    batchAt: '배치 #{batch} · {at}',
    none2: '—',
    stoppedBatch: '배치 #{batch}: {reason}',
    stoppedBefore: '첫 배치 전: {reason}',
    cancelled: '취소',
    events: '이벤트',
    showing: '전체 {total}개 중 최근 {shown}개 이벤트.',
    placed: '좋아요 {quantity}개 × {price} = {total} 포인트, 배치 {batch}개씩',
    batchOk: '배치 #{batch}: 좋아요 +{likes}',
    batchFail: '배치 #{batch} 실패: {reason} (연속 {n}회)',
    completed: '좋아요 {delivered}개 전달',
    stopped: '배치 #{batch}에서 멈춤: {reason}; {delivered}개 전달, {refund} 포인트 환불',
    cancelledAt: '{delivered}개 전달, {refund} 포인트 환불',
    started: '실행 시작',
    loading: '로그를 읽는 중…',
  },
});

type T = ReturnType<typeof useT<keyof (typeof messages)['en']>>;

function describeEvent(e: StoredEvent, t: T, language: Language): string {
  const d = e.data as Record<string, number & string>;
  switch (e.type) {
    case 'OrderPlaced':
      return t('placed', { quantity: d.quantity, price: d.unitPrice, total: d.total, batch: d.batchSize });
    case 'OrderStarted':
      return t('started');
    case 'ExecutionBatchSucceeded':
      return t('batchOk', { batch: d.batchNo, likes: d.likes });
    case 'ExecutionBatchFailed':
      return t('batchFail', { batch: d.batchNo, reason: failureReason(d.reason, language), n: d.consecutiveFailures });
    case 'OrderCompleted':
      return t('completed', { delivered: d.delivered });
    case 'OrderFailed':
      return t('stopped', { batch: d.atBatch, reason: failureReason(d.reason, language), delivered: d.delivered, refund: d.refund });
    case 'OrderCancelled':
      return t('cancelledAt', { delivered: d.delivered, refund: d.refund });
    default:
      return '';
  }
}

/** The selected order's own events up to the slider: how far it got, the last success, where it stopped. */
export function OrderDetail() {
  const t = useT(messages);
  const language = useLanguage();
  const desk = useEventDesk();
  const orderId = useDesk((s) => s.selectedOrderId);
  const cursor = useShown((s) => s.cursor);
  const row = useShown((s) => (orderId === null ? undefined : s.view.orders.byId[orderId]));
  const [read, setRead] = useState<{ key: string; events: StoredEvent[] } | null>(null);
  const head = useDesk((s) => s.head);
  const logEpoch = useDesk((s) => s.logEpoch);

  // The order's whole stream, re-read only when the log grows; the slider filters it in memory.
  useEffect(() => {
    if (orderId === null) return;
    let current = true;
    desk.readStream(orderStream(orderId)).then(
      (events) => {
        if (current) setRead({ key: `${orderId}@`, events });
      },
      () => {
        /* the desk closed meanwhile: nothing to show */
      },
    );
    return () => {
      current = false;
    };
  }, [desk, orderId, head, logEpoch]);

  const readForOrder = read && orderId !== null && read.key === `${orderId}@` ? read.events : null;
  const seqs = useMemo(() => (readForOrder ? readForOrder.map((e) => e.seq) : null), [readForOrder]);
  // "Revert…" on a running order offers its cancellation (with the refund), caused by the OrderPlaced event.
  const placedSeq = readForOrder && readForOrder[0]?.type === 'OrderPlaced' ? readForOrder[0].seq : null;
  const heading = orderId === null ? t('title') : t('titleOf', { id: orderId });
  let body;
  if (orderId === null) body = <p className="empty">{t('none')}</p>;
  else if (!row)
    body = (
      <>
        <p className="empty">{t('notYet', { id: orderId, n: cursor })}</p>
        <StreamStepper seqs={seqs} what="order" />
      </>
    );
  else {
    // While a newer read is on its way, keep showing the last one for this order (no flicker while scrubbing).
    const events = read && read.key.startsWith(`${orderId}@`) ? read.events.filter((e) => e.seq <= cursor) : null;
    const shown = events ? events.slice(-DETAIL_LIMIT) : [];
    const stopped = row.stoppedAt;
    body = (
      <>
        <dl className="detail-summary">
          <dt>{t('status')}</dt>
          <dd>
            <StatusBadge status={row.status} />
          </dd>
          <dt>{t('progress')}</dt>
          <dd>
            <OrderProgress order={row} />
          </dd>
          <dt>{t('lastSuccess')}</dt>
          <dd>
            {row.lastSuccessBatchNo > 0
              ? t('batchAt', { batch: row.lastSuccessBatchNo, at: formatTime(row.lastSuccessAt, language) })
              : t('none2')}
          </dd>
          <dt>{t('stoppedAt')}</dt>
          <dd className={stopped ? 'order-stopped' : undefined}>
            {stopped
              ? t(stopped.batchNo > 0 ? 'stoppedBatch' : 'stoppedBefore', {
                  batch: stopped.batchNo,
                  reason: stopped.reason === 'cancelled' ? t('cancelled') : failureReason(stopped.reason, language),
                })
              : t('none2')}
          </dd>
        </dl>
        <StreamStepper seqs={seqs} what="order" />
        {placedSeq !== null && (row.status === 'placed' || row.status === 'in_progress') && (
          <p className="order-revert">
            <RevertButton seq={placedSeq} />
          </p>
        )}
        <h3 className="subhead">{t('events')}</h3>
        {events === null ? (
          <p className="muted">{t('loading')}</p>
        ) : (
          <div className="list-scroll" role="region" aria-label="Order events" tabIndex={0} aria-busy={read?.key !== `${orderId}@`}>
            <ol className="event-timeline">
              {shown.map((e) => (
                <li key={e.seq} className={`tl-item tl-${e.type}`}>
                  <span className="tl-seq">#{formatNumber(e.seq, language)}</span>
                  <code className="event-type">{e.type}</code>
                  <time dateTime={new Date(e.meta.at).toISOString()}>{formatTime(e.meta.at, language)}</time>
                  <span className="tl-text">{describeEvent(e, t, language)}</span>
                </li>
              ))}
            </ol>
          </div>
        )}
        {events && events.length > DETAIL_LIMIT && <p className="note">{t('showing', { shown: DETAIL_LIMIT, total: events.length })}</p>}
      </>
    );
  }

  return (
    <section className="panel panel-order-detail" aria-labelledby="order-detail-title">
      <div className="panel-head">
        <h2 id="order-detail-title">{heading}</h2>
      </div>
      {body}
    </section>
  );
}
