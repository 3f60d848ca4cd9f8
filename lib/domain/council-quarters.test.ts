import { describe, expect, it } from 'vitest';
import { localDate, reportingQuarter, shiftQuarter } from './council-quarters';

describe('council quarters', () => {
  it('shifts quarters across year ends both ways', () => {
    expect(shiftQuarter('2026-Q1', -1)).toBe('2025-Q4');
    expect(shiftQuarter('2025-Q4', 1)).toBe('2026-Q1');
    expect(shiftQuarter('2026-Q3', -8)).toBe('2024-Q3');
  });

  it('reports the last closed quarter, by the Stockholm calendar', () => {
    // 23:30 UTC on 31 March is already 1 April in Stockholm (CEST): Q1 has closed.
    expect(reportingQuarter(new Date('2026-03-31T22:30:00Z'))).toBe('2026-Q1');
    expect(reportingQuarter(new Date('2026-03-31T21:30:00Z'))).toBe('2025-Q4');
  });

  it('gives the local date in Stockholm, not UTC', () => {
    expect(localDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('refuses what is not a quarter', () => {
    expect(() => shiftQuarter('2026-Q5', 1)).toThrow(/Not a quarter/);
  });
});
