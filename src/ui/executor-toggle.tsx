import { useDesk } from '../store/use-desk';
import { defineMessages, useT, useStableName } from './i18n';

const messages = defineMessages({
  en: {
    pause: 'Pause executor',
    resume: 'Resume executor',
    running: 'Executor running',
    paused: 'Executor paused',
    followerRunning: 'Executor runs in another tab',
    followerPaused: 'Executor paused (it runs in another tab)',
  },
  ko: {
    pause: '실행기 일시정지',
    resume: '실행기 재개',
    running: '실행기 동작 중',
    paused: '실행기 멈춤',
    followerRunning: '실행기는 다른 탭에서 동작 중',
    followerPaused: '실행기 멈춤 (다른 탭에서 실행)',
  },
});

/**
 * Pauses / resumes the executor that runs order batches (remembered; applies to the leading tab).
 * Only one tab runs it, so a tab that does not says so on screen rather than claiming to run it.
 */
export function ExecutorToggle() {
  const t = useT(messages);
  const paused = useDesk((s) => s.executorPaused);
  const name = useStableName();
  const leader = useDesk((s) => s.leader);
  const setExecutorPaused = useDesk((s) => s.setExecutorPaused);
  const state = leader ? (paused ? t('paused') : t('running')) : paused ? t('followerPaused') : t('followerRunning');
  return (
    <div className="executor-toggle">
      <span className={paused ? 'dot dot-off' : leader ? 'dot dot-on' : 'dot dot-elsewhere'} aria-hidden="true" />
      <span className="executor-state" role="status" aria-label="Executor">
        {state}
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
