import { EVENT_TYPES } from '../../domain/events';
import { useDesk } from '../../store/use-desk';
import { defineMessages, useT } from '../i18n';

const messages = defineMessages({
  en: {
    type: 'Type',
    allTypes: 'All types',
    stream: 'Stream',
    streamPlaceholder: 'e.g. order:12 or wallet:me',
    clear: 'Clear filters',
  },
  ko: {
    type: '유형',
    allTypes: '모든 유형',
    stream: '스트림',
    streamPlaceholder: '예: order:12 또는 wallet:me',
    clear: '필터 지우기',
  },
});

/** Type select and stream input; both live in the store's filters. */
export function EventLogFilters() {
  const t = useT(messages);
  const filters = useDesk((s) => s.filters);
  const setFilters = useDesk((s) => s.setFilters);
  return (
    <div className="event-log__filters">
      <label>
        <span>{t('type')}</span>
        <select value={filters.type} onChange={(e) => setFilters({ type: e.target.value })}>
          <option value="">{t('allTypes')}</option>
          {EVENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('stream')}</span>
        <input
          type="search"
          value={filters.stream}
          placeholder={t('streamPlaceholder')}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setFilters({ stream: e.target.value.trim() })}
        />
      </label>
      {(filters.type || filters.stream) && (
        <button type="button" onClick={() => setFilters({ type: '', stream: '' })}>
          {t('clear')}
        </button>
      )}
    </div>
  );
}
