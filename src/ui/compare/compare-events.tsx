import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { filterRangeEvents, type RangeComparison } from '../../projections/range-comparison';
import { useDesk, useShown } from '../../store/use-desk';
import { defineMessages, formatNumber, useLanguage, useT } from '../i18n';

/** Fixed row height in px (keep in sync with .compare-event in compare.css). */
const ROW_HEIGHT = 26;

const messages = defineMessages({
  en: {
    heading: 'Events in range',
    byType: 'By type',
    type: 'Type',
    allTypes: 'All types',
    stream: 'Stream',
    allStreams: 'All streams',
    shown: '{n} shown',
    none: 'No events match.',
  },
  ko: {
    heading: '구간의 이벤트',
    byType: '유형별',
    type: '유형',
    allTypes: '모든 유형',
    stream: '스트림',
    allStreams: '모든 스트림',
    shown: '{n}개 표시',
    none: '일치하는 이벤트가 없습니다.',
  },
});

/**
 * The range's events: counted by type (each count filters), filterable by
 * stream, listed virtualized; a row moves the slider to its event and the
 * compared range stays as it is.
 */
export function CompareEvents({ result }: { result: RangeComparison }) {
  const t = useT(messages);
  const language = useLanguage();
  const visit = useDesk((s) => s.visitInCompare);
  const cursor = useShown((s) => s.cursor);
  const [filter, setFilter] = useState({ type: '', stream: '' });
  const { events } = result;
  const rows = useMemo(() => filterRangeEvents(events, filter), [events, filter]);
  const count = rows ? rows.length : events.seqs.length;
  const streams = useMemo(() => [...events.streams].sort(), [events]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh on every render
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    useFlushSync: false,
  });

  return (
    <section className="compare-block compare-events">
      <h3>{t('heading')}</h3>
      <div className="compare-types" role="group" aria-label={t('byType')}>
        {result.countsByType.map(({ type, count: n }) => (
          <button
            key={type}
            type="button"
            className="compare-type"
            aria-pressed={filter.type === type}
            onClick={() => setFilter((f) => ({ ...f, type: f.type === type ? '' : type }))}
          >
            <code>{type}</code> <span className="num">{formatNumber(n, language)}</span>
          </button>
        ))}
      </div>
      <div className="compare-filters">
        <label>
          <span>{t('type')}</span>
          <select aria-label="Range event type" value={filter.type} onChange={(e) => setFilter((f) => ({ ...f, type: e.target.value }))}>
            <option value="">{t('allTypes')}</option>
            {result.countsByType.map(({ type }) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('stream')}</span>
          <select aria-label="Range event stream" value={filter.stream} onChange={(e) => setFilter((f) => ({ ...f, stream: e.target.value }))}>
            <option value="">{t('allStreams')}</option>
            {streams.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">{t('shown', { n: count })}</span>
      </div>
      <div ref={scrollRef} className="compare-events__scroll" role="list" aria-label="Range events" tabIndex={0}>
        <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const i = rows ? rows[item.index] : item.index;
            const seq = events.seqs[i];
            return (
              <div
                key={seq}
                role="listitem"
                aria-setsize={count}
                aria-posinset={item.index + 1}
                className="compare-event"
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <button type="button" className="compare-row" aria-current={seq === cursor ? 'true' : undefined} onClick={() => visit(seq)}>
                  <span className="compare-seq">#{seq}</span>
                  <code>{events.types[events.typeOf[i]]}</code>
                  <span className="muted">{events.streams[events.streamOf[i]]}</span>
                </button>
              </div>
            );
          })}
        </div>
      </div>
      {count === 0 && <p className="empty">{t('none')}</p>}
    </section>
  );
}
