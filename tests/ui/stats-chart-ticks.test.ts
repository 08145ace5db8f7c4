import { describe, expect, it } from 'vitest';
import { timeTicks } from '../../src/ui/stats/stats-chart';

describe('stats chart time axis', () => {
  it('time ticks are written in the language of the desk (uPlot writes English month names)', () => {
    const days = [Date.UTC(2026, 10, 19, 0) / 1000, Date.UTC(2026, 10, 23, 0) / 1000];
    expect(timeTicks('ko', days).join(' ')).toMatch(/11월/);
    expect(timeTicks('en', days).join(' ')).toMatch(/Nov/);
    // Within a day or two the ticks show the hour as well.
    const hours = [Date.UTC(2026, 10, 19, 0) / 1000, Date.UTC(2026, 10, 19, 6) / 1000];
    expect(timeTicks('en', hours)[1]).toMatch(/\d{2}:\d{2}/);
  });
});
