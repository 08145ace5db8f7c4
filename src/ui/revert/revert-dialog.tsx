import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { StoredEvent } from '../../engine/event-envelope';
import { DomainRuleViolation } from '../../engine/errors';
import { eventRef } from '../../engine/event-ref';
import { compensationFor, type Compensation } from '../../domain/compensation';
import { useDesk, useEventDesk } from '../../store/use-desk';
import { useRuleText } from '../command-error';
import { defineMessages, useT, useStableName } from '../i18n';
import './revert.css';

const messages = defineMessages({
  en: {
    title: 'Revert event #{seq}',
    original: '{type} on {stream}',
    reverseCharge: 'Reverse the charge of {amount} points ("{description}").',
    unlike: 'Unlike post "{postId}" for {userId}.',
    cancelOrder: 'Cancel order #{id} and refund what was not delivered.',
    none: 'Events of this type have no compensating command.',
    checking: 'Asking the domain whether this is allowed now…',
    appends: 'This appends {events}. The original event stays in the log; the new events name it as their cause.',
    refused: 'Not allowed now: {reason}',
    past: 'You are looking at the past. Go back to live to revert.',
    confirm: 'Revert',
    cancel: 'Cancel',
    close: 'Close',
    charge: 'Charge',
  },
  ko: {
    title: '이벤트 #{seq} 되돌리기',
    original: '{stream}의 {type}',
    reverseCharge: '{amount} 포인트 충전("{description}")을 취소합니다.',
    unlike: '{userId}의 게시물 "{postId}" 좋아요를 취소합니다.',
    cancelOrder: '주문 #{id}을(를) 취소하고 전달되지 않은 만큼 환불합니다.',
    none: '이 유형의 이벤트에는 보상 명령이 없습니다.',
    checking: '지금 허용되는지 도메인에 확인하는 중…',
    appends: '{events} 이벤트를 추가합니다. 원래 이벤트는 로그에 남고, 새 이벤트가 그 원인으로 원래 이벤트를 가리킵니다.',
    refused: '지금은 할 수 없습니다: {reason}',
    past: '과거를 보고 있습니다. 되돌리려면 실시간으로 돌아가세요.',
    confirm: '되돌리기',
    cancel: '취소',
    close: '닫기',
    charge: '충전',
  },
});

type Check =
  | { state: 'checking' }
  | { state: 'ok'; types: string[] }
  /** `rule`: the domain rule that said no (said in the user's language); null for another failure, shown as it came. */
  | { state: 'refused'; reason: string; rule: { rule: string; params: Record<string, string | number> } | null }
  | { state: 'none' };

function offerText(c: Compensation, t: ReturnType<typeof useT<keyof (typeof messages)['en']>>): string {
  switch (c.kind) {
    case 'reverse-charge':
      return t('reverseCharge', { amount: c.amount, description: c.description === 'Charge' ? t('charge') : c.description });
    case 'unlike':
      return t('unlike', { postId: c.postId, userId: c.userId });
    case 'cancel-order':
      return t('cancelOrder', { id: c.orderId });
  }
}

/**
 * The "Revert…" dialog: the compensating command the domain offers for the
 * event, checked against the decider before anything is written (a refusal is
 * shown with the decider's reason), and appended only when confirmed.
 */
export function RevertDialog() {
  const seq = useDesk((s) => s.revertSeq);
  if (seq === null) return null;
  return <RevertDialogFor key={seq} seq={seq} />;
}

function RevertDialogFor({ seq }: { seq: number }) {
  const t = useT(messages);
  const ruleText = useRuleText();
  const name = useStableName();
  const desk = useEventDesk();
  const live = useDesk((s) => s.live);
  const head = useDesk((s) => s.head);
  const close = useDesk((s) => s.closeRevert);
  const dispatch = useDesk((s) => s.dispatch);
  const busy = useDesk((s) => s.commandBusy);
  const [event, setEvent] = useState<StoredEvent | null>(null);
  const [check, setCheck] = useState<Check>({ state: 'checking' });
  const first = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let current = true;
    desk.readRange(seq, seq).then(
      async ([e]) => {
        if (!current || !e) return;
        setEvent(e);
        const c = compensationFor(e);
        if (!c) return setCheck({ state: 'none' });
        try {
          const decided = await desk.preview(c.command);
          const types = Object.values(decided).flatMap((events) => events.map((x) => x.type));
          if (current) setCheck({ state: 'ok', types });
        } catch (err) {
          if (!current) return;
          if (err instanceof DomainRuleViolation) setCheck({ state: 'refused', reason: err.message, rule: { rule: err.rule, params: err.params } });
          else setCheck({ state: 'refused', reason: err instanceof Error ? err.message : String(err), rule: null });
        }
      },
      () => {},
    );
    return () => {
      current = false;
    };
    // Re-checked when the log grows: another tab or the executor may change the answer.
  }, [desk, seq, head]);

  useEffect(() => first.current?.focus(), [check.state]);

  const compensation = event ? compensationFor(event) : null;
  const confirm = async () => {
    if (!event || !compensation) return;
    const ok = await dispatch(compensation.command, { causationId: eventRef(event) });
    if (ok) close();
    else close(); // the decider's reason is in the command alert
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') close();
  };

  const canConfirm = live && check.state === 'ok' && !busy;
  return (
    <div className="revert-backdrop">
      <div className="revert-dialog" role="dialog" aria-modal="true" aria-labelledby="revert-title" onKeyDown={onKeyDown}>
        <h2 id="revert-title">{t('title', { seq: String(seq) })}</h2>
        {event && <p className="muted">{t('original', { type: event.type, stream: event.streamId })}</p>}
        {compensation && <p className="revert-offer">{offerText(compensation, t)}</p>}
        {check.state === 'checking' && <p className="muted">{t('checking')}</p>}
        {check.state === 'none' && <p>{t('none')}</p>}
        {check.state === 'ok' && <p>{t('appends', { events: check.types.join(', ') })}</p>}
        {check.state === 'refused' && (
          <p className="revert-refused" role="alert">
            {t('refused', { reason: ruleText(check.rule, check.reason) })}
          </p>
        )}
        {!live && <p className="revert-refused">{t('past')}</p>}
        <div className="revert-buttons">
          {check.state === 'ok' && (
            <button ref={first} type="button" className="btn btn-danger" aria-label={name('Revert', t('confirm'))} disabled={!canConfirm} onClick={confirm}>
              {t('confirm')}
            </button>
          )}
          <button
            ref={check.state === 'ok' ? undefined : first}
            type="button"
            className="btn"
            aria-label={name(check.state === 'ok' ? 'Cancel' : 'Close', t(check.state === 'ok' ? 'cancel' : 'close'))}
            onClick={close}
          >
            {t(check.state === 'ok' ? 'cancel' : 'close')}
          </button>
        </div>
      </div>
    </div>
  );
}
