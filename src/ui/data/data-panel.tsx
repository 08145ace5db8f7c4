import { useId } from 'react';
import { defineMessages, useT } from '../i18n';
import { ActivityView } from './activity-view';
import { useDataActivity } from './data-activity';
import { ExportSection } from './export-section';
import { ImportSection } from './import-section';
import { StorageSection } from './storage-section';
import { SyncSection } from './sync-section';
import './data-panel.css';

const messages = defineMessages({
  en: {
    title: 'Data',
    intro: 'Export the whole event log as an NDJSON file, or import one. An import is checked completely before anything is written.',
  },
  ko: {
    title: '데이터',
    intro: '전체 이벤트 로그를 NDJSON 파일로 내보내거나 가져옵니다. 가져오기는 아무것도 쓰기 전에 파일 전체를 검사합니다.',
  },
});

/**
 * The Data panel composes one section per job. Jobs that must not overlap
 * (export, import) share a DataActivity: one lock, one progress line, one
 * outcome. A new section is a component in this folder added here.
 */
export function DataPanel() {
  const t = useT(messages);
  const titleId = `${useId()}-title`;
  const { activity, progress, feedback } = useDataActivity();

  return (
    <section className="data-panel" aria-labelledby={titleId}>
      <div className="panel-head">
        <h2 id={titleId}>{t('title')}</h2>
      </div>
      <p className="muted data-panel__intro">{t('intro')}</p>

      <div className="data-panel__actions">
        <ExportSection activity={activity} />
        <ImportSection activity={activity} />
      </div>

      <ActivityView progress={progress} feedback={feedback} />

      <StorageSection busy={activity.locked} />

      <SyncSection />
    </section>
  );
}
