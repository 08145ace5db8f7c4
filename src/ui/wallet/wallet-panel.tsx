import { useMemo } from 'react';
import { useDesk, useEventDesk, useShown } from '../../store/use-desk';
import { StreamStepper } from '../timeline/stream-stepper';
import { defineMessages, formatNumber, useLanguage, useT } from '../i18n';
import { ChargeForm } from './charge-form';
import { PassbookTable } from './passbook-table';
import './wallet.css';

const messages = defineMessages({
  en: { title: 'Wallet', balance: 'Balance', points: 'points', lines: '{n} transactions' },
  ko: { title: '지갑', balance: '잔액', points: '포인트', lines: '거래 {n}건' },
});

/** My wallet as a passbook: the balance at the slider's position, a charge form and every transaction. */
export function WalletPanel() {
  const t = useT(messages);
  const language = useLanguage();
  const balance = useShown((s) => s.view.passbook.balance);
  const count = useShown((s) => s.view.passbook.lines.length);
  const desk = useEventDesk();
  // The passbook at the head has one line per wallet event: their seqs, without reading the stream.
  // Re-selected on every store change (a new head), so later events count as soon as they exist.
  const liveLines = useDesk(() => desk.live.state.passbook.lines);
  const seqs = useMemo(() => liveLines.map((l) => l.seq), [liveLines]);
  return (
    <section className="panel panel-wallet" aria-labelledby="wallet-title">
      <div className="panel-head">
        <h2 id="wallet-title">{t('title')}</h2>
        <span className="muted">{t('lines', { n: count })}</span>
      </div>
      <div className="balance">
        <span className="balance-label">{t('balance')}</span>
        <output aria-label="Balance" className="balance-value">
          {formatNumber(balance, language)}
        </output>
        <span className="muted">{t('points')}</span>
      </div>
      <StreamStepper seqs={seqs} what="wallet" />
      <ChargeForm />
      <PassbookTable />
    </section>
  );
}
