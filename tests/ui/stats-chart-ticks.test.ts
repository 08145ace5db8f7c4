import { describe, expect, it } from 'vitest';
import { TICK_GAP, timeTicks, timeTickSpace } from '../../src/ui/stats/stats-chart';

describe('stats chart time axis', () => {
  it('time ticks are written in the language of the desk (uPlot writes English month names)', () => {
    const days = [Date.UTC(2026, 10, 19, 0) / 1000, Date.UTC(2026, 10, 23, 0) / 1000];
    expect(timeTicks('ko', days).join(' ')).toMatch(/11월/);
    expect(timeTicks('en', days).join(' ')).toMatch(/Nov/);
    // Within a day or two the ticks show the hour as well.
    const hours = [Date.UTC(2026, 10, 19, 0) / 1000, Date.UTC(2026, 10, 19, 6) / 1000];
    expect(timeTicks('en', hours)[1]).toMatch(/\d{2}:\d{2}/);
  });

  it('ticks are spaced at least the widest label of the language apart, so Korean dates do not run together', () => {
    // A fixed-width measure: Hangul twice as wide as Latin, as it is drawn.
    const measure = (text: string) => [...text].reduce((w, ch) => w + (/[\u3131-\uD79D]/.test(ch) ? 12 : 7), 0);
    const week = 7 * 86_400;
    const day = 86_400;
    for (const [language, span] of [['ko', week], ['en', week], ['ko', day], ['en', day]] as const) {
      const space = timeTickSpace(language, span, measure);
      const labels = timeTicks(language, [Date.UTC(2026, 11, 28, 14, 58) / 1000, Date.UTC(2026, 11, 28, 14, 58) / 1000 + span]);
      for (const label of labels) expect(space, `${language} ${label}`).toBeGreaterThanOrEqual(measure(label) + TICK_GAP);
    }
    // uPlot's default of 50 px is too little for a Korean date.
    expect(timeTickSpace('ko', week, measure)).toBeGreaterThan(50);
  });
});
