import { memo, useMemo } from 'react';
import { bucketRange, densities, MARK_KINDS, type MarkKind } from '../../projections/timeline-overview';
import { useDesk } from '../../store/use-desk';
import { defineMessages, useT } from '../i18n';

const messages = defineMessages({
  en: {
    failed: 'Order failed',
    cancelled: 'Order cancelled',
    completed: 'Order completed',
    charge: 'Charge',
    refund: 'Refund',
    range: 'events {from}–{to}',
    bookmark: 'Bookmark: {label} (event {n})',
  },
  ko: {
    failed: '주문 실패',
    cancelled: '주문 취소',
    completed: '주문 완료',
    charge: '충전',
    refund: '환불',
    range: '이벤트 {from}–{to}',
    bookmark: '북마크: {label} (이벤트 {n})',
  },
});

/** Which kind a bucket's tick shows when it holds several: the one support looks for first. */
const PRIORITY: MarkKind[] = ['failed', 'cancelled', 'refund', 'completed', 'charge'];

function percent(seq: number, head: number): string {
  return `${head > 0 ? (seq / head) * 100 : 0}%`;
}

/**
 * Under the slider: colour-coded ticks of notable events (from the log's
 * overview, one per bucket), bookmark ticks with their label on hover, and a
 * density strip of where the activity was. Pointer-only decoration: the
 * same positions are reachable with the marker keys and the bookmark list.
 */
export const TimelineMarks = memo(function TimelineMarks() {
  const t = useT(messages);
  // In a what-if the store's head is the branch's; the marks are the real log's.
  const head = useDesk((s) => s.whatIf?.liveHead ?? s.head);
  const overview = useDesk((s) => s.overview);
  const bookmarks = useDesk((s) => s.bookmarks);
  const seek = useDesk((s) => s.seek);
  const goLive = useDesk((s) => s.goLive);

  const density = useMemo(() => {
    if (!overview || head === 0) return undefined;
    const d = densities(overview, head);
    const stops = d.map((v, b) => {
      const [from, to] = bucketRange(overview, b, head);
      return `rgb(15 118 110 / ${(0.08 + 0.85 * v).toFixed(2)}) ${percent(from - 1, head)} ${percent(to, head)}`;
    });
    return stops.length ? `linear-gradient(to right, ${stops.join(', ')})` : undefined;
  }, [overview, head]);

  if (!overview || head === 0) return null;
  const jump = (seq: number) => (seq >= head ? goLive() : seek(seq));

  return (
    <div className="timeline-marks" aria-hidden="true">
      <div className="timeline-ticks">
        {overview.marks.map((bits, b) => {
          if (bits === 0) return null;
          const kinds = MARK_KINDS.filter((_, i) => bits & (1 << i));
          const kind = PRIORITY.find((k) => kinds.includes(k))!;
          const [from, to] = bucketRange(overview, b, head);
          const title = `${kinds.map((k) => t(k)).join(' · ')} — ${from === to ? `#${from}` : t('range', { from, to })}`;
          return <span key={b} className={`tick tick-${kind}`} style={{ left: percent((from + to) / 2, head) }} title={title} onClick={() => jump(from)} />;
        })}
        {bookmarks.map((bm) => (
          <span
            key={bm.id}
            className="tick tick-bookmark"
            style={{ left: percent(bm.seq, head) }}
            title={t('bookmark', { label: bm.label, n: bm.seq })}
            onClick={() => jump(bm.seq)}
          />
        ))}
      </div>
      <div className="timeline-density" style={{ background: density }} />
    </div>
  );
});

/** The colours of the ticks, named. */
export const MarksLegend = memo(function MarksLegend() {
  const t = useT(messages);
  return (
    <span className="marks-legend">
      {PRIORITY.map((k) => (
        <span key={k} className="legend-item">
          <span className={`legend-dot tick-${k}`} aria-hidden="true" />
          {t(k)}
        </span>
      ))}
    </span>
  );
});
