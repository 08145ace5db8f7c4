import { useCallback } from 'react';
import { useLanguage } from '../i18n';
import type { Language } from '../../store/language';

/**
 * The executor records why a batch failed in English words ("SNS rate limit"); the log keeps them as they
 * were written, and the views say them in the user's language. Reasons not listed here are shown as written.
 */
const REASONS: Record<Language, Record<string, string>> = {
  en: {},
  ko: {
    'SNS rate limit': 'SNS 요청 한도 초과',
    'account checkpoint': '계정 확인 절차',
    timeout: '시간 초과',
    'unknown error': '알 수 없는 오류',
  },
};

export function failureReason(reason: string, language: Language): string {
  return REASONS[language][reason] ?? reason;
}

export function useFailureReason(): (reason: string) => string {
  const language = useLanguage();
  return useCallback((reason: string) => failureReason(reason, language), [language]);
}
