import { useCallback } from 'react';
import { useDesk } from '../store/use-desk';
import type { Language } from '../store/language';

/**
 * Each component declares its own messages in both languages, next to the
 * markup that uses them: `const t = useT(messages)`. `{name}` placeholders
 * are filled from params; numbers are formatted for the language.
 */
export type Messages<K extends string> = Record<Language, Record<K, string>>;

export function defineMessages<K extends string>(messages: Messages<K>): Messages<K> {
  return messages;
}

export function format(template: string, params: Record<string, string | number> = {}, language: Language = 'en'): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) return `{${name}}`;
    return typeof v === 'number' ? formatNumber(v, language) : v;
  });
}

// Intl formatters are costly to build (toLocaleString builds one per call); scrubbing formats thousands of cells.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function locale(language: Language): string {
  return language === 'ko' ? 'ko-KR' : 'en-US';
}

export function numberFormat(language: Language, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n|${language}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale(language), options)));
  return f;
}

export function dateFormat(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${language}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale(language), options)));
  return f;
}

const TIME_OPTIONS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
};

export function formatNumber(n: number, language: Language = 'en'): string {
  return numberFormat(language).format(n);
}

export function formatTime(at: number, language: Language = 'en'): string {
  return dateFormat(language, TIME_OPTIONS).format(at);
}

export function useLanguage(): Language {
  return useDesk((s) => s.language);
}

export function useT<K extends string>(messages: Messages<K>): (key: K, params?: Record<string, string | number>) => string {
  const language = useLanguage();
  return useCallback((key: K, params?: Record<string, string | number>) => format(messages[language][key], params, language), [language, messages]);
}

/**
 * Accessible names stay in English (a stable contract for tests and assistive
 * technology), but must contain the visible text (WCAG 2.5.3, label in name):
 * in Korean a control is named "주문하기 · Place order".
 */
export function useStableName(): (english: string, visible: string) => string {
  const language = useLanguage();
  return useCallback((english: string, visible: string) => (language === 'en' || visible === english ? english : `${visible} · ${english}`), [language]);
}
