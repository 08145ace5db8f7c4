import { useEffect, useId, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { MAX_IMPORT_BYTES } from '../../app/ndjson-import';
import { importStaged, stageImportFile } from '../../app/import-into-desk';
import { ImportCancelled } from '../../app/ndjson-stream-import';
import type { Bookmark } from '../../engine/bookmark-store';
import type { LogStaging } from '../../engine/log-staging';
import { useDesk, useEventDesk } from '../../store/use-desk';
import { defineMessages, useLanguage, useT } from '../i18n';
import type { DataActivity } from './data-activity';
import { formatSize, percent, reasonOf } from './format-size';
import { useSyncStatus } from '../../store/use-sync';
import { storageFailureOf } from '../../app/integrity-problem';
import { useStorageFailureText } from '../integrity/storage-failure-text';

const messages = defineMessages({
  en: {
    import: 'Import events',
    importHint: '.ndjson, .jsonl or .txt, up to {limit}',
    checking: 'Checking the file… {pct}%',
    reading: 'Reading the file…',
    writing: 'Writing {n} events and rebuilding the views…',
    imported: 'Imported {n} events',
    importFailed: 'The import failed and nothing was changed: {reason}',
    rejected: 'The file was not imported — nothing was changed. Problems found:',
    tooLarge: 'The file is {size}, larger than the import limit of {limit}. Nothing was imported.',
    confirmTitle: 'Replace the log?',
    confirmText: 'Replace the {n} events in this log with {m} events from {file}?',
    confirmNote: 'The current events, snapshots and notifications are removed. Export first if you want to keep them.',
    replace: 'Replace log',
    cancel: 'Cancel',
    cancelled: 'Import cancelled. Nothing was changed.',
    cancelImport: 'Cancel import',
  },
  ko: {
    import: '이벤트 가져오기',
    importHint: '.ndjson, .jsonl 또는 .txt, 최대 {limit}',
    checking: '파일 검사 중… {pct}%',
    reading: '파일을 읽는 중…',
    writing: '이벤트 {n}개를 쓰고 화면을 다시 만드는 중…',
    imported: '이벤트 {n}개를 가져왔습니다',
    importFailed: '가져오기에 실패했으며 아무것도 바뀌지 않았습니다: {reason}',
    rejected: '파일을 가져오지 않았습니다 — 아무것도 바뀌지 않았습니다. 발견된 문제:',
    tooLarge: '파일 크기({size})가 가져오기 한도 {limit}를 넘습니다. 아무것도 가져오지 않았습니다.',
    confirmTitle: '로그를 교체할까요?',
    confirmText: '이 로그의 이벤트 {n}개를 {file} 파일의 이벤트 {m}개로 교체할까요?',
    confirmNote: '현재 이벤트, 스냅샷, 알림이 삭제됩니다. 보관하려면 먼저 내보내세요.',
    replace: '로그 교체',
    cancel: '취소',
    cancelled: '가져오기를 취소했습니다. 아무것도 바뀌지 않았습니다.',
    cancelImport: '가져오기 취소',
  },
});

interface PendingReplace {
  staging: LogStaging;
  fileName: string;
  current: number;
  bookmarks: Bookmark[];
}

/**
 * "Import events": the file is read as a stream, checked line by line and
 * staged beside the log (it may be far larger than memory), then swapped in
 * at once — into a non-empty log only after the user confirms the replace.
 * Cancel while reading, or at the question, and the log stays as it was.
 */
export function ImportSection({ activity }: { activity: DataActivity }) {
  const t = useT(messages);
  const storageText = useStorageFailureText();
  // A storage failure (full quota, cleared data) in the user's language; anything else as the error says it.
  const failureReason = (e: unknown) => {
    const storage = storageFailureOf(e);
    return storage ? storageText(storage) : reasonOf(e);
  };
  const language = useLanguage();
  const desk = useEventDesk();
  const goLive = useDesk((s) => s.goLive);
  const ids = useId();
  const inputId = `${ids}-import`;
  const dialogTitleId = `${ids}-confirm-title`;
  const dialogTextId = `${ids}-confirm-text`;
  const [pending, setPending] = useState<PendingReplace | null>(null);
  const [reading, setReading] = useState<AbortController | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // What an unmount must let go of: a running read and a staged file waiting for the question.
  const held = useRef<{ reading: AbortController | null; pending: PendingReplace | null }>({ reading: null, pending: null });
  useEffect(() => {
    held.current = { reading, pending };
  }, [reading, pending]);
  useEffect(
    () => () => {
      held.current.reading?.abort();
      void held.current.pending?.staging.discard().catch(() => undefined);
    },
    [],
  );

  useEffect(() => {
    if (pending) cancelRef.current?.focus();
  }, [pending]);

  const ask = (p: PendingReplace | null) => {
    setPending(p);
    // The other jobs wait while the question is open.
    activity.hold(p ? 'import-confirm' : null);
  };

  const write = async (staging: LogStaging, replace: boolean, bookmarks: readonly Bookmark[]) => {
    activity.hold('import');
    activity.showProgress({ label: t('writing', { n: staging.count }) });
    try {
      const n = await importStaged(desk, staging, { replace, bookmarks });
      goLive();
      activity.report({ kind: 'status', text: t('imported', { n }) });
    } catch (e) {
      activity.report({ kind: 'failure', text: t('importFailed', { reason: failureReason(e) }) });
    } finally {
      activity.hold(null);
      activity.showProgress(null);
    }
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    // Choosing the same file again must fire change again.
    input.value = '';
    if (!file) return;
    activity.report(null);
    ask(null);
    if (file.size > MAX_IMPORT_BYTES) {
      const reason = t('tooLarge', { size: formatSize(file.size, language), limit: formatSize(MAX_IMPORT_BYTES, language) });
      activity.report({ kind: 'rejection', title: t('rejected'), errors: [{ line: 0, reason }], more: 0 });
      return;
    }
    activity.hold('import');
    activity.showProgress({ label: t('reading') });
    const abort = new AbortController();
    setReading(abort);
    let next: PendingReplace | null = null;
    try {
      const result = await stageImportFile(desk, file, {
        signal: abort.signal,
        onProgress: (done, total) =>
          activity.showProgress({ label: t('checking', { pct: percent(done, total) }), value: done, max: Math.max(1, total) }),
      });
      setReading(null);
      if ('errors' in result) {
        activity.report({ kind: 'rejection', title: t('rejected'), errors: result.errors, more: result.more });
        return;
      }
      const current = await desk.store.headSeq();
      if (current > 0) {
        next = { staging: result.staging, fileName: file.name, current, bookmarks: result.bookmarks };
        return;
      }
      await write(result.staging, false, result.bookmarks);
    } catch (err) {
      if (err instanceof ImportCancelled) activity.report({ kind: 'status', text: t('cancelled') });
      else activity.report({ kind: 'failure', text: t('importFailed', { reason: failureReason(err) }) });
    } finally {
      setReading(null);
      activity.showProgress(null);
      if (next) ask(next);
      else activity.hold(null);
    }
  };

  const confirmReplace = () => {
    const p = pending;
    setPending(null);
    if (p) void write(p.staging, true, p.bookmarks);
    else activity.hold(null);
  };

  const cancelReplace = () => {
    void pending?.staging.discard().catch(() => undefined);
    ask(null);
    activity.report({ kind: 'status', text: t('cancelled') });
  };

  const onDialogKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      cancelReplace();
    }
  };

  // Linked to a sync desk, the desk's history is the history: nothing is imported (see the Sync section).
  const syncLinked = useSyncStatus().phase !== 'off';
  const locked = activity.locked || syncLinked;

  return (
    <>
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
        {reading && (
          <button type="button" className="btn" onClick={() => reading.abort()}>
            {t('cancelImport')}
          </button>
        )}
      </div>

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
          <p id={dialogTextId}>{t('confirmText', { n: pending.current, m: pending.staging.count, file: pending.fileName })}</p>
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
    </>
  );
}
