import { useDesk } from '../../store/use-desk';
import { streamNeighbours } from '../../store/stream-steps';
import { defineMessages, useT, useStableName } from '../i18n';

const messages = defineMessages({
  en: {
    prev: 'Previous event',
    next: 'Next event',
    group: 'Step through this {what}',
    order: 'order',
    wallet: 'wallet',
    none: 'No earlier event',
    noneNext: 'No later event',
  },
  ko: {
    prev: '이전 이벤트',
    next: '다음 이벤트',
    group: '이 {what}의 이벤트 따라가기',
    order: '주문',
    wallet: '지갑',
    none: '이전 이벤트 없음',
    noneNext: '이후 이벤트 없음',
  },
});

/**
 * Previous / next event of ONE stream (an order, the wallet): moves the slider
 * to that stream's neighbouring event rather than the global ±1, so support
 * can replay one order's story event by event.
 */
export function StreamStepper({ seqs, what }: { seqs: readonly number[] | null; what: 'order' | 'wallet' }) {
  const t = useT(messages);
  const name = useStableName();
  // The slider's target, not the rendered cursor: quick repeated clicks keep advancing.
  const target = useDesk((s) => s.target);
  const seek = useDesk((s) => s.seek);
  const { prev, next } = seqs ? streamNeighbours(seqs, target) : { prev: null, next: null };
  return (
    <div className="stream-stepper" role="group" aria-label={`Step through this ${what}`}>
      <span className="muted stream-stepper__label">{t('group', { what: t(what) })}</span>
      <button
        type="button"
        className="btn btn-small"
        aria-label={name(`Previous event of this ${what}`, t('prev'))}
        title={prev === null ? t('none') : `#${prev}`}
        disabled={prev === null}
        onClick={() => prev !== null && seek(prev)}
      >
        <span aria-hidden="true">◀ </span>
        {t('prev')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        aria-label={name(`Next event of this ${what}`, t('next'))}
        title={next === null ? t('noneNext') : `#${next}`}
        disabled={next === null}
        onClick={() => next !== null && seek(next)}
      >
        {t('next')}
        <span aria-hidden="true"> ▶</span>
      </button>
    </div>
  );
}
