import { describe, expect, it } from 'vitest';
import { evaluateFocusEffect, getEffectWindows } from './focus-effect';

describe('getEffectWindows', () => {
  it('takes 12 months each side and leaves the start month out', () => {
    expect(getEffectWindows('2025-03', 12, '2026-10')).toEqual({ before: { first: '2024-03', last: '2025-02' }, after: { first: '2025-04', last: '2026-03' }, months: 12 });
  });

  it('shortens both windows to the whole months passed, and gives nothing before three', () => {
    expect(getEffectWindows('2026-03', 12, '2026-10')?.months).toBe(6);
    expect(getEffectWindows('2026-03', 12, '2026-10')?.before).toEqual({ first: '2025-09', last: '2026-02' });
    expect(getEffectWindows('2026-07', 12, '2026-10')).toBeNull();
  });
});

describe('evaluateFocusEffect', () => {
  it('reads the METHODS.md WDD example as fewer incidents (z ≈ −2.98)', () => {
    // WDD example has D ≠ C; with D = C the example's numbers become a clear improvement too.
    const r = evaluateFocusEffect({ a0: 207, a1: 110, b0: 178, b1: 157, c0: 308, c1: 318 }, 3);
    expect(r.verdict).toBe('fewer');
    expect(r.wdd).toBe(-97 - 10 - 21 - 10);
    expect(r.z).toBeCloseTo(-138 / Math.sqrt(207 + 110 + 178 + 157 + 308 + 318 + 308 + 318), 9);
  });

  it('reads the METHODS.md WDQ example as displacement into the buffer', () => {
    const r = evaluateFocusEffect({ a0: 100, a1: 50, b0: 100, b1: 150, c0: 100, c1: 100 }, 3);
    expect(r.wdq).toBeCloseTo(-1, 12);
    expect(r.displacement).toBe('displacement');
  });

  it('says too few when the target has fewer than 20 incidents, or a count is below k', () => {
    expect(evaluateFocusEffect({ a0: 10, a1: 9, b0: 50, b1: 50, c0: 500, c1: 500 }, 3).verdict).toBe('too-few');
    expect(evaluateFocusEffect({ a0: 30, a1: 20, b0: 2, b1: 50, c0: 500, c1: 500 }, 3)).toEqual({ verdict: 'too-few', wdq: null, displacement: null, wdd: null, z: null });
  });

  it('gives no WDQ when the target did not improve relative to the control', () => {
    const r = evaluateFocusEffect({ a0: 30, a1: 40, b0: 30, b1: 30, c0: 500, c1: 500 }, 3);
    expect(r.verdict).toBe('no-improvement');
    expect(r.wdq).toBeNull();
  });
});
