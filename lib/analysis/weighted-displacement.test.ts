import { describe, expect, it } from 'vitest';
import { getWeightedDisplacementDifference, getWeightedDisplacementQuotient } from '@/lib/analysis/weighted-displacement';

describe('weighted displacement', () => {
  it('gives WDQ = −1 for target 100→50, buffer 100→150, control 100→100', () => {
    expect(getWeightedDisplacementQuotient({ a0: 100, a1: 50, b0: 100, b1: 150, c0: 100, c1: 100 })).toEqual({ wdq: -1, readable: true });
  });

  it('marks WDQ unreadable when the target did not improve', () => {
    expect(getWeightedDisplacementQuotient({ a0: 50, a1: 100, b0: 100, b1: 150, c0: 100, c1: 100 }).readable).toBe(false);
  });

  it('gives WDD = −118 with SE √1568 and z ≈ −2.98 for the Wheeler & Ratcliffe example', () => {
    const r = getWeightedDisplacementDifference({ c0: 308, c1: 318, a0: 207, a1: 110, d0: 150, d1: 140, b0: 178, b1: 157 });
    expect(r.wdd).toBe(-118);
    expect(r.se).toBe(Math.sqrt(1568));
    expect(r.z).toBeCloseTo(-2.98, 2);
  });
});
