import { memo } from 'react';
import { useDesk } from '../../store/use-desk';
import { defineMessages, useStableName, useT } from '../i18n';
import { ReplayCheckView, ReplayOutcome } from './replay-check';
import './what-if.css';

const messages = defineMessages({
  en: {
    banner: 'What-if from event {n} — nothing here is saved',
    tried: 'Commands tried: {count}',
    none: 'Place an order, charge or like as usual: it happens only here.',
    discard: 'Discard',
    replay: 'Replay on live',
  },
  ko: {
    banner: '이벤트 {n}부터의 가정 — 여기서 한 일은 저장되지 않습니다',
    tried: '시험한 명령: {count}개',
    none: '평소처럼 주문, 충전, 좋아요를 해 보세요. 여기서만 일어납니다.',
    discard: '버리기',
    replay: '실시간에 다시 적용',
  },
});

/**
 * The sandbox's banner (role "status"): where the branch forked, that nothing
 * is saved, and the two ways out — Discard, or Replay on live. After a replay,
 * its outcome.
 */
export const WhatIfBanner = memo(function WhatIfBanner() {
  const t = useT(messages);
  const name = useStableName();
  const whatIf = useDesk((s) => s.whatIf);
  const replay = useDesk((s) => s.replay);
  const discard = useDesk((s) => s.discardWhatIf);
  const checkReplay = useDesk((s) => s.checkReplay);
  const busy = useDesk((s) => s.commandBusy);
  if (!whatIf) return replay?.phase === 'done' ? <ReplayOutcome outcome={replay} /> : null;
  return (
    <div className="what-if">
      <div className="what-if-banner" role="status">
        <strong>{t('banner', { n: whatIf.fork })}</strong>
        <span className="what-if-count">{whatIf.commands > 0 ? t('tried', { count: whatIf.commands }) : t('none')}</span>
        <span className="what-if-actions">
          <button
            type="button"
            className="btn btn-small"
            aria-label={name('Replay on live', t('replay'))}
            disabled={whatIf.commands === 0 || busy || replay !== null}
            onClick={() => void checkReplay()}
          >
            {t('replay')}
          </button>
          <button type="button" className="btn btn-small btn-danger" aria-label={name('Discard', t('discard'))} disabled={busy} onClick={discard}>
            {t('discard')}
          </button>
        </span>
      </div>
      {replay && replay.phase !== 'done' && <ReplayCheckView replay={replay} />}
    </div>
  );
});
