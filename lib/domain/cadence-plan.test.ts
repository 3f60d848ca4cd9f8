import { describe, expect, it } from 'vitest';
import { planYear } from './cadence-plan';

describe('planYear', () => {
  it('spreads nine analysis meetings over the working months and never plans July', () => {
    const plan = planYear(2026, { analysis_meetings_per_year: 9, follow_up_quarters: [] });
    expect(plan).toHaveLength(9);
    expect(plan.every((m) => m.month !== 7)).toBe(true);
    expect(new Set(plan.map((m) => m.month)).size).toBe(9);
  });

  it('holds each quarter’s follow-up the month after it, Q2 in August and Q4 in the next January', () => {
    const plan = planYear(2026, { analysis_meetings_per_year: 1, follow_up_quarters: [1, 2, 3, 4] }).filter((m) => m.kind === 'follow_up');
    expect(plan.map((m) => [m.month, m.quarter])).toEqual([
      [1, '2025-Q4'],
      [4, '2026-Q1'],
      [8, '2026-Q2'],
      [10, '2026-Q3'],
    ]);
  });

  it('plans weekly-reporting municipalities’ three analyses a year apart', () => {
    expect(planYear(2026, { analysis_meetings_per_year: 3, follow_up_quarters: [] }).map((m) => m.month)).toEqual([2, 6, 11]);
  });
});
