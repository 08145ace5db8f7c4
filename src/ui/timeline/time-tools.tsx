import { useDesk } from '../../store/use-desk';
import { defineMessages, useStableName, useT } from '../i18n';

const messages = defineMessages({
  en: {
    compare: 'Compare from here',
  },
  ko: {
    compare: '여기부터 비교',
  },
});

/** Tools for the position on the slider: compare from here. */
export function TimeTools() {
  const t = useT(messages);
  const name = useStableName();
  const head = useDesk((s) => s.head);
  const startCompare = useDesk((s) => s.startCompare);
  return (
    <div className="time-tools">
      <button type="button" className="btn btn-small" aria-label={name('Compare from here', t('compare'))} disabled={head === 0} onClick={startCompare}>
        {t('compare')}
      </button>
    </div>
  );
}
