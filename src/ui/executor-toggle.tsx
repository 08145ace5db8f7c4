import { useDesk } from '../store/use-desk';
import { defineMessages, useT, useStableName } from './i18n';

const messages = defineMessages({
  en: { pause: 'Pause executor', resume: 'Resume executor', running: 'Executor running', paused: 'Executor paused', follower: 'Another tab runs the executor' },
  ko: { pause: '실행기 일시정지', resume: '실행기 재개', running: '실행기 동작 중', paused: '실행기 멈춤', follower: '다른 탭이 실행기를 돌리는 중' },
});

/** Pauses / resumes the executor that runs order batches (remembered; applies to the leading tab). */
export function ExecutorToggle() {
  const t = useT(messages);
  const paused = useDesk((s) => s.executorPaused);
  const name = useStableName();
  const leader = useDesk((s) => s.leader);
  const setExecutorPaused = useDesk((s) => s.setExecutorPaused);
  return (
    <div className="executor-toggle">
      <span className={paused ? 'dot dot-off' : 'dot dot-on'} aria-hidden="true" />
      <span className="executor-state" title={leader ? undefined : t('follower')}>
        {paused ? t('paused') : t('running')}
      </span>
      <button
        type="button"
        className="btn btn-small"
        aria-label={name(paused ? 'Resume executor' : 'Pause executor', paused ? t('resume') : t('pause'))}
        onClick={() => setExecutorPaused(!paused)}
      >
        {paused ? t('resume') : t('pause')}
      </button>
    </div>
  );
}
