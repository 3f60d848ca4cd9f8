// Tests of lib/testing/random.ts (kept beside the seed code that depends on it).
import { describe, expect, it } from 'vitest';
import { hashString, Random } from '@/lib/testing/random';

const take = (r: Random, n: number) => Array.from({ length: n }, () => r.nextUint32());

describe('Random', () => {
  it('gives the same sequence for the same seed', () => {
    expect(take(new Random(42), 100)).toEqual(take(new Random(42), 100));
  });

  it('gives unrelated sequences for neighbouring seeds', () => {
    const a = take(new Random(1), 100);
    const b = take(new Random(2), 100);
    expect(a.filter((x, i) => x === b[i])).toHaveLength(0);
  });

  it('keeps forked streams independent of each other and of the order they are drawn in', () => {
    const r1 = new Random(7);
    const r2 = new Random(7);
    const a1 = r1.fork('a');
    const b1 = r1.fork('b');
    const b2 = r2.fork('b');
    take(a1, 10);
    expect(take(b1, 10)).toEqual(take(b2, 10));
    expect(take(new Random(7).fork('a'), 10)).not.toEqual(take(new Random(7).fork('b'), 10));
  });

  it('draws uniform numbers in [0, 1) with mean 1/2', () => {
    const r = new Random(3);
    const xs = Array.from({ length: 100_000 }, () => r.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 2);
  });

  it('draws normal deviates with the requested mean and standard deviation', () => {
    const r = new Random(4);
    const xs = Array.from({ length: 100_000 }, () => r.normal(10, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);
  });

  it('draws Poisson counts whose mean and variance both equal lambda', () => {
    for (const lambda of [0.3, 4, 80]) {
      const r = new Random(5);
      const xs = Array.from({ length: 50_000 }, () => r.poisson(lambda));
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
      expect(Math.abs(mean - lambda) / lambda).toBeLessThan(0.03);
      expect(Math.abs(variance - lambda) / lambda).toBeLessThan(0.06);
    }
  });

  it('chooses weighted items in proportion to their weights and never a zero-weight item', () => {
    const r = new Random(6);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 60_000; i++) counts[r.weighted(['a', 'b', 'c'] as const, [1, 0, 2])]++;
    expect(counts.b).toBe(0);
    expect(counts.c / counts.a).toBeCloseTo(2, 1);
  });

  it('shuffles into a permutation without touching the input', () => {
    const input = Array.from({ length: 50 }, (_, i) => i);
    const out = new Random(8).shuffle(input);
    expect(input).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(out).not.toEqual(input);
    expect([...out].sort((a, b) => a - b)).toEqual(input);
  });

  it('makes well-formed version 4 UUIDs', () => {
    const r = new Random(9);
    for (let i = 0; i < 1000; i++) expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('hashes strings with FNV-1a', () => {
    // Reference values of 32-bit FNV-1a (Fowler/Noll/Vo test vectors).
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });
});
