import { useCallback, useEffect, useRef, useState } from 'react';
import { requestPersistence, storageInfo, type StorageInfo } from '../../app/storage-info';
import { useDesk, useEventDesk } from '../../store/use-desk';
import { defineMessages, formatNumber, useLanguage, useT } from '../i18n';
import { formatSize } from './format-size';

const messages = defineMessages({
  en: {
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

/** Storage figures refresh at most this often while the log grows. */
const STORAGE_REFRESH_MS = 1_000;

/** What the data costs in storage, and the request to keep it persistent. `busy`: a job (an import) may be changing it. */
export function StorageSection({ busy }: { busy: boolean }) {
  const t = useT(messages);
  const language = useLanguage();
  const desk = useEventDesk();
  const head = useDesk((s) => s.head);
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const [persistNote, setPersistNote] = useState<string | null>(null);

  const refreshStorage = useCallback(() => {
    storageInfo(desk).then(setInfo, () => undefined);
  }, [desk]);

  // On mount and as the log grows (an import replacing it included) — throttled, the executor can append many events a second.
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

  // A finished job (an import replacing the log with one as long) may have changed the figures without moving the head.
  const wasBusy = useRef(busy);
  useEffect(() => {
    if (wasBusy.current && !busy) refreshStorage();
    wasBusy.current = busy;
  }, [busy, refreshStorage]);

  const onPersist = async () => {
    setPersistNote(null);
    const granted = await requestPersistence();
    setPersistNote(granted === true ? t('persistGranted') : granted === false ? t('persistDenied') : t('persistUnsupported'));
    refreshStorage();
  };

  const persisted = info?.persisted;

  return (
    <>
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
    </>
  );
}
