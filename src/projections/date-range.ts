/** A range of whole local days picked in date inputs ("2026-11-19"); either end may be left open (""). */
export interface DayRange {
  from: string;
  to: string;
}

/** [start, end) in epoch ms: from the start of `from` to the end of `to`, local time. A bad or empty end is open. */
export function dayRangeBounds(range: DayRange): { start: number; end: number } {
  return { start: dayStart(range.from, 0) ?? -Infinity, end: dayStart(range.to, 1) ?? Infinity };
}

function dayStart(day: string, plusDays: number): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays).getTime();
}

export function inDayRange(at: number, bounds: { start: number; end: number }): boolean {
  return at >= bounds.start && at < bounds.end;
}
