import type { Language } from '../../store/language';
import { numberFormat } from '../i18n';

/** Bytes in binary units (1 KB = 1024 B), digits for the language: "2 MB", "1.5 GB". */
export function formatSize(bytes: number, language: Language): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : value < 10 ? 2 : 1;
  const text = numberFormat(language, { maximumFractionDigits: digits }).format(value);
  return `${text} ${units[unit]}`;
}

export function percent(done: number, total: number): number {
  return total > 0 ? Math.floor((done / total) * 100) : 100;
}

export function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
