import type { KeyboardEvent } from 'react';
import { useDesk } from '../../store/use-desk';
import { defineMessages, formatTime, useLanguage, useT } from '../i18n';
import { PastBanner } from './past-banner';
import { PlayControls } from './play-controls';
import { MarksLegend, TimelineMarks } from './timeline-marks';
import { TimeTools } from './time-tools';
import { WhatIfBanner } from '../whatif/what-if-banner';
import './timeline.css';

const messages = defineMessages({
  en: {
    title: 'Timeline',
    position: 'Event {n} of {total}',
    start: 'Before the first event (0 of {total})',
    empty: 'The log is empty',
    live: 'Live',
    past: 'Past',
    whatIf: 'What-if',
    hint: '←/→ one event · PgUp/PgDn 100 · Home/End · [ / ] previous/next marker',
  },
  ko: {
    title: '타임라인',
    position: '이벤트 {n} / {total}',
    start: '첫 이벤트 이전 (0 / {total})',
    empty: '로그가 비어 있습니다',
    live: '실시간',
    past: '과거',
    whatIf: '가정',
    hint: '←/→ 이벤트 1개 · PgUp/PgDn 100개 · Home/End · [ / ] 이전/다음 표시',
  },
});

/** How far each key moves the cursor; null for keys the slider leaves alone. */
function keyTarget(key: string, cursor: number, head: number): number | null {
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return cursor - 1;
    case 'ArrowRight':
    case 'ArrowUp':
      return cursor + 1;
    case 'PageUp':
      return cursor + 100;
    case 'PageDown':
      return cursor - 100;
    case 'Home':
      return 0;
    case 'End':
      return head;
    default:
      return null;
  }
}

/** The sticky bar: a slider over the whole log, where it points, playback, and the live / past banner. */
export function TimelineBar() {
  const t = useT(messages);
  const language = useLanguage();
  const head = useDesk((s) => s.head);
  const cursor = useDesk((s) => s.target);
  const live = useDesk((s) => s.live);
  const cursorEvent = useDesk((s) => s.cursorEvent);
  const seek = useDesk((s) => s.seek);
  const jumpToMarker = useDesk((s) => s.jumpToMarker);
  const whatIf = useDesk((s) => s.whatIf);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // [ and ]: the previous / next marker (a bookmark or a notable event).
    if (e.key === '[' || e.key === ']') {
      e.preventDefault();
      void jumpToMarker(e.key === ']' ? 1 : -1);
      return;
    }
    const target = keyTarget(e.key, cursor, head);
    if (target === null) return;
    e.preventDefault();
    seek(Math.max(0, Math.min(head, target)));
  };

  // A what-if shows the slider pinned at its fork on the real log's scale (the marks and density are the real log's).
  const max = whatIf ? whatIf.liveHead : head;
  const at = whatIf ? whatIf.fork : cursor;
  const position = whatIf
    ? t('position', { n: at, total: max })
    : head === 0 ? t('empty') : cursor === 0 ? t('start', { total: head }) : t('position', { n: cursor, total: head });
  const shownEvent = !whatIf && cursor > 0 && cursorEvent?.seq === cursor ? cursorEvent : null;

  return (
    <div className={whatIf ? 'timeline-bar is-what-if' : live ? 'timeline-bar' : 'timeline-bar is-past'}>
      <div className="timeline-row">
        {whatIf ? (
          <span className="badge badge-what-if">{t('whatIf')}</span>
        ) : (
          <span className={live ? 'badge badge-live' : 'badge badge-past'}>{live ? t('live') : t('past')}</span>
        )}
        <div className="timeline-track">
        <input
          type="range"
          className="timeline-slider"
          aria-label="Timeline"
          aria-valuetext={position}
          aria-describedby="timeline-hint"
          min={0}
          max={max}
          step={1}
          value={at}
          // A what-if pins the slider at its fork (the branch has no past of its own to scrub).
          disabled={head === 0 || whatIf !== null}
          onChange={(e) => seek(Number(e.currentTarget.value))}
          onKeyDown={onKeyDown}
        />
        <TimelineMarks />
        </div>
        <PlayControls />
      </div>
      <div className="timeline-info">
        <span className="timeline-position">{position}</span>
        {shownEvent && (
          <>
            <time dateTime={new Date(shownEvent.meta.at).toISOString()}>{formatTime(shownEvent.meta.at, language)}</time>
            <code className="event-type">{shownEvent.type}</code>
          </>
        )}
        <MarksLegend />
        <span id="timeline-hint" className="muted timeline-hint">
          {t('hint')}
        </span>
      </div>
      <TimeTools />
      {!live && <PastBanner />}
      <WhatIfBanner />
    </div>
  );
}
