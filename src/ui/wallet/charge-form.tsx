import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ME } from '../../domain/streams';
import { MAX_CHARGE } from '../../domain/wallet/wallet-decider';
import { ConfirmLarge, isLarge } from '../forms/confirm-large';
import { NumberInput } from '../forms/number-input';
import { TextInput, textLength } from '../forms/text-input';
import { checkWholeNumber } from '../forms/whole-number';
import { useDesk } from '../../store/use-desk';
import { defineMessages, useT, useStableName } from '../i18n';
import { useCommandIntent } from '../use-command-intent';

const messages = defineMessages({
  en: { amount: 'Amount', description: 'Memo (optional)', charge: 'Charge points', placeholder: 'e.g. 50000', saving: 'Saving…' },
  ko: { amount: '금액', description: '메모 (선택)', charge: '포인트 충전', placeholder: '예: 50000', saving: '저장 중…' },
});

/** A memo longer than this is refused in the form (it would not fit a passbook line). */
export const MAX_MEMO = 80;

/**
 * Adds points to my wallet (ChargePoints). Disabled in the past. One charge
 * per intent: while it saves the button says so and is disabled; what the
 * user types meanwhile stays (and is the next intent).
 */
export function ChargeForm() {
  const t = useT(messages);
  const name = useStableName();
  const live = useDesk((s) => s.live);
  const intent = useCommandIntent();
  const [amount, setAmount] = useState('');
  const [amountUnreadable, setAmountUnreadable] = useState(false);
  const [description, setDescription] = useState('');
  // A large amount asks once: the question is open until sent or the form is changed.
  const [confirming, setConfirming] = useState(false);
  // The latest typed values, read when a save completes (the render that sent it has stale ones).
  const typed = useRef({ amount, description });
  useEffect(() => {
    typed.current = { amount, description };
  });
  const past = !live;
  const amountCheck = checkWholeNumber(amount, 1, MAX_CHARGE, amountUnreadable);
  const memoTooLong = textLength(description) > MAX_MEMO;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (intent.saving || !amountCheck.ok || memoTooLong) return;
    if (isLarge(amountCheck.value) && !confirming) setConfirming(true);
    else void send();
  };

  const send = async () => {
    setConfirming(false);
    if (intent.saving || !amountCheck.ok || memoTooLong) return;
    const sent = { amount, description };
    const ok = await intent.send({ type: 'ChargePoints', walletId: ME, amount: amountCheck.value, description: description.trim() || undefined });
    if (!ok) return;
    if (typed.current.amount === sent.amount && typed.current.description === sent.description) {
      setAmount('');
      setDescription('');
    } else {
      // Typed while it saved: keep it; sending it is a new charge.
      intent.renew();
    }
  };

  return (
    <form className="inline-form" onSubmit={onSubmit} noValidate>
      <NumberInput
        id="charge-amount"
        className="field field-amount"
        label={t('amount')}
        ariaLabel={name('Amount', t('amount'))}
        value={amount}
        check={amountCheck}
        min={1}
        max={MAX_CHARGE}
        placeholder={t('placeholder')}
        disabled={past}
        onChange={(value, unreadable) => {
          intent.edited();
          setConfirming(false);
          setAmount(value);
          setAmountUnreadable(unreadable);
        }}
      />
      <TextInput
        id="charge-description"
        label={t('description')}
        value={description}
        max={MAX_MEMO}
        disabled={past}
        onChange={(value) => {
          intent.edited();
          setDescription(value);
        }}
      />
      <button
        type="submit"
        className="btn btn-primary"
        aria-label={name('Charge points', t('charge'))}
        aria-busy={intent.saving}
        disabled={past || intent.saving || !amountCheck.ok || memoTooLong}
      >
        {intent.saving ? t('saving') : t('charge')}
      </button>
      {confirming && amountCheck.ok && <ConfirmLarge points={amountCheck.value} onConfirm={() => void send()} onBack={() => setConfirming(false)} />}
    </form>
  );
}
