import { defineMessages, useT } from '../i18n';
import './not-synced-mark.css';

const messages = defineMessages({
  en: { mark: 'not yet synced', title: 'Made on this device; the desk has not confirmed it yet. It may still move or be refused after syncing.' },
  ko: { mark: '아직 동기화 안 됨', title: '이 기기에서 만든 변경으로, 데스크가 아직 확인하지 않았습니다. 동기화 후 위치가 바뀌거나 거부될 수 있습니다.' },
});

/** Beside an event (event log, passbook) the desk has not confirmed yet: it may still move or be refused. */
export function NotSyncedMark() {
  const t = useT(messages);
  return (
    <span className="not-synced-mark" title={t('title')}>
      {t('mark')}
    </span>
  );
}
