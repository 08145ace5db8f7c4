import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ME } from '../../domain/streams';
import { useDesk } from '../../store/use-desk';
import { defineMessages, useT, useStableName } from '../i18n';
import { useCommandIntent } from '../use-command-intent';

const messages = defineMessages({
  en: { amount: 'Amount', description: 'Memo (optional)', charge: 'Charge points', placeholder: 'e.g. 50000', saving: 'Saving…' },
  ko: { amount: '금액', description: '메모 (선택)', charge: '포인트 충전', placeholder: '예: 50000', saving: '저장 중…' },
});

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
  const [description, setDescription] = useState('');
  // The latest typed values, read when a save completes (the render that sent it has stale ones).
  const typed = useRef({ amount, description });
  useEffect(() => {
    typed.current = { amount, description };
  });
  const past = !live;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (intent.saving) return;
    const sent = { amount, description };
    const ok = await intent.send({ type: 'ChargePoints', walletId: ME, amount: Number(amount), description: description.trim() || undefined });
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
    <form className="inline-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <div className="field">
        <label htmlFor="charge-amount">{t('amount')}</label>
        <input
          id="charge-amount"
          name="amount"
          aria-label="Amount"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          placeholder={t('placeholder')}
          value={amount}
          disabled={past}
          onChange={(e) => {
            intent.edited();
            setAmount(e.currentTarget.value);
          }}
        />
      </div>
      <div className="field field-grow">
        <label htmlFor="charge-description">{t('description')}</label>
        <input
          id="charge-description"
          name="description"
          type="text"
          maxLength={80}
          value={description}
          disabled={past}
          onChange={(e) => {
            intent.edited();
            setDescription(e.currentTarget.value);
          }}
        />
      </div>
      <button
        type="submit"
        className="btn btn-primary"
        aria-label={name('Charge points', t('charge'))}
        aria-busy={intent.saving}
        disabled={past || intent.saving || amount.trim() === ''}
      >
        {intent.saving ? t('saving') : t('charge')}
      </button>
    </form>
  );
}
