import { describe, expect, it } from 'vitest';
import { RowLayout } from '../../src/ui/event-log/row-layout';

/** The same layout summed row by row: what RowLayout must agree with. */
function naiveStarts(count: number, rowPx: number, extra: Map<number, number>): number[] {
  const starts: number[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    starts.push(at);
    at += rowPx + (extra.get(i) ?? 0);
  }
  starts.push(at);
  return starts;
}

describe('RowLayout', () => {
  it('places fixed rows and the few taller ones exactly where summing every row would', () => {
    const extra = new Map([
      [0, 28],
      [5, 56],
      [6, 28],
      [99, 28],
      [150, 28], // beyond the list: ignored
    ]);
    const layout = new RowLayout(100, 28, extra);
    const starts = naiveStarts(100, 28, new Map([...extra].filter(([i]) => i < 100)));
    for (let i = 0; i < 100; i++) {
      expect(layout.start(i)).toBe(starts[i]);
      expect(layout.size(i)).toBe(starts[i + 1] - starts[i]);
    }
    expect(layout.totalPx).toBe(starts[100]);
  });

  it('finds the row at an offset, inside tall rows too, clamped to the list', () => {
    const layout = new RowLayout(10, 20, new Map([[3, 40]]));
    expect(layout.indexAt(-5)).toBe(0);
    expect(layout.indexAt(0)).toBe(0);
    expect(layout.indexAt(59)).toBe(2);
    expect(layout.indexAt(60)).toBe(3);
    expect(layout.indexAt(99)).toBe(3); // row 3 spans 60–120
    expect(layout.indexAt(120)).toBe(4);
    expect(layout.indexAt(10_000)).toBe(9);
    expect(new RowLayout(0, 20).indexAt(0)).toBe(-1);
  });

  it('a million rows: offsets agree with the row-by-row sum, with no per-row work', () => {
    const extra = new Map([
      [10, 28],
      [500_000, 84],
      [999_999, 28],
    ]);
    const layout = new RowLayout(1_000_000, 28, extra);
    const starts = naiveStarts(1_000_000, 28, extra);
    for (const i of [0, 11, 499_999, 500_000, 500_001, 999_999]) {
      expect(layout.start(i)).toBe(starts[i]);
      expect(layout.indexAt(starts[i])).toBe(i);
      expect(layout.indexAt(starts[i + 1] - 1)).toBe(i);
    }
    expect(layout.totalPx).toBe(starts[1_000_000]);
  });
});
