import { dayRangeBounds, inDayRange, type DayRange } from './date-range';
import type { PassbookLine, PassbookLineKind } from './passbook';

/** Which passbook lines to show: one kind (charges, payments, refunds, reversals) and a day range. */
export interface PassbookFilter extends DayRange {
  kind: '' | PassbookLineKind;
}

export const NO_PASSBOOK_FILTER: PassbookFilter = { kind: '', from: '', to: '' };

export function isPassbookFilterSet(f: PassbookFilter): boolean {
  return f.kind !== '' || f.from !== '' || f.to !== '';
}

/** The matching lines, in passbook order; each keeps its running balance (the balance after it, over all lines). */
export function filterPassbook(lines: readonly PassbookLine[], f: PassbookFilter): readonly PassbookLine[] {
  if (!isPassbookFilterSet(f)) return lines;
  const bounds = dayRangeBounds(f);
  return lines.filter((l) => (f.kind === '' || l.kind === f.kind) && inDayRange(l.at, bounds));
}
