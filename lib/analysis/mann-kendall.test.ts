import { describe, expect, it } from 'vitest';
import fixture from '@/lib/analysis/fixtures/mann-kendall-monthly.json';
import { mannKendall } from '@/lib/analysis/mann-kendall';

describe('mannKendall on real monthly police counts', () => {
  it.each(fixture.series.map((s) => [s.label, s] as const))('matches the independent implementation for %s', (_label, s) => {
    const r = mannKendall(s.series);
    expect(r.S).toBe(s.S);
    expect(r.varS).toBeCloseTo(s.varS, 9);
    expect(Math.abs(r.z - s.z)).toBeLessThan(1e-12);
    expect(Math.abs(r.p - s.p)).toBeLessThan(1e-12);
  });
});

describe('mannKendall behaviour', () => {
  it('returns z = 0 and p = 1 for a constant series', () => {
    expect(mannKendall([3, 3, 3, 3])).toEqual({ S: 0, varS: 0, z: 0, p: 1 });
  });

  it('reduces the variance for tied values', () => {
    expect(mannKendall([1, 2, 2, 3]).varS).toBeLessThan(mannKendall([1, 2, 3, 4]).varS);
  });
});
