import { memo, useId } from 'react';
import { useDesk } from '../../store/use-desk';
import { defineMessages, useStableName, useT } from '../i18n';
import { BookmarkTools } from './bookmark-tools';

const messages = defineMessages({
  en: {
    compare: 'Compare from here',
    asOf: 'As of',
  },
  ko: {
    compare: '여기부터 비교',
    asOf: '기준 시각',
  },
});

/** Milliseconds since the epoch of a datetime-local value (local time), or null when incomplete. */
export function parseLocalDateTime(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const at = new Date(value).getTime();
  return Number.isFinite(at) ? at : null;
}

/** Tools for the position on the slider: compare from here, go to a date, bookmarks. */
export const TimeTools = memo(function TimeTools() {
  const t = useT(messages);
  const name = useStableName();
  const asOfId = useId();
  const head = useDesk((s) => s.head);
  const startCompare = useDesk((s) => s.startCompare);
  const seekToTime = useDesk((s) => s.seekToTime);
  return (
    <div className="time-tools">
      <button type="button" className="btn btn-small" aria-label={name('Compare from here', t('compare'))} disabled={head === 0} onClick={startCompare}>
        {t('compare')}
      </button>
      <span className="time-tool">
        <label htmlFor={asOfId}>{t('asOf')}</label>
        <input
          id={asOfId}
          type="datetime-local"
          step={1}
          aria-label={name('As of', t('asOf'))}
          disabled={head === 0}
          onChange={(e) => {
            const at = parseLocalDateTime(e.currentTarget.value);
            if (at !== null) void seekToTime(at);
          }}
        />
      </span>
      <BookmarkTools />
    </div>
  );
});
