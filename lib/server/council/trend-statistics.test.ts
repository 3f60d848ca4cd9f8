import { describe, expect, it } from 'vitest';
import fixture from './fixtures/qpois.json';
import {
  classifyVariation,
  getNormalVariationBand,
  getPercentChange,
  getRollingMeans,
  getSamePeriodLastYear,
  getSamePeriodYearsBefore,
  poissonQuantile,
} from './trend-statistics';

const exact = (value: number) => ({ value, atLeast: false });

describe('poissonQuantile', () => {
  it('equals R qpois at 2.5 % and 97.5 % (fixture from fixtures/make-qpois.R)', () => {
    for (const q of fixture.quantiles) {
      expect(poissonQuantile(0.025, q.lambda), `qpois(0.025, ${q.lambda})`).toBe(q.q025);
      expect(poissonQuantile(0.975, q.lambda), `qpois(0.975, ${q.lambda})`).toBe(q.q975);
    }
  });

  it('refuses a negative mean', () => {
    expect(() => poissonQuantile(0.5, -1)).toThrow(RangeError);
  });
});

describe('getNormalVariationBand', () => {
  it('equals the R reference band, quasi-Poisson widening included', () => {
    for (const b of fixture.bands) {
      const got = getNormalVariationBand(b.reference);
      expect(got.mean).toBeCloseTo(b.mean, 9);
      expect(got.dispersion).toBeCloseTo(b.dispersion, 9);
      expect(got.lower).toBeCloseTo(b.lower, 9);
      expect(got.upper).toBeCloseTo(b.upper, 9);
    }
  });

  it('is wider when the reference years vary more than Poisson allows', () => {
    const calm = getNormalVariationBand([40, 40, 40]);
    const wild = getNormalVariationBand([20, 40, 60]);
    expect(wild.upper - wild.lower).toBeGreaterThan(calm.upper - calm.lower);
  });
});

describe('classifyVariation', () => {
  const ref = [exact(10), exact(12), exact(11)];

  it('calls a planted spike unusually high and a count inside the band normal', () => {
    expect(classifyVariation(exact(30), ref).verdict).toBe('high');
    expect(classifyVariation(exact(12), ref).verdict).toBe('normal');
    expect(classifyVariation(exact(2), ref).verdict).toBe('low');
  });

  it('says nothing when a figure is suppressed or a lower bound, or a reference year is missing', () => {
    expect(classifyVariation({ value: null, atLeast: false }, ref).verdict).toBe('unknown');
    expect(classifyVariation({ value: 30, atLeast: true }, ref).verdict).toBe('unknown');
    expect(classifyVariation(exact(30), [exact(10), { value: 9, atLeast: true }, exact(11)]).verdict).toBe('unknown');
    expect(classifyVariation(exact(30), [exact(10), exact(11)]).verdict).toBe('unknown');
  });
});

describe('getPercentChange', () => {
  it('gives the per-cent change when both counts are at least 20', () => {
    expect(getPercentChange(exact(20), exact(25))).toBe(25);
    expect(getPercentChange(exact(40), exact(30))).toBe(-25);
  });

  it('gives nothing when either count is below 20 or not exact', () => {
    expect(getPercentChange(exact(19), exact(40))).toBeNull();
    expect(getPercentChange(exact(40), exact(19))).toBeNull();
    expect(getPercentChange({ value: 40, atLeast: true }, exact(40))).toBeNull();
    expect(getPercentChange({ value: null, atLeast: false }, exact(40))).toBeNull();
  });
});

describe('getRollingMeans', () => {
  it('averages a full trailing window of exact figures and nothing else', () => {
    const s = [exact(3), exact(6), exact(9), { value: 4, atLeast: true }, exact(1), exact(2), exact(3)];
    expect(getRollingMeans(s, 3)).toEqual([null, null, 6, null, null, null, 2]);
  });
});

describe('same period last year', () => {
  it('steps quarters and months back by whole years', () => {
    expect(getSamePeriodLastYear('2026-Q3')).toBe('2025-Q3');
    expect(getSamePeriodLastYear('2026-01')).toBe('2025-01');
    expect(getSamePeriodYearsBefore('2026-Q1', 3)).toBe('2023-Q1');
    expect(() => getSamePeriodLastYear('2026-13-01')).toThrow(RangeError);
  });
});
