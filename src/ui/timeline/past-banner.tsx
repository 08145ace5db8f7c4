import { useDesk } from '../../store/use-desk';
import { defineMessages, useT, useStableName } from '../i18n';

const messages = defineMessages({
  en: {
    past: 'You are viewing the past at event {n} of {total}. Changes are disabled.',
    newer: '{count} newer events',
    back: 'Back to live',
    tryHere: 'Try from here',
  },
  ko: {
    past: '이벤트 {n} / {total} 시점의 과거를 보고 있습니다. 변경할 수 없습니다.',
    newer: '이후 이벤트 {count}개',
    back: '실시간으로 돌아가기',
    tryHere: '여기서 시험해 보기',
  },
});

/** Shown while the slider is behind the head: where you are, the way back, and a what-if from here. */
export function PastBanner() {
  const t = useT(messages);
  const name = useStableName();
  const cursor = useDesk((s) => s.target);
  const head = useDesk((s) => s.head);
  const goLive = useDesk((s) => s.goLive);
  const tryFromHere = useDesk((s) => s.tryFromHere);
  // The sandbox forks at the state on display: offered once the views caught up with the slider.
  const settled = useDesk((s) => s.cursor === s.target);
  return (
    <div className="past-banner" role="status">
      <span>{t('past', { n: cursor, total: head })}</span>
      <span className="muted">{t('newer', { count: head - cursor })}</span>
      <button type="button" className="btn btn-small try-from-here" aria-label={name('Try from here', t('tryHere'))} disabled={!settled} onClick={tryFromHere}>
        {t('tryHere')}
      </button>
      <button type="button" className="btn btn-small btn-primary" aria-label={name('Back to live', t('back'))} onClick={goLive}>
        {t('back')}
      </button>
    </div>
  );
}
