// Council-precision trend figures from the disclosure core's primary suppression (lib/privacy): two
// kinds of base cells, both suppressed below k incidents or k distinct locations —
//   district × publication group × quarter (the cells a council publication of the quarter freezes),
//   municipality × publication group × month;
// everything else (area over all groups, municipality per quarter, all groups per month) is a sum of
// published base cells, "minst X" when parts are suppressed (DESIGN.md §8: no total includes a
// suppressed cell).
//
// The two kinds overlap: the three months of a quarter and the districts of that quarter sum to the
// same municipality total. Were all three months published, the one suppressed district would be that
// total minus the published districts; were every district published, the one suppressed month would be
// pinned the same way. Secondary suppression withholds the smallest published months until neither
// can happen (a test checks it with the disclosure audit's linear programs). Pure.
import type { CategoryGroup } from '@/lib/domain/categories';
import { suppressCell } from '@/lib/privacy/suppress-cell';
import { sumPublishedCells } from '@/lib/privacy/sum-published-cells';
import type { CouncilFigure } from './trend-statistics';

export const ALL = 'all' as const;
export const MUNICIPALITY = 'all' as const;

export interface DistrictQuarterCell {
  districtId: string;
  quarter: string;
  group: CategoryGroup;
  count: number;
  distinctLocations: number;
}

export interface MunicipalityMonthCell {
  /** 'YYYY-MM' */
  month: string;
  group: CategoryGroup;
  count: number;
  distinctLocations: number;
}

export interface TrendFigure extends CouncilFigure {
  /** District id, or 'all' for the municipality. */
  area: string;
  group: CategoryGroup | typeof ALL;
  /** 'YYYY-Qn' or 'YYYY-MM' */
  period: string;
  /** Why a base cell is withheld: primary (below k) or secondary (would pin another cell). */
  suppression: 'primary' | 'secondary' | null;
}

/** 'YYYY-MM' → 'YYYY-Qn' */
export function quarterOfMonth(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The three months of a quarter, 'YYYY-MM'. */
export function monthsOfQuarter(quarter: string): string[] {
  const y = quarter.slice(0, 4);
  const first = (Number(quarter.slice(6)) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${y}-${String(first + i).padStart(2, '0')}`);
}

interface Base {
  count: number;
  value: number | null;
  suppression: 'primary' | 'secondary' | null;
}

function leaks(districts: readonly Base[], months: readonly Base[]): boolean {
  const sD = districts.filter((d) => d.value === null).length;
  const sM = months.filter((m) => m.value === null).length;
  if (months.length < 3) return false; // an incomplete quarter: its month sum is no municipality total
  const total = districts.reduce((a, d) => a + d.count, 0);
  const rD = total - districts.reduce((a, d) => a + (d.value ?? 0), 0);
  const rM = total - months.reduce((a, m) => a + (m.value ?? 0), 0);
  // Months all published → the municipality total is known, and with it the sum of suppressed districts.
  if (sM === 0 && (sD === 1 || (sD >= 1 && rD === 0))) return true;
  // Districts all published → the same total, and with it the sum of suppressed months.
  if (sD === 0 && (sM === 1 || (sM >= 1 && rM === 0))) return true;
  return false;
}

/**
 * Suppresses the base cells at k, applies secondary suppression to months, and returns every figure:
 * district quarters per group and over all groups, municipality quarters and months per group and over
 * all groups. `districtIds` and `groups` list the full geography (zero cells included).
 */
export function buildCouncilTrendFigures(input: {
  k: number;
  districtIds: readonly string[];
  groups: readonly CategoryGroup[];
  quarters: readonly string[];
  months: readonly string[];
  districtCells: readonly DistrictQuarterCell[];
  monthCells: readonly MunicipalityMonthCell[];
}): TrendFigure[] {
  const { k } = input;
  const dKey = (d: string, q: string, g: string) => `${d}|${q}|${g}`;
  const mKey = (m: string, g: string) => `${m}|${g}`;
  const rawD = new Map(input.districtCells.map((c) => [dKey(c.districtId, c.quarter, c.group), c]));
  const rawM = new Map(input.monthCells.map((c) => [mKey(c.month, c.group), c]));
  const base = (c: { count: number; distinctLocations: number } | undefined): Base => {
    const cell = c ?? { count: 0, distinctLocations: 0 };
    const s = suppressCell(cell, k);
    return { count: cell.count, value: s.value, suppression: s.suppressed ? 'primary' : null };
  };
  const D = new Map<string, Base>();
  for (const d of input.districtIds) for (const q of input.quarters) for (const g of input.groups) D.set(dKey(d, q, g), base(rawD.get(dKey(d, q, g))));
  const M = new Map<string, Base>();
  for (const m of input.months) for (const g of input.groups) M.set(mKey(m, g), base(rawM.get(mKey(m, g))));

  // Secondary suppression per group × quarter that has both kinds of cells.
  for (const q of input.quarters) {
    const months = monthsOfQuarter(q).filter((m) => input.months.includes(m));
    if (months.length === 0) continue;
    for (const g of input.groups) {
      const ds = input.districtIds.map((d) => D.get(dKey(d, q, g))!);
      const ms = months.map((m) => M.get(mKey(m, g))!);
      while (leaks(ds, ms)) {
        const open = ms.filter((m) => m.value !== null).sort((a, b) => a.value! - b.value!);
        if (open.length === 0) break;
        open[0].value = null;
        open[0].suppression = 'secondary';
      }
    }
  }

  const fig = (area: string, group: TrendFigure['group'], period: string, parts: readonly Base[], single: boolean): TrendFigure => {
    if (single) return { area, group, period, value: parts[0].value, atLeast: false, suppression: parts[0].suppression };
    const sum = sumPublishedCells(parts.map((p) => ({ value: p.value })));
    return { area, group, period, value: sum.publishedParts === 0 ? null : sum.value, atLeast: sum.atLeast && sum.publishedParts > 0, suppression: null };
  };
  const out: TrendFigure[] = [];
  for (const q of input.quarters) {
    for (const d of input.districtIds) {
      const parts = input.groups.map((g) => D.get(dKey(d, q, g))!);
      input.groups.forEach((g, i) => out.push(fig(d, g, q, [parts[i]], true)));
      out.push(fig(d, ALL, q, parts, false));
    }
    // Municipality per quarter: the three published months when all are, else the larger lower bound of
    // published months and published districts (both are sums of published cells only).
    const months = monthsOfQuarter(q).filter((m) => input.months.includes(m));
    const perGroup = input.groups.map((g) => {
      const byDistrict = fig(MUNICIPALITY, g, q, input.districtIds.map((d) => D.get(dKey(d, q, g))!), false);
      if (months.length !== 3) return byDistrict;
      const byMonth = fig(MUNICIPALITY, g, q, months.map((m) => M.get(mKey(m, g))!), false);
      if (byMonth.value !== null && !byMonth.atLeast) return byMonth;
      if (byDistrict.value !== null && !byDistrict.atLeast) return byDistrict;
      const best = (byMonth.value ?? -1) >= (byDistrict.value ?? -1) ? byMonth : byDistrict;
      return best;
    });
    out.push(...perGroup);
    const known = perGroup.filter((f) => f.value !== null);
    out.push({
      area: MUNICIPALITY,
      group: ALL,
      period: q,
      value: known.length ? known.reduce((a, f) => a + f.value!, 0) : null,
      atLeast: known.length > 0 && (known.length < perGroup.length || known.some((f) => f.atLeast)),
      suppression: null,
    });
  }
  for (const m of input.months) {
    const parts = input.groups.map((g) => M.get(mKey(m, g))!);
    input.groups.forEach((g, i) => out.push(fig(MUNICIPALITY, g, m, [parts[i]], true)));
    out.push(fig(MUNICIPALITY, ALL, m, parts, false));
  }
  return out;
}
