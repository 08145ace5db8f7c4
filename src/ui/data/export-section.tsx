import { exportFileName, exportNdjson } from '../../app/ndjson-export';
import { useDesk, useEventDesk } from '../../store/use-desk';
import { defineMessages, useT } from '../i18n';
import type { DataActivity } from './data-activity';
import { reasonOf } from './format-size';
import { download } from './download';

const messages = defineMessages({
  en: {
    export: 'Export events',
    exporting: 'Exporting… {done} of {total} events',
    exported: 'Exported {n} events to {file}',
    exportFailed: 'The export failed: {reason}',
  },
  ko: {
    export: '이벤트 내보내기',
    exporting: '내보내는 중… 이벤트 {total}개 중 {done}개',
    exported: '이벤트 {n}개를 {file}(으)로 내보냈습니다',
    exportFailed: '내보내기에 실패했습니다: {reason}',
  },
});


/** "Export events": the whole log as an NDJSON download. */
export function ExportSection({ activity }: { activity: DataActivity }) {
  const t = useT(messages);
  const desk = useEventDesk();
  const head = useDesk((s) => s.head);

  const onExport = async () => {
    activity.report(null);
    activity.hold('export');
    try {
      let exported = 0;
      const bookmarks = await desk.bookmarks.list();
      const blob = await exportNdjson(
        desk.store,
        (done, total) => {
          exported = done;
          activity.showProgress({ label: t('exporting', { done, total }), value: done, max: Math.max(1, total) });
        },
        { bookmarks },
      );
      const fileName = exportFileName();
      download(blob, fileName);
      activity.report({ kind: 'status', text: t('exported', { n: exported, file: fileName }) });
    } catch (e) {
      activity.report({ kind: 'failure', text: t('exportFailed', { reason: reasonOf(e) }) });
    } finally {
      activity.hold(null);
      activity.showProgress(null);
    }
  };

  return (
    <button type="button" className="btn" onClick={() => void onExport()} disabled={activity.locked || head === 0}>
      {t('export')}
    </button>
  );
}
