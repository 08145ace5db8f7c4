import type { SubscriberStatus } from '../../engine/subscription-runner';
import { defineMessages, formatTime, useLanguage, useT } from '../i18n';

const messages = defineMessages({
  en: {
    heading: 'Subscribers',
    notifications: 'Notifications',
    audit: 'Audit trail',
    at: 'at event {seq} of {head}',
    running: 'catching up…',
    upToDate: 'up to date',
    failed: 'Failed at event #{seq}: {error}',
    retryAt: 'Retry {attempt} at {time}',
    retryNow: 'Retry now',
    none: 'Subscribers are not running in this tab.',
    liveAt: 'live: at event {seq} of {head}',
    pastNote: 'They keep running live; the slider is at event {cursor}.',
    coversCursor: 'had handled the slider’s event {cursor}',
    behindCursor: 'has not reached the slider’s event {cursor} yet',
  },
  ko: {
    heading: '구독자',
    notifications: '알림',
    audit: '감사 기록',
    at: '{head}개 중 {seq}번 이벤트까지 처리',
    running: '따라잡는 중…',
    upToDate: '최신 상태',
    failed: '#{seq}번 이벤트에서 실패: {error}',
    retryAt: '{time}에 {attempt}번째 재시도',
    retryNow: '지금 재시도',
    none: '이 탭에서는 구독자가 실행되지 않습니다.',
    liveAt: '현재: {head}개 중 {seq}번 이벤트까지 처리',
    pastNote: '구독자는 현재 시점에서 계속 동작합니다. 슬라이더는 {cursor}번 이벤트에 있습니다.',
    coversCursor: '슬라이더의 {cursor}번 이벤트까지 처리함',
    behindCursor: '아직 슬라이더의 {cursor}번 이벤트에 도달하지 않음',
  },
});

export interface SubscriberStatusListProps {
  statuses: SubscriberStatus[];
  head: number;
  /** The slider's position; below `head` the block says what each subscriber means there. */
  cursor?: number;
  onRetry(name: string): void;
}

/**
 * Each subscriber's position, and its error (failing event, next retry) with a "Retry now" button.
 * Subscribers run at the head, not at the slider: in the past their position is said to be live, and each
 * says whether its output reaches the slider's event (what the list above can show).
 */
export function SubscriberStatusList({ statuses, head, cursor = head, onRetry }: SubscriberStatusListProps) {
  const t = useT(messages);
  const language = useLanguage();
  const past = cursor < head;
  const label = (name: string) => (name === 'notifications' || name === 'audit' ? t(name) : name);
  return (
    <section className="subscribers" aria-labelledby="subscribers-heading">
      <h3 id="subscribers-heading">{t('heading')}</h3>
      {past && <p className="subscribers__past">{t('pastNote', { cursor })}</p>}
      {statuses.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ul className="subscribers__list">
          {statuses.map((s) => {
            const failing = s.error !== undefined;
            return (
              <li key={s.name} className={`subscriber${failing ? ' subscriber--error' : ''}`} aria-label={label(s.name)}>
                <span className="subscriber__name">{label(s.name)}</span>
                <span className="subscriber__position">{t(past ? 'liveAt' : 'at', { seq: s.seq, head })}</span>
                {!failing && (
                  <span className="subscriber__state">
                    {past ? t(s.seq >= cursor ? 'coversCursor' : 'behindCursor', { cursor }) : s.running ? t('running') : s.seq >= head ? t('upToDate') : ''}
                  </span>
                )}
                {failing && (
                  <div className="subscriber__error" role="alert">
                    <span>{t('failed', { seq: s.errorSeq ?? s.seq + 1, error: s.error ?? '' })}</span>
                    {s.retryAt !== undefined && (
                      <span className="subscriber__retry-at">
                        {' '}
                        {t('retryAt', { attempt: s.attempts + 1, time: formatTime(s.retryAt, language) })}
                      </span>
                    )}
                    <button type="button" onClick={() => onRetry(s.name)}>
                      {t('retryNow')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
