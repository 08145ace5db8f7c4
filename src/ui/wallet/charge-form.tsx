import { useState, type FormEvent } from 'react';
import { ME } from '../../domain/streams';
import { useDesk } from '../../store/use-desk';
import { defineMessages, useT, useStableName } from '../i18n';

const messages = defineMessages({
  en: { amount: 'Amount', description: 'Memo (optional)', charge: 'Charge points', placeholder: 'e.g. 50000' },
  ko: { amount: '금액', description: '메모 (선택)', charge: '포인트 충전', placeholder: '예: 50000' },
});

/** Adds points to my wallet (ChargePoints). Disabled in the past. */
export function ChargeForm() {
  const t = useT(messages);
  const name = useStableName();
  const live = useDesk((s) => s.live);
  const dispatch = useDesk((s) => s.dispatch);
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const past = !live;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await dispatch({ type: 'ChargePoints', walletId: ME, amount: Number(amount), description: description.trim() || undefined });
    if (ok) {
      setAmount('');
      setDescription('');
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
          onChange={(e) => setAmount(e.currentTarget.value)}
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
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
      </div>
      <button type="submit" className="btn btn-primary" aria-label={name('Charge points', t('charge'))} disabled={past || amount.trim() === ''}>
        {t('charge')}
      </button>
    </form>
  );
}
