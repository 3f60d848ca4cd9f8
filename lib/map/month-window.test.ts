import { describe, expect, it } from 'vitest';
import { hourRange, hourRangeOf, monthPeriod, monthsBetween } from './month-window';

describe('time slider months', () => {
  it('lists the months of a period across a year end', () => {
    expect(monthsBetween('2025-11-20', '2026-01-03')).toEqual(['2025-11', '2025-12', '2026-01']);
  });
  it('a month runs from its first to its last day, leap February included', () => {
    expect(monthPeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthPeriod('2025-12')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });
});

describe('hour range', () => {
  it('wraps past midnight and reads back as the same range', () => {
    expect(hourRange(22, 2)).toEqual([0, 1, 2, 22, 23]);
    expect(hourRangeOf([0, 1, 2, 22, 23])).toEqual({ start: 22, end: 2 });
    expect(hourRangeOf(hourRange(8, 17))).toEqual({ start: 8, end: 17 });
  });
  it('two separate runs or all day have no single range', () => {
    expect(hourRangeOf([1, 2, 5])).toBeNull();
    expect(hourRangeOf(undefined)).toBeNull();
  });
});
