import { useMemo, useState } from 'react';
import { csvFileName, passbookCsv } from '../../app/csv-export';
import { filterPassbook, NO_PASSBOOK_FILTER, type PassbookFilter } from '../../projections/passbook-filter';
import { CsvButton } from '../forms/csv-button';
import { useDesk, useEventDesk, useShown } from '../../store/use-desk';
import { StreamStepper } from '../timeline/stream-stepper';
import { defineMessages, formatNumber, useLanguage, useT } from '../i18n';
import { ChargeForm } from './charge-form';
import { PassbookFilters } from './passbook-filters';
import { describe, PassbookTable, passbookMessages } from './passbook-table';
import './wallet.css';

const messages = defineMessages({
  en: { title: 'Wallet', balance: 'Balance', points: 'points', lines: '{n} transactions', csv: 'Export passbook (CSV)' },
  ko: { title: '지갑', balance: '잔액', points: '포인트', lines: '거래 {n}건', csv: '통장 내보내기 (CSV)' },
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
  const [filter, setFilter] = useState<PassbookFilter>(NO_PASSBOOK_FILTER);
  const lines = useShown((s) => s.view.passbook.lines);
  const cursor = useShown((s) => s.cursor);
  const lineT = useT(passbookMessages);
  // What the passbook said at the slider's position, as filtered on screen.
  const buildCsv = () => ({
    fileName: csvFileName('passbook', cursor),
    text: passbookCsv(filterPassbook(lines, filter), language, (l) => describe(l, lineT)),
  });
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
      {count > 0 && (
        <>
          <PassbookFilters filter={filter} onChange={setFilter} />
          <div className="desk-filters__status">
            <span />
            <CsvButton label={t('csv')} english="Export passbook (CSV)" build={buildCsv} />
          </div>
        </>
      )}
      <PassbookTable filter={filter} />
    </section>
  );
}
