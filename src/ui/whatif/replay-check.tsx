import type { WhatIfRefusal } from '../../app/what-if';
import type { ReplayView } from '../../store/what-if-actions';
import { useDesk, useEventDesk } from '../../store/use-desk';
import { useRuleText } from '../command-error';
import { defineMessages, useStableName, useT } from '../i18n';
import { commandMessages, commandSummary } from './command-summary';

const messages = defineMessages({
  en: {
    checking: 'Checking each command against the live log…',
    title: 'Against the live log (event {head}):',
    passes: 'would pass',
    refused: 'refused: {reason}',
    confirm: 'Append to the live log',
    back: 'Back to the what-if',
    done: 'Replayed on live: {appended} appended, {refused} refused.',
    refusedLine: '{command} — {reason}',
    dismiss: 'Dismiss',
  },
  ko: {
    checking: '각 명령을 실시간 로그에 대해 확인하는 중…',
    title: '실시간 로그(이벤트 {head}) 기준:',
    passes: '통과',
    refused: '거부: {reason}',
    confirm: '실시간 로그에 추가',
    back: '가정으로 돌아가기',
    done: '실시간에 다시 적용함: {appended}개 추가, {refused}개 거부.',
    refusedLine: '{command} — {reason}',
    dismiss: '닫기',
  },
});

/** "Replay on live" before the user's yes: each command of the branch, whether the live log would take it, and why not. */
export function ReplayCheckView({ replay }: { replay: Exclude<ReplayView, { phase: 'done' }> }) {
  const t = useT(messages);
  const tc = useT(commandMessages);
  const ruleText = useRuleText();
  const name = useStableName();
  const confirm = useDesk((s) => s.confirmReplay);
  const back = useDesk((s) => s.closeReplay);
  const busy = useDesk((s) => s.commandBusy);
  const desk = useEventDesk();
  if (replay.phase === 'checking') return <p className="what-if-replay muted">{t('checking')}</p>;
  const { check } = replay;
  // In the branch's order: the check keeps passes and refusals apart.
  const tried = desk.whatIf?.commands ?? [];
  const rows = [
    ...check.passed.map((p) => ({ item: p.item, refusal: null as WhatIfRefusal | null })),
    ...check.refused.map((r) => ({ item: r.item, refusal: r })),
  ].sort((a, b) => tried.indexOf(a.item) - tried.indexOf(b.item));
  return (
    <section className="what-if-replay" aria-label={name('Replay check', t('title', { head: check.atSeq }))}>
      <p>{t('title', { head: check.atSeq })}</p>
      <ul className="what-if-replay-list">
        {rows.map(({ item, refusal }) => (
          <li key={item.commandId} className={refusal ? 'is-refused' : 'is-passed'}>
            <span>{tc(...commandSummary(item.command))}</span>
            <span className="what-if-verdict">{refusal ? t('refused', { reason: ruleText(refusal, refusal.reason) }) : t('passes')}</span>
          </li>
        ))}
      </ul>
      <div className="what-if-actions">
        <button
          type="button"
          className="btn btn-small btn-primary"
          aria-label={name('Append to the live log', t('confirm'))}
          disabled={check.passed.length === 0 || busy}
          onClick={() => void confirm()}
        >
          {t('confirm')}
        </button>
        <button type="button" className="btn btn-small" aria-label={name('Back to the what-if', t('back'))} disabled={busy} onClick={back}>
          {t('back')}
        </button>
      </div>
    </section>
  );
}

/** What a replay did, after the sandbox closed: how many were appended and why the others were refused. */
export function ReplayOutcome({ outcome }: { outcome: Extract<ReplayView, { phase: 'done' }> }) {
  const t = useT(messages);
  const tc = useT(commandMessages);
  const ruleText = useRuleText();
  const name = useStableName();
  const dismiss = useDesk((s) => s.closeReplay);
  return (
    <div className="what-if-outcome" role="status">
      <span>{t('done', { appended: outcome.appended, refused: outcome.refused.length })}</span>
      {outcome.refused.length > 0 && (
        <ul>
          {outcome.refused.map((r) => (
            <li key={r.item.commandId}>{t('refusedLine', { command: tc(...commandSummary(r.item.command)), reason: ruleText(r, r.reason) })}</li>
          ))}
        </ul>
      )}
      <button type="button" className="btn btn-small" aria-label={name('Dismiss', t('dismiss'))} onClick={dismiss}>
        {t('dismiss')}
      </button>
    </div>
  );
}
