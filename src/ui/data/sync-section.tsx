import { useEffect, useId, useState, type FormEvent } from 'react';
import { exportFileName, exportNdjson } from '../../app/ndjson-export';
import { useEventDesk } from '../../store/use-desk';
import { useSyncStatus } from '../../store/use-sync';
import type { SyncStatus } from '../../engine/sync/log-sync';
import { UpstreamRefused } from '../../engine/sync/upstream';
import { defineMessages, useStableName, useT } from '../i18n';
import { download } from './download';
import './sync-section.css';

const messages = defineMessages({
  en: {
    title: 'Sync',
    intro:
      'Optional: share this log with other devices through a NATS server (npm run sync-server). The server URL, user and password stay in this browser; they are never in the log or an export.',
    rules: 'While linked to a desk, Export writes the synced log (the desk’s order; commands not yet synced are not in it) and Import is off: the desk’s history is the history.',
    url: 'Server URL',
    desk: 'Desk',
    user: 'User',
    password: 'Password',
    connect: 'Connect',
    disconnect: 'Disconnect',
    off: 'not connected — this browser keeps its own log',
    connecting: 'connecting…',
    synced: 'synced up to event {n}',
    uploading: '{n} commands waiting to upload',
    offline: 'offline — will sync when the server is reachable ({n} commands waiting to upload)',
    reconnecting: 'reconnecting — the desk is moving to another server ({n} commands waiting to upload)',
    longOutage: 'The desk has not answered for over 30 seconds. Keep working: your {n} commands are kept in this browser and upload when a server is back.',
    quarantinedTitle: 'Desk entries refused by this app ({n})',
    quarantinedItem: 'Desk entry {upstreamSeq} (after event {afterSeq}) was not applied: {reason}',
    quarantinedHelp: 'Another device published something that is not a valid EventDesk command. Every device refuses it alike, so all logs stay identical; nothing of it was applied.',
    refused: 'The server refused desk “{desk}” for this user and password (another desk’s credentials, or a wrong password). Nothing was written.',
    disconnected: 'disconnected from desk {desk} — {n} commands waiting to upload',
    diverged: 'conflict: desk {desk} and this browser hold different histories',
    error: 'sync stopped: {reason}',
    conflict: ' · conflict: {n} refused after syncing',
    pulling: 'Downloading the desk… {done} of {total} commands',
    pushing: 'Uploading this browser’s history… {done} of {total} events',
    divergedText: 'Nothing was merged. You can replace this browser’s log with the desk’s (export it first to keep a copy), or cancel and keep this browser as it is.',
    exportFirst: 'Export this browser’s log',
    replace: 'Replace with the desk’s log',
    cancel: 'Cancel',
    failed: 'Could not connect: {reason}',
  },
  ko: {
    title: '동기화',
    intro:
      '선택 사항: NATS 서버(npm run sync-server)를 통해 다른 기기와 이 로그를 공유합니다. 서버 URL, 사용자, 비밀번호는 이 브라우저에만 저장되며 로그나 내보내기 파일에는 들어가지 않습니다.',
    rules: '데스크에 연결된 동안 내보내기는 동기화된 로그(데스크 순서, 아직 동기화되지 않은 명령 제외)를 쓰고, 가져오기는 꺼집니다. 데스크의 기록이 곧 기록입니다.',
    url: '서버 URL',
    desk: '데스크',
    user: '사용자',
    password: '비밀번호',
    connect: '연결',
    disconnect: '연결 끊기',
    off: '연결 안 됨 — 이 브라우저가 자체 로그를 유지합니다',
    connecting: '연결 중…',
    synced: '이벤트 {n}까지 동기화됨 (synced)',
    uploading: '업로드 대기 중인 명령 {n}개',
    offline: '오프라인 (offline) — 서버에 연결되면 동기화합니다 (업로드 대기 명령 {n}개)',
    reconnecting: '재연결 중 (reconnecting) — 데스크가 다른 서버로 옮기는 중입니다 (업로드 대기 명령 {n}개)',
    longOutage: '데스크가 30초 넘게 응답하지 않습니다. 계속 작업하세요. 명령 {n}개는 이 브라우저에 보관되며 서버가 돌아오면 업로드됩니다.',
    quarantinedTitle: '이 앱이 거부한 데스크 항목 ({n}개)',
    quarantinedItem: '데스크 항목 {upstreamSeq}(이벤트 {afterSeq} 다음)은 적용되지 않았습니다: {reason}',
    quarantinedHelp: '다른 기기가 올바른 EventDesk 명령이 아닌 것을 올렸습니다. 모든 기기가 똑같이 거부하므로 로그는 모두 같게 유지되며, 그 내용은 전혀 적용되지 않았습니다.',
    refused: '서버가 이 사용자와 비밀번호로 데스크 “{desk}”에 접근하는 것을 거부했습니다(다른 데스크의 자격 증명이거나 비밀번호가 틀림). 아무것도 기록하지 않았습니다.',
    disconnected: '데스크 {desk}와 연결 끊김 — 업로드 대기 명령 {n}개',
    diverged: '충돌: 데스크 {desk}와 이 브라우저의 기록이 다릅니다',
    error: '동기화 중단: {reason}',
    conflict: ' · 충돌: 동기화 후 거부된 명령 {n}개',
    pulling: '데스크 내려받는 중… 명령 {total}개 중 {done}개',
    pushing: '이 브라우저의 기록 올리는 중… 이벤트 {total}개 중 {done}개',
    divergedText: '아무것도 병합하지 않았습니다. 이 브라우저의 로그를 데스크의 로그로 바꾸거나(먼저 내보내서 사본을 보관하세요), 취소하고 그대로 둘 수 있습니다.',
    exportFirst: '이 브라우저의 로그 내보내기',
    replace: '데스크의 로그로 바꾸기',
    cancel: '취소',
    failed: '연결할 수 없습니다: {reason}',
  },
});

type T = ReturnType<typeof useT<keyof (typeof messages)['en']>>;

function statusText(s: SyncStatus, t: T): string {
  const n = s.pending;
  const desk = s.desk ?? '';
  const base = {
    off: () => t('off'),
    connecting: () => t('connecting'),
    synced: () => t('synced', { n: s.confirmedSeq }),
    uploading: () => t('uploading', { n }),
    offline: () => t('offline', { n }),
    reconnecting: () => t('reconnecting', { n }),
    disconnected: () => t('disconnected', { desk, n }),
    diverged: () => t('diverged', { desk }),
    error: () => t('error', { reason: s.message ?? '' }),
  }[s.phase]();
  const refused = s.rejected.filter((r) => r.actor !== 'executor').length;
  return refused > 0 ? base + t('conflict', { n: refused }) : base;
}

/** Data panel → Sync: connect this browser to a desk, see where it stands, resolve a first-connect conflict. */
export function SyncSection() {
  const t = useT(messages);
  const name = useStableName();
  const desk = useEventDesk();
  const status = useSyncStatus();
  const saved = desk.syncControl.settings;
  const [form, setForm] = useState({
    url: saved?.url ?? 'ws://127.0.0.1:9222',
    desk: saved?.desk ?? 'demo',
    user: saved?.user ?? '',
    password: saved?.password ?? '',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const connected = !['off', 'disconnected'].includes(status.phase);
  // Connected from another tab (the one that runs the sync): show the settings it connected with.
  const linkedDesk = status.desk;
  useEffect(() => {
    if (!connected) return;
    let current = true;
    void desk.syncControl.load().then(() => {
      const s = desk.syncControl.settings;
      if (current && s) setForm({ url: s.url, desk: s.desk, user: s.user, password: s.password });
    });
    return () => {
      current = false;
    };
  }, [connected, linkedDesk, desk]);

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      if (e instanceof UpstreamRefused) setError(t('refused', { desk: e.desk }));
      else setError(t('failed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  const onConnect = (e: FormEvent) => {
    e.preventDefault();
    void run(() => desk.syncControl.connect(form));
  };

  const field = (key: keyof typeof form, label: string, english: string, type = 'text') => (
    <div className="sync-section__field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        aria-label={name(english, label)}
        type={type}
        autoComplete={type === 'password' ? 'current-password' : 'off'}
        value={form[key]}
        disabled={busy || connected}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </div>
  );

  const progress = status.progress;
  return (
    <section className="sync-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('title')}</h3>
      <p className="muted sync-section__intro">{t('intro')}</p>
      <p className="muted sync-section__intro">{t('rules')}</p>
      <form className="sync-section__form" onSubmit={onConnect}>
        {field('url', t('url'), 'Server URL')}
        {field('desk', t('desk'), 'Desk')}
        {field('user', t('user'), 'User')}
        {field('password', t('password'), 'Password', 'password')}
        <div className="sync-section__buttons">
          <button type="submit" className="btn" disabled={busy || connected} aria-label={name('Connect', t('connect'))}>
            {t('connect')}
          </button>
          <button
            type="button"
            className="btn"
            disabled={busy || !connected}
            aria-label={name('Disconnect', t('disconnect'))}
            onClick={() => void run(() => desk.syncStatus.disconnect())}
          >
            {t('disconnect')}
          </button>
        </div>
      </form>
      <output className={`sync-section__status sync-section__status--${status.phase}`} aria-label="Sync status" aria-live="polite">
        {statusText(status, t)}
      </output>
      {status.longOutage && (
        <p className="sync-section__error" role="alert">
          {t('longOutage', { n: status.pending })}
        </p>
      )}
      {progress && (
        <div className="sync-section__progress">
          <span>{t(progress.direction === 'pull' ? 'pulling' : 'pushing', { done: progress.done, total: progress.total })}</span>
          <progress aria-label="Sync progress" value={progress.done} max={Math.max(1, progress.total)} />
        </div>
      )}
      {status.phase === 'diverged' && (
        <div className="sync-section__diverged">
          <p>{t('divergedText')}</p>
          <div className="sync-section__buttons">
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => void run(async () => download(await exportNdjson(desk.store), exportFileName()))}
            >
              {t('exportFirst')}
            </button>
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void run(() => desk.syncControl.replaceWithDesk())}>
              {t('replace')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => void run(() => desk.syncControl.disconnect())}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {status.quarantined.length > 0 && (
        <details className="sync-section__quarantined">
          <summary>{t('quarantinedTitle', { n: status.quarantined.length })}</summary>
          <p className="muted">{t('quarantinedHelp')}</p>
          <ul aria-label={name('Refused desk entries', t('quarantinedTitle', { n: status.quarantined.length }))}>
            {status.quarantined.map((q) => (
              <li key={q.upstreamSeq}>{t('quarantinedItem', { upstreamSeq: q.upstreamSeq, afterSeq: q.afterSeq, reason: q.reason })}</li>
            ))}
          </ul>
        </details>
      )}
      {error && (
        <p className="sync-section__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
