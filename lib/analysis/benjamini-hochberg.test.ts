import { describe, expect, it } from 'vitest';
import fixture from '@/lib/analysis/fixtures/bh-sweden-10km.json';
import { benjaminiHochberg } from '@/lib/analysis/benjamini-hochberg';

describe('benjaminiHochberg on Gi* p-values of all Swedish police events (10 km cells)', () => {
  it('adjusts p exactly as R p.adjust(p, "BH") within 1e-12', () => {
    const { adjusted } = benjaminiHochberg(fixture.p, 0.05);
    const err = Math.max(...adjusted.map((a, i) => Math.abs(a - fixture.adjusted[i])));
    expect(err).toBeLessThan(1e-12);
  });

  it.each([
    [0.1, fixture.sig10],
    [0.05, fixture.sig05],
    [0.01, fixture.sig01],
  ])('makes the same decisions as R at q = %s', (q, expected) => {
    expect(benjaminiHochberg(fixture.p, q).significant).toEqual(expected);
  });
});

describe('benjaminiHochberg behaviour', () => {
  it('keeps every p at or below the largest passing order statistic', () => {
    // p_(3) = 0.03 ≤ 3/4 · 0.05 passes, so p_(2) = 0.029 passes too although 0.029 > 2/4 · 0.05.
    expect(benjaminiHochberg([0.001, 0.029, 0.03, 0.9], 0.05).significant).toEqual([true, true, true, false]);
  });

  it('leaves NaN out of the number of tests', () => {
    const r = benjaminiHochberg([0.02, NaN, 0.04], 0.05);
    expect(r.significant).toEqual([true, false, true]);
    expect(Number.isNaN(r.adjusted[1])).toBe(true);
  });
});
