import { describe, expect, it } from 'vitest';
import { checkWholeNumber } from '../../../src/ui/forms/whole-number';

describe('checkWholeNumber', () => {
  const check = (raw: string, bad = false) => checkWholeNumber(raw, 1, 10_000_000, bad);

  it('takes digits within the range as the number they say', () => {
    expect(check('50000')).toEqual({ ok: true, value: 50_000 });
    expect(check(' 007 ')).toEqual({ ok: true, value: 7 });
    expect(check('10000000')).toEqual({ ok: true, value: 10_000_000 });
  });

  it('says 1e3, decimals and commas are not whole numbers in digits (1e3 is not taken as 1,000)', () => {
    for (const raw of ['1e3', '1.5', '1,000', '+5', '0x10']) expect(check(raw)).toEqual({ ok: false, problem: 'notWhole' });
  });

  it('says too large for a 21-digit number without rounding it, and for max + 1', () => {
    expect(check('999999999999999999999')).toEqual({ ok: false, problem: 'tooLarge' });
    expect(check('10000001')).toEqual({ ok: false, problem: 'tooLarge' });
  });

  it('says too small for zero and negative numbers', () => {
    for (const raw of ['0', '-5', '-0', '-1.5']) expect(check(raw)).toEqual({ ok: false, problem: 'tooSmall' });
  });

  it('says unreadable when the browser could not read the input (1e309 in a number field)', () => {
    expect(check('', true)).toEqual({ ok: false, problem: 'unreadable' });
  });

  it('an empty field is empty, not an error to show', () => {
    expect(check('')).toEqual({ ok: false, problem: 'empty' });
  });
});
