import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapshotsToDrop } from '../../src/engine/snapshot-retention';

describe('snapshot retention', () => {
  it('R1 keeps total bytes within budget and always keeps the newest snapshot', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 80 }), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 100_000 }), (seqs, size, budget) => {
        const infos = seqs.map((seq) => ({ seq, bytes: size }));
        const dropped = snapshotsToDrop(infos, budget);
        const kept = infos.filter((i) => !dropped.includes(i.seq));
        const newest = Math.max(...seqs);
        expect(kept.some((k) => k.seq === newest)).toBe(true);
        if (kept.length > 1) expect(kept.length * size).toBeLessThanOrEqual(budget);
      }),
    );
  });

  it('R2 thins evenly: dropping from a dense region first', () => {
    const infos = [10, 20, 30, 31, 32, 33, 100].map((seq) => ({ seq, bytes: 1 }));
    expect(snapshotsToDrop(infos, 5).sort((a, b) => a - b)).toEqual([31, 32]);
  });
});
