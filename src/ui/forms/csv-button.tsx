import { download } from '../data/download';
import { useStableName } from '../i18n';

export interface CsvButtonProps {
  /** Visible text, in the user's language. */
  label: string;
  /** The accessible name in English (it contains the visible text in Korean, see useStableName). */
  english: string;
  /** Builds the file when clicked: from what is on display at that moment. */
  build(): { text: string; fileName: string };
}

/** Downloads a CSV of what a view shows at the slider's position. */
export function CsvButton({ label, english, build }: CsvButtonProps) {
  const name = useStableName();
  return (
    <button
      type="button"
      className="btn btn-small"
      aria-label={name(english, label)}
      onClick={() => {
        const { text, fileName } = build();
        download(new Blob([text], { type: 'text/csv;charset=utf-8' }), fileName);
      }}
    >
      {label}
    </button>
  );
}
