import { useEffect } from 'react';
import { ShownProvider, useDesk, useShown } from '../store/use-desk';
import { ComparePanel } from './compare/compare-panel';
import { CommandError } from './command-error';
import { DataPanel } from './data/data-panel';
import { EventLogView } from './event-log/event-log-view';
import { ExecutorToggle } from './executor-toggle';
import { StorageProblemAlert } from './integrity/storage-problem-alert';
import { defineMessages, formatNumber, useLanguage, useT } from './i18n';
import { LanguageSwitch } from './language-switch';
import { NotificationsView } from './notifications/notifications-view';
import { OrderDetail } from './orders/order-detail';
import { OrdersBoard } from './orders/orders-board';
import { PostsPanel } from './posts/posts-panel';
import { RevertDialog } from './revert/revert-dialog';
import { StatsView } from './stats/stats-view';
import { RejectedCommands } from './sync/rejected-commands';
import { RenumberedOrders } from './sync/renumbered-orders';
import { TimelineBar } from './timeline/timeline-bar';
import { WalletPanel } from './wallet/wallet-panel';
import { FailedView, StartingView, Welcome } from './welcome';

const messages = defineMessages({
  en: {
    tagline: 'Event-sourced order desk',
    events: 'events',
    skip: 'Skip to the desk',
  },
  ko: {
    tagline: '이벤트 소싱 주문 데스크',
    events: '이벤트',
    skip: '데스크로 건너뛰기',
  },
});

function Header() {
  const t = useT(messages);
  const language = useLanguage();
  // The log's event count: in a what-if the store's head is the branch's, which is never saved.
  const head = useDesk((s) => s.whatIf?.liveHead ?? s.head);
  return (
    <header className="app-header">
      <div className="brand">
        <h1>EventDesk</h1>
        <span className="tagline">{t('tagline')}</span>
      </div>
      <div className="header-tools">
        <span className="event-count">
          <output aria-label="Event count">{formatNumber(head, language)}</output> <span className="muted">{t('events')}</span>
        </span>
        <ExecutorToggle />
        <LanguageSwitch />
      </div>
    </header>
  );
}

function Desk() {
  const head = useDesk((s) => s.head);
  const shownSeq = useShown((s) => s.cursor);
  useEffect(() => {
    // "Views rendered at the head": the benchmark's cold-start end point (after the first paint of the desk).
    requestAnimationFrame(() => performance.mark('eventdesk:views-at-head'));
  }, []);
  return (
    <>
      <section className="timeline-sticky" aria-label="Timeline controls">
        <TimelineBar />
        <CommandError />
        <RejectedCommands />
        <RenumberedOrders />
      </section>
      {/* data-shown-seq: the position the rendered views show (browser tests and the bench wait on it). */}
      <main id="desk" className="desk" data-shown-seq={shownSeq}>
        <StorageProblemAlert />
        {head === 0 && <Welcome />}
        <ComparePanel />
        <div className="desk-grid">
          <div className="cell cell-wallet">
            <WalletPanel />
          </div>
          <div className="cell cell-orders">
            <OrdersBoard />
          </div>
          <div className="cell cell-detail">
            <OrderDetail />
          </div>
          <div className="cell cell-posts">
            <PostsPanel />
          </div>
          <div className="cell cell-stats panel">
            <StatsView />
          </div>
          <div className="cell cell-notifications panel">
            <NotificationsView />
          </div>
          <div className="cell cell-log panel">
            <EventLogView />
          </div>
          <div className="cell cell-data panel">
            <DataPanel />
          </div>
        </div>
      </main>
      <RevertDialog />
    </>
  );
}

/** The whole desk: header, sticky timeline, and every view at the slider's position. */
export function App() {
  const t = useT(messages);
  const phase = useDesk((s) => s.phase);
  return (
    <div className="app">
      <a className="skip-link" href="#desk">
        {t('skip')}
      </a>
      <Header />
      {phase === 'ready' ? (
        <ShownProvider>
          <Desk />
        </ShownProvider>
      ) : (
        <main id="desk" className="desk">
          {phase === 'starting' ? <StartingView /> : <FailedView />}
        </main>
      )}
    </div>
  );
}
