import { describe, expect, it } from 'vitest';
import type { CategoryGroup } from '@/lib/domain/categories';
import { auditDisclosure, type PublishedFact, type SuppressedFigure } from '@/lib/privacy/disclosure-audit';
import { Random } from '@/lib/testing/random';
import { buildCouncilTrendFigures, type DistrictQuarterCell, monthsOfQuarter, type MunicipalityMonthCell, quarterOfMonth } from './council-trend-figures';

const K = 3;

/** District × group × month counts → the two kinds of base cells (distinct locations = count, or fewer when asked). */
function cellsFrom(fine: Map<string, number>, districts: string[], groups: CategoryGroup[], quarters: string[]) {
  const districtCells: DistrictQuarterCell[] = [];
  const monthCells: MunicipalityMonthCell[] = [];
  for (const q of quarters) {
    for (const g of groups) {
      for (const d of districts) {
        const count = monthsOfQuarter(q).reduce((a, m) => a + (fine.get(`${d}|${m}|${g}`) ?? 0), 0);
        districtCells.push({ districtId: d, quarter: q, group: g, count, distinctLocations: count });
      }
      for (const m of monthsOfQuarter(q)) {
        const count = districts.reduce((a, d) => a + (fine.get(`${d}|${m}|${g}`) ?? 0), 0);
        monthCells.push({ month: m, group: g, count, distinctLocations: count });
      }
    }
  }
  return { districtCells, monthCells };
}

/** What the council reads, as the disclosure audit's facts over district × month variables. */
function auditInput(figures: ReturnType<typeof buildCouncilTrendFigures>, districts: string[]) {
  const facts: PublishedFact[] = [];
  const suppressed: SuppressedFigure[] = [];
  for (const f of figures) {
    if (f.group === 'all' || f.atLeast) continue; // sums of published cells add no fact
    const id = `${f.area} ${f.period} ${f.group}`;
    let variables: string[];
    if (f.area !== 'all' && f.period.includes('Q')) variables = monthsOfQuarter(f.period).map((m) => `${f.area}|${m}|${f.group}`);
    else if (f.area === 'all' && !f.period.includes('Q')) variables = districts.map((d) => `${d}|${f.period}|${f.group}`);
    else if (f.area === 'all') {
      if (f.value !== null) facts.push({ id, value: f.value, variables: districts.flatMap((d) => monthsOfQuarter(f.period).map((m) => `${d}|${m}|${f.group}`)) });
      continue;
    } else continue;
    if (f.value === null) suppressed.push({ id, variables });
    else facts.push({ id, value: f.value, variables });
  }
  return { facts, suppressed, k: K };
}

describe('buildCouncilTrendFigures', () => {
  const districts = ['d1', 'd2', 'd3'];
  const groups: CategoryGroup[] = ['violence'];
  const quarters = ['2026-Q1'];
  const months = monthsOfQuarter('2026-Q1');

  it('withholds a month when the published months would pin the one suppressed district', () => {
    // d3 has 1 incident in the quarter; every month has ≥ 3, so months minus districts would give d3 = 1.
    const fine = new Map<string, number>([
      ['d1|2026-01|violence', 4], ['d1|2026-02|violence', 4], ['d1|2026-03|violence', 5],
      ['d2|2026-01|violence', 3], ['d2|2026-02|violence', 3], ['d2|2026-03|violence', 3],
      ['d3|2026-02|violence', 1],
    ]);
    const figs = buildCouncilTrendFigures({ k: K, districtIds: districts, groups, quarters, months, ...cellsFrom(fine, districts, groups, quarters) });
    const d3 = figs.find((f) => f.area === 'd3' && f.group === 'violence')!;
    expect(d3.value).toBeNull();
    const withheld = figs.filter((f) => f.area === 'all' && f.group === 'violence' && !f.period.includes('Q') && f.value === null);
    expect(withheld.map((f) => f.suppression)).toEqual(['secondary']);
  });

  it('withholds a second month when every district is published and one month is suppressed', () => {
    const fine = new Map<string, number>([
      ['d1|2026-01|violence', 4], ['d1|2026-02|violence', 4], ['d1|2026-03|violence', 1],
      ['d2|2026-01|violence', 3], ['d2|2026-02|violence', 3],
      ['d3|2026-01|violence', 3], ['d3|2026-02|violence', 3],
    ]);
    const figs = buildCouncilTrendFigures({ k: K, districtIds: districts, groups, quarters, months, ...cellsFrom(fine, districts, groups, quarters) });
    const m = figs.filter((f) => f.area === 'all' && f.group === 'violence' && !f.period.includes('Q'));
    expect(m.filter((f) => f.value === null).map((f) => f.suppression).sort()).toEqual(['primary', 'secondary']);
  });

  it('never publishes a base cell below k, and totals sum published cells only', () => {
    const rng = new Random(7);
    const fine = new Map<string, number>();
    const qs = ['2025-Q4', '2026-Q1'];
    for (const d of districts) for (const q of qs) for (const m of monthsOfQuarter(q)) fine.set(`${d}|${m}|violence`, rng.poisson(d === 'd1' ? 4 : 0.6));
    const figs = buildCouncilTrendFigures({ k: K, districtIds: districts, groups, quarters: qs, months: qs.flatMap(monthsOfQuarter), ...cellsFrom(fine, districts, groups, qs) });
    for (const f of figs) if (f.value !== null && !f.atLeast) expect(f.value, `${f.area} ${f.period}`).toBeGreaterThanOrEqual(K);
    for (const f of figs.filter((x) => x.area === 'all' && x.period.includes('-0'))) expect(quarterOfMonth(f.period)).toMatch(/^202[56]-Q[14]$/);
  });

  it('passes the disclosure audit on random small counts (every suppressed cell stays unpinned)', async () => {
    const rng = new Random(20261126);
    const ds = ['a', 'b', 'c', 'd'];
    const gs: CategoryGroup[] = ['violence', 'property'];
    const qs = ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2'];
    let suppressedSeen = 0;
    for (let round = 0; round < 25; round++) {
      const fine = new Map<string, number>();
      for (const d of ds) for (const q of qs) for (const m of monthsOfQuarter(q)) for (const g of gs) fine.set(`${d}|${m}|${g}`, rng.poisson(rng.uniform(0.2, 3)));
      const figs = buildCouncilTrendFigures({ k: K, districtIds: ds, groups: gs, quarters: qs, months: qs.flatMap(monthsOfQuarter), ...cellsFrom(fine, ds, gs, qs) });
      const input = auditInput(figs, ds);
      suppressedSeen += input.suppressed.length;
      const audit = await auditDisclosure(input);
      expect(audit.leaks, `round ${round}`).toEqual([]);
    }
    expect(suppressedSeen).toBeGreaterThan(100);
  });
});
