export type Language = 'en' | 'ko';

const KEY = 'eventdesk.language';

/** The saved choice, else the browser's language. */
export function detectLanguage(storage: Storage | undefined): Language {
  const saved = storage?.getItem(KEY);
  if (saved === 'en' || saved === 'ko') return saved;
  const browser = typeof navigator !== 'undefined' ? navigator.language : 'en';
  return browser.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export function saveLanguage(storage: Storage | undefined, language: Language): void {
  storage?.setItem(KEY, language);
}
