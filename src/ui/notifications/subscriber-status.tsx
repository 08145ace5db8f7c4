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
  },
});

export interface SubscriberStatusListProps {
  statuses: SubscriberStatus[];
  head: number;
  onRetry(name: string): void;
}

/** Each subscriber's position, and its error (failing event, next retry) with a "Retry now" button. */
export function SubscriberStatusList({ statuses, head, onRetry }: SubscriberStatusListProps) {
  const t = useT(messages);
  const language = useLanguage();
  const label = (name: string) => (name === 'notifications' || name === 'audit' ? t(name) : name);
  return (
    <section className="subscribers" aria-labelledby="subscribers-heading">
      <h3 id="subscribers-heading">{t('heading')}</h3>
      {statuses.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ul className="subscribers__list">
          {statuses.map((s) => {
            const failing = s.error !== undefined;
            return (
              <li key={s.name} className={`subscriber${failing ? ' subscriber--error' : ''}`} aria-label={label(s.name)}>
                <span className="subscriber__name">{label(s.name)}</span>
                <span className="subscriber__position">{t('at', { seq: s.seq, head })}</span>
                {!failing && <span className="subscriber__state">{s.running ? t('running') : s.seq >= head ? t('upToDate') : ''}</span>}
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
