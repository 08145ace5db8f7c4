import { useDesk } from '../../store/use-desk';
import { defineMessages, useT, useStableName } from '../i18n';

const messages = defineMessages({
  en: { revert: 'Revert…', past: 'Go back to live to revert' },
  ko: { revert: '되돌리기…', past: '되돌리려면 실시간으로 돌아가세요' },
});

/** "Revert…" on a revertible row: opens the dialog that offers the compensating command. */
export function RevertButton({ seq, className = 'btn btn-small' }: { seq: number; className?: string }) {
  const t = useT(messages);
  const name = useStableName();
  const live = useDesk((s) => s.live);
  const openRevert = useDesk((s) => s.openRevert);
  return (
    <button
      type="button"
      className={className}
      aria-label={name('Revert…', t('revert'))}
      title={live ? `#${seq}` : t('past')}
      disabled={!live}
      onClick={() => openRevert(seq)}
    >
      {t('revert')}
    </button>
  );
}
