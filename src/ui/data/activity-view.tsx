import type { Feedback, ProgressView } from './data-activity';
import { defineMessages, useT } from '../i18n';

const messages = defineMessages({
  en: {
    line: 'Line {n}',
    more: '…and {n} more',
  },
  ko: {
    line: '{n}번째 줄',
    more: '…외 {n}건',
  },
});

/** The running job's progress and the last job's outcome (errors as an alert, success in a polite status). */
export function ActivityView({ progress, feedback }: { progress: ProgressView | null; feedback: Feedback | null }) {
  const t = useT(messages);
  return (
    <>
      {progress && (
        <div className="data-panel__progress">
          <progress aria-label={progress.label} value={progress.value} max={progress.max} />
          <span aria-live="polite">{progress.label}</span>
        </div>
      )}
      {feedback?.kind === 'rejection' && (
        <div className="data-panel__errors" role="alert">
          <p>{feedback.title}</p>
          <ul>
            {feedback.errors.map((err, i) => (
              <li key={i}>
                {err.line > 0 && <strong>{t('line', { n: err.line })}: </strong>}
                {err.reason}
              </li>
            ))}
          </ul>
          {feedback.more > 0 && <p>{t('more', { n: feedback.more })}</p>}
        </div>
      )}
      {feedback?.kind === 'failure' && (
        <p className="data-panel__errors" role="alert">
          {feedback.text}
        </p>
      )}
      {/* Always present: a live region must exist before its text changes to be announced.
          Named, because the Data panel holds a second status (Sync status). */}
      <p className="data-panel__status" role="status" aria-label="Data activity">
        {feedback?.kind === 'status' ? feedback.text : null}
      </p>
    </>
  );
}
