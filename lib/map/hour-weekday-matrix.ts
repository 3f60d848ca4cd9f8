// Shapes the hour × weekday counts (computed in SQL in Stockholm time) into a full 7 × 24 grid, and
// the monthly counts into a continuous series for the sparkline. Pure: no clock, no zone.

import { getAoristicWeights } from '@/lib/analysis/aoristic-weights';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const HOURS = Array.from({ length: 24 }, (_, h) => h);

export interface HourWeekdayCount {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
  count: number;
}

export interface HourWeekdayMatrix {
  /** cells[weekday - 1][hour]. */
  cells: number[][];
  rowTotals: number[];
  columnTotals: number[];
  total: number;
  max: number;
}

export function buildHourWeekdayMatrix(rows: readonly HourWeekdayCount[]): HourWeekdayMatrix {
  const cells = WEEKDAYS.map(() => HOURS.map(() => 0));
  for (const r of rows) {
    if (r.weekday < 1 || r.weekday > 7 || r.hour < 0 || r.hour > 23) throw new RangeError(`No cell for weekday ${r.weekday}, hour ${r.hour}`);
    cells[r.weekday - 1][r.hour] += r.count;
  }
  const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = HOURS.map((h) => cells.reduce((a, row) => a + row[h], 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const max = Math.max(0, ...cells.flat());
  return { cells, rowTotals, columnTotals, total, max };
}

/** Shade step 0–5 of a count for the heat table (0 only for an empty cell). */
export function shadeStep(count: number, max: number, steps = 5): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.max(1, Math.ceil((count / max) * steps));
}

export interface MonthCount {
  month: string;
  count: number;
}

/** Every month from `from` to `to` ('YYYY-MM' or dates), months without rows as 0. */
export function fillMonths(rows: readonly MonthCount[], from: string, to: string): MonthCount[] {
  const byMonth = new Map(rows.map((r) => [r.month, r.count]));
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  const out: MonthCount[] = [];
  while ((y < endY || (y === endY && m <= endM)) && out.length < 600) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ month: key, count: byMonth.get(key) ?? 0 });
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/**
 * Incidents known only within a time window, spread aoristically over the (ISO weekday, hour) cells
 * (Ratcliffe & McCullagh 1998, lib/analysis getAoristicWeights): each adds one unit in total. Under a
 * weekday or hour filter the unit is spread over the selected cells its window overlaps only, so the
 * matrix still sums to the number of incidents the filter kept (as the points show). Counts become
 * fractional.
 */
export function aoristicHourWeekdayCounts(
  windows: readonly { fromMs: number; toMs: number }[],
  filter: { weekdays?: readonly number[]; hours?: readonly number[] } = {},
  weightsOf: (fromMs: number, toMs: number) => { hourByWeekday: Float64Array } = getAoristicWeights,
): HourWeekdayCount[] {
  const keep = (weekday: number, hour: number) => (!filter.weekdays || filter.weekdays.includes(weekday)) && (!filter.hours || filter.hours.includes(hour));
  const sums = new Float64Array(168);
  for (const w of windows) {
    const weights = weightsOf(w.fromMs, w.toMs).hourByWeekday;
    let kept = 0;
    for (let i = 0; i < 168; i++) if (weights[i] > 0 && keep(Math.floor(i / 24) + 1, i % 24)) kept += weights[i];
    if (kept <= 0) continue;
    for (let i = 0; i < 168; i++) if (weights[i] > 0 && keep(Math.floor(i / 24) + 1, i % 24)) sums[i] += weights[i] / kept;
  }
  const out: HourWeekdayCount[] = [];
  for (let i = 0; i < 168; i++) if (sums[i] > 0) out.push({ weekday: Math.floor(i / 24) + 1, hour: i % 24, count: sums[i] });
  return out;
}
