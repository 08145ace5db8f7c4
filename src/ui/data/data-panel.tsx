import { useCallback, useEffect, useId, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { exportFileName, exportNdjson } from '../../app/ndjson-export';
import { importEvents, MAX_IMPORT_BYTES, parseNdjsonFile, type ImportError } from '../../app/ndjson-import';
import { requestPersistence, storageInfo, type StorageInfo } from '../../app/storage-info';
import type { StoredEvent } from '../../engine/event-envelope';
import { useDesk, useEventDesk } from '../../store/use-desk';
import type { Language } from '../../store/language';
import { defineMessages, formatNumber, numberFormat, useLanguage, useT } from '../i18n';
import './data-panel.css';

const messages = defineMessages({
  en: {
    title: 'Data',
    intro: 'Export the whole event log as an NDJSON file, or import one. An import is checked completely before anything is written.',
    export: 'Export events',
    import: 'Import events',
    importHint: '.ndjson, .jsonl or .txt, up to {limit}',
    exporting: 'Exporting… {done} of {total} events',
    checking: 'Checking the file… {pct}%',
    reading: 'Reading the file…',
    writing: 'Writing {n} events and rebuilding the views…',
    exported: 'Exported {n} events to {file}',
    imported: 'Imported {n} events',
    exportFailed: 'The export failed: {reason}',
    importFailed: 'The import failed and nothing was changed: {reason}',
    rejected: 'The file was not imported — nothing was changed. Problems found:',
    line: 'Line {n}',
    more: '…and {n} more',
    tooLarge: 'The file is {size}, larger than the import limit of {limit}. Nothing was imported.',
    confirmTitle: 'Replace the log?',
    confirmText: 'Replace the {n} events in this log with {m} events from {file}?',
    confirmNote: 'The current events, snapshots and notifications are removed. Export first if you want to keep them.',
    replace: 'Replace log',
    cancel: 'Cancel',
    cancelled: 'Import cancelled. Nothing was changed.',
    storage: 'Storage',
    logSize: 'Event log',
    logSizeValue: '{size} ({n} events)',
    snapshotSize: 'Snapshots',
    snapshotValue: '{size} in {n} snapshots ({pct}% of the log)',
    browserUse: 'Browser storage',
    browserUseValue: '{usage} used of {quota}',
    unknown: 'Unknown',
    persistence: 'Persistence',
    persisted: 'Persistent: the browser keeps this data',
    notPersisted: 'Not persistent: the browser may clear this data when space runs low',
    persistUnsupported: 'Not supported by this browser',
    persist: 'Keep data persistent',
    persistDenied: 'The browser did not grant persistent storage.',
    persistGranted: 'The browser will keep this data.',
  },
  ko: {
    title: '데이터',
    intro: '전체 이벤트 로그를 NDJSON 파일로 내보내거나 가져옵니다. 가져오기는 아무것도 쓰기 전에 파일 전체를 검사합니다.',
    export: '이벤트 내보내기',
    import: '이벤트 가져오기',
    importHint: '.ndjson, .jsonl 또는 .txt, 최대 {limit}',
    exporting: '내보내는 중… 이벤트 {total}개 중 {done}개',
    checking: '파일 검사 중… {pct}%',
    reading: '파일을 읽는 중…',
    writing: '이벤트 {n}개를 쓰고 화면을 다시 만드는 중…',
    exported: '이벤트 {n}개를 {file}(으)로 내보냈습니다',
    imported: '이벤트 {n}개를 가져왔습니다',
    exportFailed: '내보내기에 실패했습니다: {reason}',
    importFailed: '가져오기에 실패했으며 아무것도 바뀌지 않았습니다: {reason}',
    rejected: '파일을 가져오지 않았습니다 — 아무것도 바뀌지 않았습니다. 발견된 문제:',
    line: '{n}번째 줄',
    more: '…외 {n}건',
    tooLarge: '파일 크기({size})가 가져오기 한도 {limit}를 넘습니다. 아무것도 가져오지 않았습니다.',
    confirmTitle: '로그를 교체할까요?',
    confirmText: '이 로그의 이벤트 {n}개를 {file} 파일의 이벤트 {m}개로 교체할까요?',
    confirmNote: '현재 이벤트, 스냅샷, 알림이 삭제됩니다. 보관하려면 먼저 내보내세요.',
    replace: '로그 교체',
    cancel: '취소',
    cancelled: '가져오기를 취소했습니다. 아무것도 바뀌지 않았습니다.',
    storage: '저장 공간',
    logSize: '이벤트 로그',
    logSizeValue: '{size} (이벤트 {n}개)',
    snapshotSize: '스냅샷',
    snapshotValue: '스냅샷 {n}개, {size} (로그의 {pct}%)',
    browserUse: '브라우저 저장 공간',
    browserUseValue: '{quota} 중 {usage} 사용',
    unknown: '알 수 없음',
    persistence: '영구 저장',
    persisted: '영구 저장됨: 브라우저가 이 데이터를 보존합니다',
    notPersisted: '영구 저장 아님: 공간이 부족하면 브라우저가 이 데이터를 지울 수 있습니다',
    persistUnsupported: '이 브라우저에서는 지원되지 않습니다',
    persist: '데이터 영구 보존',
    persistDenied: '브라우저가 영구 저장을 허용하지 않았습니다.',
    persistGranted: '브라우저가 이 데이터를 보존합니다.',
  },
});

type Translate = (key: keyof (typeof messages)['en'], params?: Record<string, string | number>) => string;

type Progress =
  | { phase: 'exporting'; done: number; total: number }
  | { phase: 'reading' }
  | { phase: 'checking'; done: number; total: number }
  | { phase: 'writing'; n: number };

interface Rejection {
  errors: ImportError[];
  more: number;
}

interface PendingReplace {
  events: StoredEvent[];
  fileName: string;
  current: number;
}

/** Storage figures refresh at most this often while the log grows. */
const STORAGE_REFRESH_MS = 1_000;

export function formatSize(bytes: number, language: Language): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : value < 10 ? 2 : 1;
  const text = numberFormat(language, { maximumFractionDigits: digits }).format(value);
  return `${text} ${units[unit]}`;
}

function percent(done: number, total: number): number {
  return total > 0 ? Math.floor((done / total) * 100) : 100;
}

function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Export, import (checked whole, confirmed before replacing) and what the data costs in storage. */
export function DataPanel() {
  const t = useT(messages);
  const language = useLanguage();
  const desk = useEventDesk();
  const head = useDesk((s) => s.head);
  const goLive = useDesk((s) => s.goLive);
  const ids = useId();
  const inputId = `${ids}-import`;
  const titleId = `${ids}-title`;
  const dialogTitleId = `${ids}-confirm-title`;
  const dialogTextId = `${ids}-confirm-text`;

  const [busy, setBusy] = useState<'export' | 'import' | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [rejection, setRejection] = useState<Rejection | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingReplace | null>(null);
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const [persistNote, setPersistNote] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  const refreshStorage = useCallback(() => {
    storageInfo(desk).then(setInfo, () => undefined);
  }, [desk]);

  // On mount and as the log grows — throttled, the executor can append many events a second.
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (refreshTimer.current !== undefined) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = undefined;
      refreshStorage();
    }, STORAGE_REFRESH_MS);
  }, [head, refreshStorage]);
  useEffect(() => {
    refreshStorage();
    return () => {
      clearTimeout(refreshTimer.current);
      refreshTimer.current = undefined;
    };
  }, [refreshStorage]);

  useEffect(() => {
    if (pending) cancelRef.current?.focus();
  }, [pending]);

  const clearMessages = () => {
    setRejection(null);
    setFailure(null);
    setStatus(null);
    setPersistNote(null);
  };

  const onExport = async () => {
    clearMessages();
    setBusy('export');
    try {
      let exported = 0;
      const blob = await exportNdjson(desk.store, (done, total) => {
        exported = done;
        setProgress({ phase: 'exporting', done, total });
      });
      const fileName = exportFileName();
      download(blob, fileName);
      setStatus(t('exported', { n: exported, file: fileName }));
    } catch (e) {
      setFailure(t('exportFailed', { reason: reasonOf(e) }));
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };

  const write = async (events: StoredEvent[], replace: boolean) => {
    setBusy('import');
    setProgress({ phase: 'writing', n: events.length });
    try {
      await importEvents(desk, events, { replace });
      goLive();
      setStatus(t('imported', { n: events.length }));
    } catch (e) {
      setFailure(t('importFailed', { reason: reasonOf(e) }));
    } finally {
      setBusy(null);
      setProgress(null);
      refreshStorage();
    }
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    // Choosing the same file again must fire change again.
    input.value = '';
    if (!file) return;
    clearMessages();
    setPending(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setRejection({
        errors: [{ line: 0, reason: t('tooLarge', { size: formatSize(file.size, language), limit: formatSize(MAX_IMPORT_BYTES, language) }) }],
        more: 0,
      });
      return;
    }
    setBusy('import');
    setProgress({ phase: 'reading' });
    try {
      const result = await parseNdjsonFile(file, desk.registry, {
        onProgress: (done, total) => setProgress({ phase: 'checking', done, total }),
      });
      if ('errors' in result) {
        setRejection(result);
        return;
      }
      const current = await desk.store.headSeq();
      if (current > 0) {
        setPending({ events: result.events, fileName: file.name, current });
        return;
      }
      await write(result.events, false);
    } catch (err) {
      setFailure(t('importFailed', { reason: reasonOf(err) }));
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };

  const confirmReplace = () => {
    const p = pending;
    setPending(null);
    if (p) void write(p.events, true);
  };

  const cancelReplace = () => {
    setPending(null);
    setStatus(t('cancelled'));
  };

  const onDialogKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      cancelReplace();
    }
  };

  const onPersist = async () => {
    const granted = await requestPersistence();
    setPersistNote(granted === true ? t('persistGranted') : granted === false ? t('persistDenied') : t('persistUnsupported'));
    refreshStorage();
  };

  const locked = busy !== null || pending !== null;
  const persisted = info?.persisted;

  return (
    <section className="data-panel" aria-labelledby={titleId}>
      <div className="panel-head">
        <h2 id={titleId}>{t('title')}</h2>
      </div>
      <p className="muted data-panel__intro">{t('intro')}</p>

      <div className="data-panel__actions">
        <button type="button" className="btn" onClick={() => void onExport()} disabled={locked || head === 0}>
          {t('export')}
        </button>
        <div className="data-panel__import">
          <input
            id={inputId}
            className="data-panel__file"
            type="file"
            accept=".ndjson,.jsonl,.txt"
            disabled={locked}
            onChange={(e) => void onFile(e)}
          />
          <label htmlFor={inputId} className="btn data-panel__file-label" aria-disabled={locked || undefined}>
            {t('import')}
          </label>
          <span className="muted data-panel__hint">{t('importHint', { limit: formatSize(MAX_IMPORT_BYTES, language) })}</span>
        </div>
      </div>

      {progress && <ProgressLine progress={progress} t={t} />}

      {pending && (
        <div
          className="data-panel__confirm"
          role="alertdialog"
          aria-modal="false"
          aria-labelledby={dialogTitleId}
          aria-describedby={dialogTextId}
          onKeyDown={onDialogKey}
        >
          <h3 id={dialogTitleId}>{t('confirmTitle')}</h3>
          <p id={dialogTextId}>
            {t('confirmText', { n: pending.current, m: pending.events.length, file: pending.fileName })}
          </p>
          <p className="muted">{t('confirmNote')}</p>
          <div className="data-panel__confirm-buttons">
            <button type="button" className="btn btn-danger" onClick={confirmReplace}>
              {t('replace')}
            </button>
            <button type="button" className="btn" ref={cancelRef} onClick={cancelReplace}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}

      {rejection && (
        <div className="data-panel__errors" role="alert">
          <p>{t('rejected')}</p>
          <ul>
            {rejection.errors.map((err, i) => (
              <li key={i}>
                {err.line > 0 && <strong>{t('line', { n: err.line })}: </strong>}
                {err.reason}
              </li>
            ))}
          </ul>
          {rejection.more > 0 && <p>{t('more', { n: rejection.more })}</p>}
        </div>
      )}
      {failure && (
        <p className="data-panel__errors" role="alert">
          {failure}
        </p>
      )}
      <p className="data-panel__status" role="status">
        {status}
      </p>

      <h3 className="data-panel__subhead">{t('storage')}</h3>
      <dl className="data-panel__storage">
        <dt>{t('logSize')}</dt>
        <dd>{info ? t('logSizeValue', { size: formatSize(info.logBytes, language), n: head }) : '…'}</dd>
        <dt>{t('snapshotSize')}</dt>
        <dd>
          {info
            ? t('snapshotValue', {
                size: formatSize(info.snapshotBytes, language),
                n: info.snapshots,
                pct: formatNumber(Math.round(info.snapshotShare * 1000) / 10, language),
              })
            : '…'}
        </dd>
        <dt>{t('browserUse')}</dt>
        <dd>
          {info?.estimate
            ? t('browserUseValue', { usage: formatSize(info.estimate.usage, language), quota: formatSize(info.estimate.quota, language) })
            : info
              ? t('unknown')
              : '…'}
        </dd>
        <dt>{t('persistence')}</dt>
        <dd>
          {persisted === true
            ? t('persisted')
            : persisted === false
              ? t('notPersisted')
              : persisted === 'unsupported'
                ? t('persistUnsupported')
                : '…'}
        </dd>
      </dl>
      <div className="data-panel__persist">
        <button type="button" className="btn" onClick={() => void onPersist()} disabled={persisted === true}>
          {t('persist')}
        </button>
        {persistNote && <span className="muted">{persistNote}</span>}
      </div>
    </section>
  );
}

function ProgressLine({ progress, t }: { progress: Progress; t: Translate }) {
  let label: string;
  let value: number | undefined;
  let max: number | undefined;
  switch (progress.phase) {
    case 'exporting':
      label = t('exporting', { done: progress.done, total: progress.total });
      value = progress.done;
      max = Math.max(1, progress.total);
      break;
    case 'reading':
      label = t('reading');
      break;
    case 'checking':
      label = t('checking', { pct: percent(progress.done, progress.total) });
      value = progress.done;
      max = Math.max(1, progress.total);
      break;
    case 'writing':
      label = t('writing', { n: progress.n });
      break;
  }
  return (
    <div className="data-panel__progress">
      <progress aria-label={label} value={value} max={max} />
      <span aria-live="polite">{label}</span>
    </div>
  );
}
