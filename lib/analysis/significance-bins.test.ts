import { describe, expect, it } from 'vitest';
import { getSignificanceBins } from '@/lib/analysis/significance-bins';

describe('getSignificanceBins', () => {
  it('gives ±3, ±2, ±1 for the strictest level passed without correction', () => {
    const bins = getSignificanceBins([3, -2.2, 1.7, 0.5], [0.002, 0.03, 0.09, 0.6], { fdr: false });
    expect(Array.from(bins)).toEqual([3, -2, 1, 0]);
  });

  it('demotes cells that pass only without the false discovery rate correction', () => {
    const p = [0.009, 0.045, 0.5, 0.6, 0.7];
    const z = [2.6, 2.05, 0.6, 0.5, 0.4];
    expect(Array.from(getSignificanceBins(z, p, { fdr: false }))).toEqual([3, 2, 0, 0, 0]);
    expect(Array.from(getSignificanceBins(z, p))).toEqual([2, 0, 0, 0, 0]);
  });
});
