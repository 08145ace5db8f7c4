import { useDesk } from '../store/use-desk';
import type { Language } from '../store/language';

const LANGUAGES: { id: Language; label: string; lang: string }[] = [
  { id: 'en', label: 'English', lang: 'en' },
  { id: 'ko', label: '한국어', lang: 'ko' },
];

/** English / 한국어. Each choice is named in its own language, so it reads the same in both UIs. */
export function LanguageSwitch() {
  const language = useDesk((s) => s.language);
  const setLanguage = useDesk((s) => s.setLanguage);
  return (
    <div className="segmented" role="group" aria-label="Language">
      {LANGUAGES.map((l) => (
        <button
          key={l.id}
          type="button"
          lang={l.lang}
          aria-pressed={language === l.id}
          onClick={() => setLanguage(l.id)}
        >
          {l.label}
        </button>
      ))}
    </div>
  );
}
