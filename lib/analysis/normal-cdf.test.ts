import { describe, expect, it } from 'vitest';
import fixture from '@/lib/analysis/fixtures/pnorm.json';
import { normalCdfBoth, twoSidedNormalP } from '@/lib/analysis/normal-cdf';

function maxRelErr(got: number[], want: number[]): number {
  return Math.max(...got.map((g, k) => (want[k] === 0 ? Math.abs(g) : Math.abs(g - want[k]) / want[k])));
}

describe('normal distribution function', () => {
  it('matches R pnorm lower tails from −40 to 40 within 1e-14 relative', () => {
    expect(maxRelErr(fixture.z.map((z) => normalCdfBoth(z)[0]), fixture.lower)).toBeLessThan(1e-14);
  });

  it('matches R pnorm upper tails within 1e-14 relative', () => {
    expect(maxRelErr(fixture.z.map((z) => normalCdfBoth(z)[1]), fixture.upper)).toBeLessThan(1e-14);
  });

  it('matches R 2 * pnorm(-abs(z)) within 1e-14 relative', () => {
    expect(maxRelErr(fixture.z.map((z) => twoSidedNormalP(z)), fixture.twoSided)).toBeLessThan(1e-14);
  });
});
