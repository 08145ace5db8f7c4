import { defineMessages } from '../i18n';

/** What a form field says about its limits and about what was typed, in both languages. */
export const fieldMessages = defineMessages({
  en: {
    range: 'Whole number, {min} to {max}',
    unreadable: 'This is not a number the form can read. Type digits only, {min} to {max}.',
    notWhole: 'Type a whole number in digits only (no decimals, commas or “e”), {min} to {max}.',
    tooSmall: 'Must be at least {min}.',
    tooLarge: 'Must be at most {max}.',
    count: '{n} of {max} characters',
    tooLong: 'Too long: {n} characters, at most {max}. Shorten it to send.',
  },
  ko: {
    range: '정수, {min}~{max}',
    unreadable: '읽을 수 없는 숫자입니다. {min}~{max} 사이의 숫자만 입력하세요.',
    notWhole: '소수점, 쉼표, “e” 없이 숫자만 입력하세요 ({min}~{max}).',
    tooSmall: '{min} 이상이어야 합니다.',
    tooLarge: '{max} 이하여야 합니다.',
    count: '{n}/{max}자',
    tooLong: '너무 깁니다: {n}자, 최대 {max}자. 줄여야 보낼 수 있습니다.',
  },
});
