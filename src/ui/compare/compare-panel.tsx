import { useDesk } from '../../store/use-desk';
import { defineMessages, formatNumber, useLanguage, useStableName, useT } from '../i18n';
import { CompareEvents } from './compare-events';
import { CompareLikes, CompareLines, CompareOrders } from './compare-changes';
import { useCompareB, useRangeComparison } from './use-range-comparison';
import './compare.css';

const messages = defineMessages({
  en: {
    title: 'Compare',
    range: 'A = event {a} · B = event {b}',
    hint: 'Move the slider to set B.',
    busy: 'Comparing…',
    close: 'Close compare',
    balanceA: 'Balance at A',
    balanceB: 'Balance at B',
    change: 'Change',
    events: 'Events in range',
    failed: 'The comparison failed: {reason}',
  },
  ko: {
    title: '비교',
    range: 'A = 이벤트 {a} · B = 이벤트 {b}',
    hint: '슬라이더를 움직여 B를 정하세요.',
    busy: '비교하는 중…',
    close: '비교 닫기',
    balanceA: 'A 시점 잔액',
    balanceB: 'B 시점 잔액',
    change: '변화',
    events: '구간의 이벤트 수',
    failed: '비교하지 못했습니다: {reason}',
  },
});

/**
 * Compare two points: what happened between A and B, folded from the events
 * in between (see projections/range-comparison.ts). Shown while compare is on.
 */
export function ComparePanel() {
  const t = useT(messages);
  const name = useStableName();
  const language = useLanguage();
  const mark = useDesk((s) => s.compare);
  const close = useDesk((s) => s.closeCompare);
  const { result, reversed, busy, error } = useRangeComparison(mark);
  const b = useCompareB(mark);
  if (!mark || b === null) return null;
  // The result is for (A, B] only once its fold caught up: right after B moves, the last result is still the older B's.
  const current = result !== null && (reversed ? result.from === b && result.to === mark.a : result.from === mark.a && result.to === b);
  const balanceA = result ? (reversed ? result.balanceAfter : result.balanceBefore) : null;
  const balanceB = result ? (reversed ? result.balanceBefore : result.balanceAfter) : null;
  const num = (n: number | null) => (n === null ? '…' : formatNumber(n, language));
  const delta = balanceA !== null && balanceB !== null ? balanceB - balanceA : null;
  return (
    <section
      className="panel compare-panel"
      aria-label={name('Compare', t('title'))}
      aria-busy={busy || !current}
      // The range the rendered panel shows: browser tests and the bench wait on it.
      data-compare-range={current && !busy ? `${mark.a}-${b}` : undefined}
    >
      <header className="panel-head">
        <h2>{t('title')}</h2>
        <span className="compare-range">{t('range', { a: mark.a, b })}</span>
        <span className="muted" role="status">
          {busy ? t('busy') : mark.a === b ? t('hint') : ''}
        </span>
        <button type="button" className="btn btn-small" aria-label={name('Close compare', t('close'))} onClick={close}>
          {t('close')}
        </button>
      </header>
      {error && (
        <p className="compare-error" role="alert">
          {t('failed', { reason: error })}
        </p>
      )}
      <dl className="compare-summary">
        <div>
          <dt>{t('balanceA')}</dt>
          <dd>
            <output aria-label={name('Balance at A', t('balanceA'))}>{num(balanceA)}</output>
          </dd>
        </div>
        <div>
          <dt>{t('balanceB')}</dt>
          <dd>
            <output aria-label={name('Balance at B', t('balanceB'))}>{num(balanceB)}</output>
          </dd>
        </div>
        <div>
          <dt>{t('change')}</dt>
          <dd className={delta !== null && delta < 0 ? 'amount-out' : 'amount-in'}>
            {delta === null ? '…' : `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${formatNumber(Math.abs(delta), language)}`}
          </dd>
        </div>
        <div>
          <dt>{t('events')}</dt>
          <dd>
            <output aria-label={name('Events in range', t('events'))}>{result ? formatNumber(result.events.seqs.length, language) : '…'}</output>
          </dd>
        </div>
      </dl>
      {result && (
        <div className="compare-body">
          <CompareLines lines={result.lines} />
          <CompareOrders orders={result.orders} reversed={reversed} />
          <CompareLikes likes={result.likes} reversed={reversed} />
          <CompareEvents result={result} />
        </div>
      )}
    </section>
  );
}
