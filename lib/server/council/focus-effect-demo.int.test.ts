// The council dashboard's focus-area effects on the Värnamo demo data (the seed `npm start` loads),
// recomputed independently (issue 7, Tests): windows from the activity start month, counts by direct
// SQL per local month over the focus area, the buffer ring and the control, and WDQ, WDD and z written
// out again from METHODS.md — nothing here comes from lib/analysis or the dashboard's count query.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { seedDemo } from '@/db/seed/demo';
import { DEMO_MUNICIPALITY_CODE } from '@/lib/domain/constants';
import { CATEGORIES } from '@/lib/domain/categories';
import { openFreshTestDatabase, testBackend } from '@/lib/testing/test-database';
import { buildCouncilDashboard, type CouncilDashboardDto } from './build-council-dashboard';

// As `npm start` seeds it on a first start in Q4 2026: data up to the start of the quarter (Stockholm).
const UNTIL = new Date('2026-09-30T22:00:00Z');
const NOW = new Date('2026-11-20T10:00:00Z');
const QUARTER = '2026-Q3';

// METHODS.md, "Effect periods": 12-month windows, the start month left out; a 400 m buffer (the
// council-settings default, which the demo leaves unset); "too few" below 20 target incidents; the
// dashboard also withholds any figure when a count is below the council's k.
const WINDOW_MONTHS = 12;
const BUFFER_M = 400;
const MIN_TARGET = 20;
const MIN_AFTER_MONTHS = 3;

const idx = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const month = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

interface Counts {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
  c0: number;
  c1: number;
}

/** The eight-count formulas of METHODS.md "Did it work?", D = C. */
function independentEffect(c: Counts, k: number) {
  if (c.a0 + c.a1 < MIN_TARGET || Object.values(c).some((x) => x < k)) return { verdict: 'too-few', wdq: null, wdd: null, z: null };
  const d0 = c.c0;
  const d1 = c.c1;
  const wdd = c.a1 - c.a0 - (c.c1 - c.c0) + (c.b1 - c.b0) - (d1 - d0);
  const z = wdd / Math.sqrt(c.a0 + c.a1 + c.b0 + c.b1 + c.c0 + c.c1 + d0 + d1);
  const denominator = c.a1 / c.c1 - c.a0 / c.c0;
  if (!(denominator < 0)) return { verdict: 'no-improvement', wdq: null, wdd, z };
  const wdq = (c.b1 / c.c1 - c.b0 / c.c0) / denominator;
  return { verdict: z <= -1.96 ? 'fewer' : z >= 1.96 ? 'more' : 'unclear', wdq, wdd, z };
}

describe(`focus-area effects on the demo data, recomputed independently, on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let dto: CouncilDashboardDto;
  let focus: { id: string; name: string; start_month: string }[];

  beforeAll(async () => {
    h = await openFreshTestDatabase();
    await seedDemo(h.db, { seed: 1, until: UNTIL });
    dto = await buildCouncilDashboard(h.db, { municipalityCode: DEMO_MUNICIPALITY_CODE, quarter: QUARTER, now: NOW });
    // The start month: the earliest activity that went ahead, of the area itself or of a pledge naming it.
    const { rows } = await sql<{ id: string; name: string; start_month: string }>`
      SELECT f.id::text AS id, f.name,
        to_char(coalesce(
          (SELECT min(a.starts_on) FROM activity a
            LEFT JOIN pledge_focus_area pf ON pf.pledge_id = a.pledge_id AND pf.focus_area_id = f.id
            WHERE a.status IN ('decided', 'ongoing', 'done') AND (a.focus_area_id = f.id OR pf.focus_area_id IS NOT NULL)),
          f.period_from), 'YYYY-MM') AS start_month
      FROM focus_area f WHERE f.municipality_code = ${DEMO_MUNICIPALITY_CODE} ORDER BY f.name`.execute(h.db);
    focus = rows;
  });

  afterAll(async () => {
    await h?.close();
  });

  /** Incidents per zone and window, counted per local month with distances (not the dashboard's query). */
  async function countDirect(focusAreaId: string, before: string[], after: string[]): Promise<Counts> {
    const keys = CATEGORIES.filter((c) => c.sensitivity === 'normal').map((c) => c.key);
    const { rows } = await sql<{ zone: string; period: number; n: number }>`
      WITH districts AS (SELECT ST_Union(geom_3006) AS g FROM area WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE} AND kind = 'district'),
      target AS (SELECT geom_3006 AS g FROM focus_area WHERE id = ${focusAreaId}),
      counted AS (
        SELECT ST_Distance(t.g, i.geom_3006) AS dist,
          to_char(i.occurred_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS ym
        FROM incident i, target t, districts d
        WHERE i.municipality_code = ${DEMO_MUNICIPALITY_CODE}
          AND i.source <> 'police_feed'
          AND i.category_key = ANY(${sql.val(keys)}::text[])
          AND ST_Intersects(d.g, i.geom_3006)
      )
      SELECT CASE WHEN dist = 0 THEN 'a' WHEN dist <= ${BUFFER_M} THEN 'b' ELSE 'c' END AS zone,
        CASE WHEN ym = ANY(${sql.val(before)}::text[]) THEN 0 ELSE 1 END AS period,
        count(*)::int AS n
      FROM counted
      WHERE ym = ANY(${sql.val([...before, ...after])}::text[])
      GROUP BY 1, 2`.execute(h.db);
    const get = (zone: string, period: number) => rows.find((r) => r.zone === zone && r.period === period)?.n ?? 0;
    return { a0: get('a', 0), a1: get('a', 1), b0: get('b', 0), b1: get('b', 1), c0: get('c', 0), c1: get('c', 1) };
  }

  it('evaluates every demo focus area, at least one with a z to compare', () => {
    expect(focus.length).toBe(3);
    expect(dto.effects.map((e) => e.focusAreaId).sort()).toEqual(focus.map((f) => f.id).sort());
    expect(dto.effects.filter((e) => e.z !== null).length).toBeGreaterThanOrEqual(1);
  });

  it('gives each focus area the WDQ, WDD, z and verdict that direct counts and the METHODS.md formulas give', async () => {
    // Windows end with the report's quarter (2026-Q3), though NOW is in November.
    const nowMonth = Math.min(idx('2026-11'), idx('2026-09') + 1);
    const report: string[] = [];
    for (const f of focus) {
      const e = dto.effects.find((x) => x.focusAreaId === f.id)!;
      const s = idx(f.start_month);
      const months = Math.min(WINDOW_MONTHS, nowMonth - s - 1);
      if (months < MIN_AFTER_MONTHS) {
        expect(e.windows, f.name).toBeNull();
        expect(e.verdict, f.name).toBe('too-few');
        continue;
      }
      const before = Array.from({ length: months }, (_, i) => month(s - months + i));
      const after = Array.from({ length: months }, (_, i) => month(s + 1 + i));
      expect(e.windows, f.name).toEqual({ before: { first: before[0], last: before.at(-1) }, after: { first: after[0], last: after.at(-1) }, months });

      const c = await countDirect(f.id, before, after);
      const want = independentEffect(c, dto.k);
      report.push(`${f.name} ${JSON.stringify(e.windows)}: ${JSON.stringify(c)} → ${want.verdict} z=${want.z}`);
      expect(e.verdict, f.name).toBe(want.verdict);
      expect(e.counts, f.name).toEqual(Object.fromEntries(Object.entries(c).map(([key, n]) => [key, n >= dto.k ? n : null])));
      if (want.z === null) {
        expect([e.z, e.wdd, e.wdq], f.name).toEqual([null, null, null]);
        continue;
      }
      expect(e.wdd, f.name).toBe(want.wdd);
      expect(Math.abs(e.z! - want.z), f.name).toBeLessThan(1e-9);
      if (want.wdq === null) expect(e.wdq, f.name).toBeNull();
      else expect(Math.abs(e.wdq! - want.wdq), f.name).toBeLessThan(1e-9);
    }
    console.log(`demo effects on ${testBackend()}:\n${report.join('\n')}`);
  });
});
