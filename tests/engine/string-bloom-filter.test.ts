import { describe, expect, it } from 'vitest';
import { StringBloomFilter } from '../../src/engine/string-bloom-filter';

const uuid = (n: number) => `${n.toString(36)}-${Math.imul(n, 0x9e3779b1).toString(16)}-c0ffee`;

describe('StringBloomFilter', () => {
  it('never says "not added" for a string that was added (the import would let a repeated command through)', () => {
    const filter = new StringBloomFilter(16);
    for (let i = 0; i < 20_000; i++) filter.add(uuid(i));
    const missed = Array.from({ length: 20_000 }, (_, i) => uuid(i)).filter((id) => !filter.mayHave(id));
    expect(missed).toEqual([]);
  });

  it('says "maybe" for few strings never added, so few ids are looked up in IndexedDB', () => {
    const filter = new StringBloomFilter(20); // 1 Mbit
    for (let i = 0; i < 100_000; i++) filter.add(uuid(i));
    let maybe = 0;
    for (let i = 100_000; i < 200_000; i++) if (filter.mayHave(uuid(i))) maybe++;
    // Theory for 100k strings in 2^20 bits with 4 probes: (1 - e^(-0.38))^4 ≈ 1.2%.
    expect(maybe / 100_000).toBeLessThan(0.03);
    expect(new StringBloomFilter(20).mayHave(uuid(1))).toBe(false);
  });
});
