/** en-US thousands separators without Intl (fast, deterministic in every runtime). */
export function formatNumber(n: number): string {
  const neg = n < 0;
  let s = String(Math.abs(n));
  const dot = s.indexOf('.');
  let frac = '';
  if (dot >= 0) {
    frac = s.slice(dot);
    s = s.slice(0, dot);
  }
  let out = '';
  while (s.length > 3) {
    out = ',' + s.slice(-3) + out;
    s = s.slice(0, -3);
  }
  return (neg ? '-' : '') + s + out + frac;
}
