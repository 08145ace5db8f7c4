import { defineMessages, useT } from '../i18n';

/** The engine's reasons for damage (engine/dexie/log-record-integrity.ts), said in the user's language. */
const messages = defineMessages({
  en: {
    checksum: 'checksum mismatch',
    eventMissing: 'the event is missing',
    eventsMissing: 'events are missing',
    outOfOrder: 'events are out of order',
    segmentEmpty: 'the segment has no content',
    segmentMissing: 'the segment is missing',
    wrongSeq: 'the record holds event {seq}',
    unreadable: 'unreadable',
    schema: 'event {seq} does not have the shape its type requires',
  },
  ko: {
    checksum: '체크섬 불일치',
    eventMissing: '이벤트가 없음',
    eventsMissing: '이벤트 일부가 없음',
    outOfOrder: '이벤트 순서가 어긋남',
    segmentEmpty: '세그먼트에 내용이 없음',
    segmentMissing: '세그먼트가 없음',
    wrongSeq: '기록에 {seq}번 이벤트가 들어 있음',
    unreadable: '읽을 수 없음',
    schema: '이벤트 {seq}번이 해당 유형에 필요한 형식이 아님',
  },
});

const FIXED: Record<string, keyof (typeof messages)['en']> = {
  'checksum mismatch': 'checksum',
  'the event is missing': 'eventMissing',
  'events are missing': 'eventsMissing',
  'events are out of order': 'outOfOrder',
  'the segment has no content': 'segmentEmpty',
  'the segment is missing': 'segmentMissing',
};

/** Translates a LogDamaged reason; a reason not known here is shown as the engine wrote it. */
export function useDamageReason(): (reason: string) => string {
  const t = useT(messages);
  return (reason) => {
    const fixed = FIXED[reason];
    if (fixed) return t(fixed);
    const wrongSeq = /^the record holds seq (\d+)$/.exec(reason);
    if (wrongSeq) return t('wrongSeq', { seq: Number(wrongSeq[1]) });
    const schema = /^event (\d+) fails its schema/.exec(reason);
    if (schema) return t('schema', { seq: Number(schema[1]) });
    if (reason.startsWith('unreadable:')) return t('unreadable');
    return reason;
  };
}
