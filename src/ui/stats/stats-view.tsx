import { useMemo } from 'react';
import type { StatsTotals } from '../../projections/stats';
import { useDesk, useEventDesk, useShown } from '../../store/use-desk';
import { defineMessages, formatNumber, formatTime, useLanguage, useT } from '../i18n';
import { StatsChart, type StatsSeriesLabels } from './stats-chart';
import './stats.css';

const messages = defineMessages({
  en: {
    heading: 'Stats',
    chart: 'Chart of likes delivered, balance and orders by status over time, with a marker at the slider',
    totals: 'Totals at the slider',
    asOf: 'As of event #{seq} ({time})',
    start: 'Before the first event',
    likesDelivered: 'Likes delivered',
    balance: 'Balance',
    placed: 'Orders placed',
    inProgress: 'In progress',
    completed: 'Completed',
    failed: 'Failed',
    cancelled: 'Cancelled',
    points: '{n} points',
    loading: 'Loading…',
    time: 'Time',
    empty: 'Nothing to chart yet: the chart starts with the first charge or order.',
  },
  ko: {
    heading: '통계',
    chart: '시간에 따른 전달된 좋아요, 잔액, 상태별 주문 차트 (슬라이더 위치 표시)',
    totals: '슬라이더 시점의 합계',
    asOf: '이벤트 #{seq} 시점 ({time})',
    start: '첫 이벤트 이전',
    likesDelivered: '전달된 좋아요',
    balance: '잔액',
    placed: '접수된 주문',
    inProgress: '진행 중',
    completed: '완료',
    failed: '실패',
    cancelled: '취소',
    points: '{n} 포인트',
    loading: '불러오는 중…',
    time: '시간',
    empty: '아직 차트에 표시할 것이 없습니다. 첫 충전이나 주문부터 차트가 그려집니다.',
  },
});

const ROWS: (keyof StatsTotals)[] = ['likesDelivered', 'balance', 'placed', 'inProgress', 'completed', 'failed', 'cancelled'];

/** Likes delivered, balance and orders by status over time, at the slider's position. */
export function StatsView() {
  const t = useT(messages);
  const language = useLanguage();
  const desk = useEventDesk();
  const stats = useShown((s) => s.view?.stats);
  const cursor = useShown((s) => s.cursor);
  const cursorEvent = useDesk((s) => s.cursorEvent);
  const head = useDesk((s) => s.head);

  const labels = useMemo<StatsSeriesLabels>(
    () => ({
      time: t('time'),
      likesDelivered: t('likesDelivered'),
      balance: t('balance'),
      placed: t('placed'),
      inProgress: t('inProgress'),
      completed: t('completed'),
      failed: t('failed'),
      cancelled: t('cancelled'),
    }),
    [t],
  );

  // The time axis spans the whole history (the live view's last bucket), so the marker travels with the slider.
  const liveBuckets = head > 0 ? desk.live?.state.stats.buckets : undefined;
  const endAt = liveBuckets && liveBuckets.length ? liveBuckets[liveBuckets.length - 1].t : null;

  if (!stats) {
    return (
      <section className="stats" aria-labelledby="stats-heading">
        <h2 id="stats-heading">{t('heading')}</h2>
        <p>{t('loading')}</p>
      </section>
    );
  }

  const lastBucket = stats.buckets.length ? stats.buckets[stats.buckets.length - 1].t : null;
  const markerAt = cursor === 0 ? null : (cursorEvent?.meta.at ?? lastBucket);
  const value = (key: keyof StatsTotals) => {
    const n = stats.totals[key];
    return key === 'balance' ? t('points', { n }) : formatNumber(n, language);
  };

  return (
    <section className="stats" aria-labelledby="stats-heading">
      <h2 id="stats-heading">{t('heading')}</h2>
      <p className="stats__as-of">
        {cursor === 0
          ? t('start')
          : t('asOf', { seq: cursor, time: cursorEvent && cursorEvent.seq === cursor ? formatTime(cursorEvent.meta.at, language) : '…' })}
      </p>
      {stats.buckets.length === 0 ? (
        // An empty uPlot has no time range and labels its axis around 1970.
        <p className="stats__empty">{t('empty')}</p>
      ) : (
        <StatsChart buckets={stats.buckets} markerAt={markerAt} endAt={endAt} labels={labels} language={language} title={t('chart')} />
      )}
      <table className="stats__totals" aria-label={t('totals')}>
        <caption>{t('totals')}</caption>
        <tbody>
          {ROWS.map((key) => (
            <tr key={key} className={`stats__row stats__row--${key}`}>
              <th scope="row">
                <span className="stats__swatch" aria-hidden="true" />
                {labels[key]}
              </th>
              <td>{value(key)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
