import { describe, expect, it } from 'vitest';
import { getAoristicWeights, getStockholmHourWeekday } from '@/lib/analysis/aoristic-weights';

const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

describe('getAoristicWeights', () => {
  it('makes hour, weekday and hour × weekday weights each sum to 1', () => {
    const w = getAoristicWeights(Date.parse('2025-03-07T16:20:00Z'), Date.parse('2025-03-10T05:45:00Z'));
    expect([sum(w.hour), sum(w.weekday), sum(w.hourByWeekday)].map((v) => Math.abs(v - 1) < 1e-12)).toEqual([true, true, true]);
  });

  it('sums to 1 over the spring DST change in Stockholm', () => {
    const w = getAoristicWeights(Date.parse('2025-03-29T22:00:00Z'), Date.parse('2025-03-30T04:00:00Z'));
    expect(Math.abs(sum(w.hour) - 1)).toBeLessThan(1e-12);
    // 23:00–06:00 local with 02:00 skipped: six real hours, none in the missing 02 bin.
    expect(w.hour[2]).toBe(0);
    expect(w.hour[3]).toBeCloseTo(1 / 6, 12);
  });

  it('gives the repeated autumn hour double weight', () => {
    const w = getAoristicWeights(Date.parse('2025-10-25T23:00:00Z'), Date.parse('2025-10-26T03:00:00Z'));
    expect(w.hour[2]).toBeCloseTo(0.5, 12);
    expect(Math.abs(sum(w.hour) - 1)).toBeLessThan(1e-12);
  });

  it('splits by overlap within an hour', () => {
    const w = getAoristicWeights(Date.parse('2025-06-02T10:30:00Z'), Date.parse('2025-06-02T11:30:00Z'));
    expect([w.hour[12], w.hour[13]]).toEqual([0.5, 0.5]);
  });

  it('puts an instant entirely in its local hour and weekday', () => {
    const w = getAoristicWeights(Date.parse('2025-01-05T23:30:00Z'), Date.parse('2025-01-05T23:30:00Z'));
    expect([w.hour[0], w.weekday[0]]).toEqual([1, 1]);
  });

  it('spreads a window of several weeks and still sums to 1', () => {
    const w = getAoristicWeights(Date.parse('2025-01-01T00:00:00Z'), Date.parse('2025-02-20T07:13:00Z'));
    expect(Math.abs(sum(w.hourByWeekday) - 1)).toBeLessThan(1e-12);
  });
});

describe('getStockholmHourWeekday', () => {
  it('reads local summer time', () => {
    expect(getStockholmHourWeekday(Date.parse('2025-07-14T22:15:00Z'))).toEqual({ hour: 0, weekday: 1 });
  });
});
