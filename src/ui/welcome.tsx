import { useDesk } from '../store/use-desk';
import { defineMessages, useT, useStableName } from './i18n';

const messages = defineMessages({
  en: {
    title: 'Welcome to EventDesk',
    intro:
      'Every action you take — charging points, liking a post, ordering likes — is stored as an event in a log on this device, and every view is rebuilt from that log.',
    slider: 'Drag the timeline to see any view exactly as it was after any event, then come back to live.',
    load: 'Load demo data',
    loading: 'Loading…',
    orStart: 'Or start from scratch: charge points in the wallet.',
    opening: 'Opening the event log…',
    rebuilding: 'Rebuilding views… {percent}%',
    progress: 'Rebuild progress',
    failed: 'EventDesk could not start',
  },
  ko: {
    title: 'EventDesk에 오신 것을 환영합니다',
    intro:
      '포인트 충전, 게시물 좋아요, 좋아요 주문 같은 모든 동작은 이 기기의 로그에 이벤트로 저장되고, 모든 화면은 그 로그에서 다시 만들어집니다.',
    slider: '타임라인을 끌어 어떤 이벤트 직후의 화면이든 그대로 보고, 다시 실시간으로 돌아오세요.',
    load: '데모 데이터 불러오기',
    loading: '불러오는 중…',
    orStart: '또는 처음부터 시작하세요: 지갑에서 포인트를 충전하세요.',
    opening: '이벤트 로그를 여는 중…',
    rebuilding: '화면을 다시 만드는 중… {percent}%',
    progress: '재구성 진행률',
    failed: 'EventDesk를 시작하지 못했습니다',
  },
});

/** First run (empty log): what the app is, and a way to fill it. */
export function Welcome() {
  const t = useT(messages);
  const loadDemo = useDesk((s) => s.loadDemo);
  const name = useStableName();
  const busy = useDesk((s) => s.commandBusy);
  return (
    <section className="welcome panel" aria-labelledby="welcome-title">
      <h2 id="welcome-title">{t('title')}</h2>
      <p>{t('intro')}</p>
      <p>{t('slider')}</p>
      <div className="welcome-actions">
        <button type="button" className="btn btn-primary" aria-label={name('Load demo data', busy ? t('loading') : t('load'))} disabled={busy} onClick={() => void loadDemo()}>
          {busy ? t('loading') : t('load')}
        </button>
        <span className="muted">{t('orStart')}</span>
      </div>
    </section>
  );
}

/** While the desk opens: the rebuild progress (snapshot + tail, or a full replay). */
export function StartingView() {
  const t = useT(messages);
  const progress = useDesk((s) => s.progress);
  const percent = progress && progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : null;
  return (
    <section className="starting panel" aria-labelledby="starting-title" aria-busy="true">
      <h2 id="starting-title">{percent === null ? t('opening') : t('rebuilding', { percent })}</h2>
      <progress
        className="starting-bar"
        aria-label={t('progress')}
        max={100}
        value={percent ?? undefined}
      />
    </section>
  );
}

/** The desk failed to open: say why. */
export function FailedView() {
  const t = useT(messages);
  const reason = useDesk((s) => s.startError);
  return (
    <section className="panel" role="alert" aria-labelledby="failed-title">
      <h2 id="failed-title">{t('failed')}</h2>
      <p>{reason}</p>
    </section>
  );
}
