/**
 * What a user typed into a whole-number field, judged as they type. The raw
 * text is checked (not Number(raw)): "1e3" is not silently 1,000, a 21-digit
 * number is not rounded, and a value the browser could not read (a number
 * input holding "1e309" reports badInput with an empty value) is said.
 */
export type WholeNumberCheck =
  | { ok: true; value: number }
  | { ok: false; problem: 'empty' | 'unreadable' | 'notWhole' | 'tooSmall' | 'tooLarge' };

export function checkWholeNumber(raw: string, min: number, max: number, badInput = false): WholeNumberCheck {
  const text = raw.trim();
  if (badInput) return { ok: false, problem: 'unreadable' };
  if (text === '') return { ok: false, problem: 'empty' };
  if (/^-\d+(\.\d+)?$/.test(text) || text === '-0') return { ok: false, problem: 'tooSmall' };
  if (!/^\d+$/.test(text)) return { ok: false, problem: 'notWhole' };
  const digits = text.replace(/^0+(?=\d)/, '');
  // Longer than max's digits is too large without turning it into a (rounded) number.
  if (digits.length > String(max).length) return { ok: false, problem: 'tooLarge' };
  const value = Number(digits);
  if (value > max) return { ok: false, problem: 'tooLarge' };
  if (value < min) return { ok: false, problem: 'tooSmall' };
  return { ok: true, value };
}
