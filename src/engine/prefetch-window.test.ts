import { describe, expect, it } from 'vitest';
import { MAX_PREFETCH_EVENTS, PREFETCH_EVENTS, prefetchWindow } from './prefetch-window';

describe('prefetch follows the drag', () => {
  it('a first seek or a seek in place prefetches both sides', () => {
    expect(prefetchWindow(50_000, undefined)).toEqual([50_000 - PREFETCH_EVENTS, 50_000 + PREFETCH_EVENTS]);
    expect(prefetchWindow(50_000, 50_000)).toEqual([50_000 - PREFETCH_EVENTS, 50_000 + PREFETCH_EVENTS]);
  });

  it('a drag forward reads ahead of it, further the faster it moves, up to the cap', () => {
    const [from, to] = prefetchWindow(50_000, 49_000);
    expect(from).toBeGreaterThan(50_000 - PREFETCH_EVENTS);
    expect(to).toBe(50_000 + 3_000);
    expect(prefetchWindow(50_000, 49_900)[1]).toBe(50_000 + PREFETCH_EVENTS);
    expect(prefetchWindow(500_000, 400_000)[1]).toBe(500_000 + MAX_PREFETCH_EVENTS);
  });

  it('a drag backward reads behind it', () => {
    const [from, to] = prefetchWindow(50_000, 51_000);
    expect(from).toBe(50_000 - 3_000);
    expect(to).toBeLessThan(50_000 + PREFETCH_EVENTS);
  });
});
