import { describe, expect, it } from 'vitest';
import { aoristicHourWeekdayCounts, buildHourWeekdayMatrix, fillMonths, shadeStep } from './hour-weekday-matrix';

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

describe('aoristic windows in the hour × weekday matrix', () => {
  // Monday 2025-06-02 in Stockholm is UTC+2: 22:00 local = 20:00Z.
  const mondayLocal = (h: number) => Date.parse(`2025-06-02T${String(h - 2).padStart(2, '0')}:00:00Z`);

  it('a window of four hours puts a quarter in each hour', () => {
    const rows = aoristicHourWeekdayCounts([{ fromMs: mondayLocal(8), toMs: mondayLocal(12) }], {});
    expect(rows).toEqual([8, 9, 10, 11].map((hour) => ({ weekday: 1, hour, count: 0.25 })));
  });

  it('under an hour filter the unit spreads over the selected hours only, so the matrix sums to the incidents kept', () => {
    const rows = aoristicHourWeekdayCounts([{ fromMs: mondayLocal(8), toMs: mondayLocal(12) }], { hours: [9, 10, 20] });
    expect(rows).toEqual([
      { weekday: 1, hour: 9, count: 0.5 },
      { weekday: 1, hour: 10, count: 0.5 },
    ]);
    const matrix = buildHourWeekdayMatrix(rows);
    expect(matrix.total).toBe(1);
  });

  it('a window outside the filter adds nothing', () => {
    expect(aoristicHourWeekdayCounts([{ fromMs: mondayLocal(8), toMs: mondayLocal(12) }], { weekdays: [6, 7] })).toEqual([]);
  });
});
