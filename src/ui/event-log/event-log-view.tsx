import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useDebounced } from '../use-debounced';
import { eventRef } from '../../engine/event-ref';
import { REVERTIBLE_TYPES } from '../../domain/compensation';
import { useDesk, useEventDesk, useShown } from '../../store/use-desk';
import { useQuarantined, useSyncedUpTo } from '../../store/use-sync';
import type { QuarantinedEntry } from '../../engine/sync/entry-validation';
import { defineMessages, useLanguage, useStableName, useT } from '../i18n';
import { EventLogFilters } from './event-log-filters';
import { EventLogRow, QuarantineNotice } from './event-log-row';
import { useEventLogSource } from './use-event-log-source';
import type { EventLogSource } from './event-log-source';
import { RowLayout } from './row-layout';
import { useRowWindow } from './use-row-window';
import './event-log.css';

/** Fixed row height in px (keep in sync with .event-log__item in event-log.css). */
export const ROW_HEIGHT = 28;

const messages = defineMessages({
  en: {
    heading: 'Event log',
    listLabel: 'Event log',
    count: '{count} events',
    matching: '{count} matching events',
    scanning: 'Scanning… {percent}%',
    empty: 'No events.',
    noMatch: 'No events match the filter.',
    loading: 'Loading…',
    future: 'after the slider',
    error: 'Could not read the log: {error}',
    seq: 'Seq',
    time: 'Time',
    actor: 'Actor',
    type: 'Type',
    stream: 'Stream',
    payload: 'Payload',
    revert: 'Revert…',
    revertedBy: 'Reverted by #{seq}',
    reverts: 'Reverts {ref}',
    beforeFirst: 'The slider is before the first event shown: every event below is after it.',
    quarantined: 'Desk entry {upstreamSeq} (after event {afterSeq}) was refused and not applied: {reason}',
  },
  ko: {
    heading: '이벤트 로그',
    listLabel: '이벤트 로그',
    count: '이벤트 {count}개',
    matching: '일치하는 이벤트 {count}개',
    scanning: '검색 중… {percent}%',
    empty: '이벤트가 없습니다.',
    noMatch: '필터와 일치하는 이벤트가 없습니다.',
    loading: '불러오는 중…',
    future: '슬라이더 이후',
    error: '로그를 읽지 못했습니다: {error}',
    seq: '번호',
    time: '시각',
    actor: '행위자',
    type: '유형',
    stream: '스트림',
    payload: '내용',
    revert: '되돌리기…',
    revertedBy: '#{seq}에서 되돌림',
    reverts: '{ref} 되돌림',
    beforeFirst: '슬라이더가 표시된 첫 이벤트보다 앞에 있습니다. 아래 이벤트는 모두 그 이후입니다.',
    quarantined: '데스크 항목 {upstreamSeq}(이벤트 {afterSeq} 다음)은 거부되어 적용되지 않았습니다: {reason}',
  },
});

/** Refused desk entries by the event they follow (the log's positions they sit between). */
function byAfterSeq(entries: readonly QuarantinedEntry[]): Map<number, QuarantinedEntry[]> {
  const map = new Map<number, QuarantinedEntry[]>();
  for (const q of entries) map.set(q.afterSeq, [...(map.get(q.afterSeq) ?? []), q]);
  return map;
}

/** Rows rendered beyond the visible ones on each side. */
const OVERSCAN = 8;

/** Extra px under the rows followed by refused desk entries (one line each), by row index. */
function refusedRowsPx(source: EventLogSource, refusedAfter: ReadonlyMap<number, readonly QuarantinedEntry[]>): Map<number, number> {
  const extra = new Map<number, number>();
  for (const [seq, entries] of refusedAfter) {
    const index = source.indexAtOrBefore(seq);
    if (index >= 0 && source.seqAt(index) === seq) extra.set(index, ROW_HEIGHT * entries.length);
  }
  return extra;
}

/**
 * The audit view of the whole log: virtualized, fetched lazily in pages,
 * filterable by type and stream. Clicking an event moves the slider there.
 */
export function EventLogView() {
  const t = useT(messages);
  const language = useLanguage();
  const filters = useDesk((s) => s.filters);
  const head = useDesk((s) => s.head);
  const cursor = useShown((s) => s.cursor);
  const syncedUpTo = useSyncedUpTo();
  const seek = useDesk((s) => s.seek);
  const logEpoch = useDesk((s) => s.logEpoch);
  const { source, version } = useEventLogSource(filters, head, logEpoch);
  const scrollRef = useRef<HTMLDivElement>(null);
  const quarantined = useQuarantined();
  const refusedAfter = useMemo(() => byAfterSeq(quarantined), [quarantined]);

  const count = source.count;
  // A row followed by refused desk entries is one line taller per entry (its notices sit under it). A filter's
  // scan finds rows in order, so the count grows as those rows come.
  const layout = useMemo(() => new RowLayout(count, ROW_HEIGHT, refusedRowsPx(source, refusedAfter)), [count, source, refusedAfter]);
  const { items, scrollIntoView, scrollToTop } = useRowWindow(scrollRef, layout, OVERSCAN);
  const first = items.length ? items[0].index : 0;
  const last = items.length ? items[items.length - 1].index : -1;

  // Fetch the pages the visible rows need (after pages arrive or the list grows, too).
  useEffect(() => {
    if (last >= first) source.ensure(first, last);
  }, [source, first, last, version]);

  // Keep the slider's event in view when the cursor moves, the filter changes, a scan finishes or rows first arrive.
  const complete = source.complete;
  const hasRows = count > 0;
  // Scrolling forces a layout of the whole page, so while the slider is dragged it waits until the cursor settles.
  const settledCursor = useDebounced(cursor, 100);
  useEffect(() => {
    if (!hasRows) return;
    const index = source.indexAtOrBefore(settledCursor);
    // Before the first (matching) event, e.g. the slider at 0: the top of the list is where the slider is.
    if (index >= 0) scrollIntoView(index);
    else scrollToTop();
  }, [source, scrollIntoView, scrollToTop, settledCursor, filters.type, filters.stream, complete, hasRows]);

  const onSeek = useCallback((seq: number) => seek(seq), [seek]);
  const live = useDesk((s) => s.live);
  const onRevert = useDesk((s) => s.openRevert);
  const onJumpRef = useDesk((s) => s.jumpToRef);
  const desk = useEventDesk();
  // Links to compensations as of the head: a revert later than the slider is still worth a click.
  const revertedBy = useDesk(() => desk.live.state.compensations.byOriginal);
  const name = useStableName();
  const revertLabel = t('revert');
  const labels = useMemo(
    () => ({ revert: revertLabel, revertName: name('Revert…', revertLabel), revertedBy: t('revertedBy'), reverts: t('reverts'), quarantined: t('quarantined') }),
    [revertLabel, name, t],
  );
  const filtered = Boolean(filters.type || filters.stream);
  const beforeFirst = hasRows && source.seqAt(0) !== undefined && source.indexAtOrBefore(cursor) < 0;
  const futureLabel = t('future');
  const loadingLabel = t('loading');

  let status: string;
  if (source.error) status = t('error', { error: source.error });
  else if (source.scanning !== null) status = t('scanning', { percent: Math.floor(source.scanning * 100) });
  else status = filtered ? t('matching', { count }) : t('count', { count });

  return (
    <section className="event-log" aria-labelledby="event-log-heading">
      <header className="event-log__header">
        <h2 id="event-log-heading">{t('heading')}</h2>
        <EventLogFilters />
        <p className="event-log__status" role="status">
          {status}
        </p>
      </header>
      <div className="event-log__columns" aria-hidden="true">
        <span>{t('seq')}</span>
        <span>{t('time')}</span>
        <span>{t('actor')}</span>
        <span>{t('type')}</span>
        <span>{t('stream')}</span>
        <span>{t('payload')}</span>
      </div>
      {beforeFirst && <p className="event-log__before-first">{t('beforeFirst')}</p>}
      {refusedAfter.get(0)?.map((q) => (
        <QuarantineNotice key={q.upstreamSeq} entry={q} template={labels.quarantined} />
      ))}
      <div ref={scrollRef} className="event-log__scroll" role="list" aria-label={t('listLabel')} tabIndex={0}>
        <div role="presentation" className="event-log__sizer" style={{ height: layout.totalPx }}>
          {items.map((item) => {
            const seq = source.seqAt(item.index);
            if (seq === undefined) return null;
            const ev = source.eventAt(item.index);
            return (
              <EventLogRow
                key={seq}
                index={item.index}
                count={count}
                seq={seq}
                event={ev}
                current={seq === cursor}
                future={seq > cursor}
                unsynced={seq > syncedUpTo}
                top={item.start}
                height={item.size}
                quarantined={refusedAfter.get(seq)}
                language={language}
                futureLabel={futureLabel}
                loadingLabel={loadingLabel}
                onSeek={onSeek}
                revertedBy={ev ? revertedBy[eventRef(ev)] : undefined}
                revertible={live && ev !== undefined && REVERTIBLE_TYPES.has(ev.type)}
                labels={labels}
                onRevert={onRevert}
                onJumpRef={onJumpRef}
              />
            );
          })}
        </div>
      </div>
      {count === 0 && source.complete && <p className="event-log__empty">{filtered ? t('noMatch') : t('empty')}</p>}
    </section>
  );
}
