import { useEffect, useRef } from 'react';
import { defineMessages, useStableName, useT } from '../i18n';

/** Points at or above which a charge or an order asks once before it is sent (a slipped zero costs real money). */
export const LARGE_AMOUNT = 1_000_000;

export function isLarge(points: number): boolean {
  return points >= LARGE_AMOUNT;
}

const messages = defineMessages({
  en: {
    question: '{points} points is a large amount (from {large}). Send it?',
    send: 'Yes, send',
    back: 'Change it',
  },
  ko: {
    question: '{points} 포인트는 큰 금액입니다({large} 이상). 보낼까요?',
    send: '네, 보냅니다',
    back: '고치기',
  },
});

export interface ConfirmLargeProps {
  points: number;
  onConfirm(): void;
  onBack(): void;
}

/** The one question before a large amount is sent; its "Yes" takes the focus, Escape goes back to the form. */
export function ConfirmLarge({ points, onConfirm, onBack }: ConfirmLargeProps) {
  const t = useT(messages);
  const name = useStableName();
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  return (
    <div
      className="confirm-large"
      role="alertdialog"
      aria-label="Confirm a large amount"
      aria-describedby="confirm-large-question"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onBack();
      }}
    >
      <p id="confirm-large-question">{t('question', { points, large: LARGE_AMOUNT })}</p>
      <div className="confirm-large__actions">
        <button ref={yes} type="button" className="btn btn-primary btn-small" aria-label={name('Yes, send', t('send'))} onClick={onConfirm}>
          {t('send')}
        </button>
        <button type="button" className="btn btn-small" aria-label={name('Change it', t('back'))} onClick={onBack}>
          {t('back')}
        </button>
      </div>
    </div>
  );
}
