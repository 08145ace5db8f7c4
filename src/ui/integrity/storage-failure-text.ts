import type { StorageFailure } from '../../app/integrity-problem';
import { defineMessages, useT } from '../i18n';

const messages = defineMessages({
  en: {
    quota: 'The browser has no more storage space for EventDesk. Nothing of this change was saved; free some space or export and trim the data.',
    damaged: 'Nothing was saved: the event log is damaged at events {from}–{to}. Export the readable part, then import it to continue.',
    damagedOne: 'Nothing was saved: the event log is damaged at event {from}. Export the readable part, then import it to continue.',
    cleared: 'Nothing was saved: this browser’s data for EventDesk was cleared while the desk was open. Reload the page to start from what is stored.',
  },
  ko: {
    quota: '브라우저에 EventDesk를 위한 저장 공간이 더 없습니다. 이 변경은 하나도 저장되지 않았습니다. 공간을 확보하거나 데이터를 내보낸 뒤 정리하세요.',
    damaged: '저장되지 않았습니다: 이벤트 로그의 {from}–{to}번 이벤트가 손상되었습니다. 읽을 수 있는 부분을 내보낸 다음 가져와서 계속하세요.',
    damagedOne: '저장되지 않았습니다: 이벤트 로그의 {from}번 이벤트가 손상되었습니다. 읽을 수 있는 부분을 내보낸 다음 가져와서 계속하세요.',
    cleared: '저장되지 않았습니다: 데스크가 열려 있는 동안 이 브라우저의 EventDesk 데이터가 삭제되었습니다. 페이지를 새로 고쳐 지금 저장된 내용에서 시작하세요.',
  },
});

/** A storage failure (quota, damaged log, cleared site data) said in the user's language. */
export function useStorageFailureText(): (f: StorageFailure) => string {
  const t = useT(messages);
  return (f) =>
    f.kind === 'quota' ? t('quota') : f.kind === 'cleared' ? t('cleared') : f.from === f.to ? t('damagedOne', { from: f.from }) : t('damaged', { from: f.from, to: f.to });
}
