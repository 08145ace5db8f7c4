import { useState } from 'react';
import { exportFileName } from '../../app/ndjson-export';
import type { IntegrityProblem } from '../../app/integrity-problem';
import { useDesk, useEventDesk } from '../../store/use-desk';
import { download } from '../data/download';
import { defineMessages, useStableName, useT } from '../i18n';
import { useDamageReason } from './damage-reason';
import './storage-problem.css';

const messages = defineMessages({
  en: {
    damagedTitle: 'The event log is damaged',
    damaged:
      'Events {from}–{to} could not be read back as they were written ({reason}). The views show the desk as of event {last}, the last intact one. Nothing new is saved until this is fixed.',
    damagedOne:
      'Event {from} could not be read back as it was written ({reason}). The views show the desk as of event {last}, the last intact one. Nothing new is saved until this is fixed.',
    damagedFirst:
      'Events {from}–{to} could not be read back as they were written ({reason}). No intact events come before them. Nothing new is saved until this is fixed.',
    damagedWays:
      'To continue: export the readable part (events 1–{last}), then import that file in the Data panel — it replaces the damaged log. Or import an earlier export, or, with sync, pull the desk again.',
    damagedWaysFirst: 'To continue, import an earlier export in the Data panel, or, with sync, pull the desk again.',
    exportReadable: 'Export readable part',
    exporting: 'Exporting… {done} of {total}',
    exported: 'Saved {file}.',
    exportFailed: 'The export failed: {reason}',
    lostTitle: 'Events are missing from this browser',
    lost: 'This browser last had {expected} events, but only {found} are stored now. The browser may have lost its stored data in a crash, or the data was cleared.',
    lostWays: 'To get them back, import an export of the desk in the Data panel, or, with sync, pull the desk again.',
    keep: 'Continue with what is stored',
    clearedTitle: 'This browser’s data for EventDesk was cleared',
    cleared: 'The {shown} events on screen are no longer stored on this device, and nothing more is saved in this tab.',
    clearedWays: 'Reload the page to start from what is stored now. To get the events back, import an export, or, with sync, pull the desk again.',
    reload: 'Reload',
  },
  ko: {
    damagedTitle: '이벤트 로그가 손상되었습니다',
    damaged:
      '이벤트 {from}–{to}번을 기록된 그대로 읽을 수 없습니다({reason}). 화면은 손상되지 않은 마지막 이벤트인 {last}번 시점의 데스크를 보여 줍니다. 해결될 때까지 새 변경은 저장되지 않습니다.',
    damagedOne:
      '이벤트 {from}번을 기록된 그대로 읽을 수 없습니다({reason}). 화면은 손상되지 않은 마지막 이벤트인 {last}번 시점의 데스크를 보여 줍니다. 해결될 때까지 새 변경은 저장되지 않습니다.',
    damagedFirst:
      '이벤트 {from}–{to}번을 기록된 그대로 읽을 수 없습니다({reason}). 그 앞에 손상되지 않은 이벤트가 없습니다. 해결될 때까지 새 변경은 저장되지 않습니다.',
    damagedWays:
      '계속하려면 읽을 수 있는 부분(이벤트 1–{last}번)을 내보낸 다음, 데이터 패널에서 그 파일을 가져오세요. 손상된 로그를 대체합니다. 또는 이전에 내보낸 파일을 가져오거나, 동기화를 쓰는 경우 데스크를 다시 받아 오세요.',
    damagedWaysFirst: '계속하려면 데이터 패널에서 이전에 내보낸 파일을 가져오거나, 동기화를 쓰는 경우 데스크를 다시 받아 오세요.',
    exportReadable: '읽을 수 있는 부분 내보내기',
    exporting: '내보내는 중… {total}개 중 {done}개',
    exported: '{file} 파일을 저장했습니다.',
    exportFailed: '내보내기에 실패했습니다: {reason}',
    lostTitle: '이 브라우저에서 이벤트가 사라졌습니다',
    lost: '이 브라우저에는 마지막으로 이벤트 {expected}개가 있었지만 지금은 {found}개만 저장되어 있습니다. 브라우저가 비정상 종료로 저장된 데이터를 잃었거나 데이터가 삭제되었을 수 있습니다.',
    lostWays: '되찾으려면 데이터 패널에서 데스크를 내보낸 파일을 가져오거나, 동기화를 쓰는 경우 데스크를 다시 받아 오세요.',
    keep: '저장된 내용으로 계속하기',
    clearedTitle: '이 브라우저의 EventDesk 데이터가 삭제되었습니다',
    cleared: '화면의 이벤트 {shown}개는 더 이상 이 기기에 저장되어 있지 않으며, 이 탭에서는 더 이상 저장되지 않습니다.',
    clearedWays: '페이지를 새로 고쳐 지금 저장된 내용에서 시작하세요. 이벤트를 되찾으려면 내보낸 파일을 가져오거나, 동기화를 쓰는 경우 데스크를 다시 받아 오세요.',
    reload: '새로 고침',
  },
});

/** Announces damaged, lost or cleared storage (role alert) with the ways back. */
export function StorageProblemAlert() {
  const problem = useDesk((s) => s.problem);
  if (!problem) return null;
  return (
    <section className="storage-problem" role="alert" aria-labelledby="storage-problem-title">
      {problem.kind === 'damaged' ? <Damaged problem={problem} /> : problem.kind === 'lost' ? <Lost problem={problem} /> : <Cleared problem={problem} />}
    </section>
  );
}

function Damaged({ problem }: { problem: Extract<IntegrityProblem, { kind: 'damaged' }> }) {
  const t = useT(messages);
  const name = useStableName();
  const desk = useEventDesk();
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const damageReason = useDamageReason();
  const last = problem.from - 1;
  const params = { from: problem.from, to: problem.to, reason: damageReason(problem.reason), last };

  const onExport = async () => {
    setBusy(true);
    try {
      const blob = await desk.exportReadable((done, total) => setStatus(t('exporting', { done, total })));
      const file = exportFileName();
      download(blob, file);
      setStatus(t('exported', { file }));
    } catch (e) {
      setStatus(t('exportFailed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h2 id="storage-problem-title">{t('damagedTitle')}</h2>
      <p>{last === 0 ? t('damagedFirst', params) : problem.from === problem.to ? t('damagedOne', params) : t('damaged', params)}</p>
      <p>{last > 0 ? t('damagedWays', params) : t('damagedWaysFirst')}</p>
      {last > 0 && (
        <div className="storage-problem-actions">
          <button type="button" className="btn btn-primary" disabled={busy} aria-label={name('Export readable part', t('exportReadable'))} onClick={() => void onExport()}>
            {t('exportReadable')}
          </button>
          {status && <output aria-live="polite">{status}</output>}
        </div>
      )}
    </>
  );
}

function Lost({ problem }: { problem: Extract<IntegrityProblem, { kind: 'lost' }> }) {
  const t = useT(messages);
  const name = useStableName();
  const dismissLoss = useDesk((s) => s.dismissLoss);
  return (
    <>
      <h2 id="storage-problem-title">{t('lostTitle')}</h2>
      <p>{t('lost', { expected: problem.expected, found: problem.found })}</p>
      <p>{t('lostWays')}</p>
      <div className="storage-problem-actions">
        <button type="button" className="btn" aria-label={name('Continue with what is stored', t('keep'))} onClick={dismissLoss}>
          {t('keep')}
        </button>
      </div>
    </>
  );
}

function Cleared({ problem }: { problem: Extract<IntegrityProblem, { kind: 'cleared' }> }) {
  const t = useT(messages);
  const name = useStableName();
  return (
    <>
      <h2 id="storage-problem-title">{t('clearedTitle')}</h2>
      <p>{t('cleared', { shown: problem.shown })}</p>
      <p>{t('clearedWays')}</p>
      <div className="storage-problem-actions">
        <button type="button" className="btn btn-primary" aria-label={name('Reload', t('reload'))} onClick={() => location.reload()}>
          {t('reload')}
        </button>
      </div>
    </>
  );
}
