import { describe, expect, it } from 'vitest';
import { buildHourWeekdayMatrix, fillMonths, shadeStep } from './hour-weekday-matrix';

describe('hour × weekday matrix', () => {
  it('places counts by ISO weekday and hour and totals rows, columns and all', () => {
    const m = buildHourWeekdayMatrix([
      { weekday: 1, hour: 0, count: 2 },
      { weekday: 7, hour: 23, count: 5 },
      { weekday: 7, hour: 0, count: 1 },
    ]);
    expect(m.cells).toHaveLength(7);
    expect(m.cells.every((r) => r.length === 24)).toBe(true);
    expect(m.cells[0][0]).toBe(2);
    expect(m.cells[6][23]).toBe(5);
    expect(m.rowTotals).toEqual([2, 0, 0, 0, 0, 0, 6]);
    expect(m.columnTotals[0]).toBe(3);
    expect(m.total).toBe(8);
    expect(m.max).toBe(5);
  });

  it('an empty filter is an all-zero grid', () => {
    const m = buildHourWeekdayMatrix([]);
    expect(m.total).toBe(0);
    expect(m.max).toBe(0);
  });

  it('refuses a weekday outside 1–7', () => {
    expect(() => buildHourWeekdayMatrix([{ weekday: 0, hour: 1, count: 1 }])).toThrow(RangeError);
  });

  it('shades only non-empty cells, the largest at the top step', () => {
    expect(shadeStep(0, 10)).toBe(0);
    expect(shadeStep(1, 10)).toBe(1);
    expect(shadeStep(10, 10)).toBe(5);
  });
});

describe('month series', () => {
  it('fills months without incidents with zero, across a year end', () => {
    expect(fillMonths([{ month: '2025-12', count: 3 }], '2025-11-15', '2026-02-01')).toEqual([
      { month: '2025-11', count: 0 },
      { month: '2025-12', count: 3 },
      { month: '2026-01', count: 0 },
      { month: '2026-02', count: 0 },
    ]);
  });
});
