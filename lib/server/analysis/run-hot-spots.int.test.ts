// The SQL path (cells binned in the database, only counts read) gives exactly what the pure library gives
// on the same points, on PGlite + PostGIS and on PostgreSQL + PostGIS.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { type IncidentFilter, listIncidentCellCounts, listIncidentPointsChunk } from '@/db/queries/analysis/cell-counts';
import { buildDistanceBandNeighbours } from '@/lib/analysis/distance-band-neighbours';
import { findEmergingHotSpots } from '@/lib/analysis/emerging-hot-spots';
import { getHotSpotCells } from '@/lib/analysis/get-hot-spot-cells';
import { giStar } from '@/lib/analysis/gi-star';
import { createSeededRandom } from '@/lib/analysis/seeded-random';
import { binPointsToHexGrid } from '@/lib/geo/hex';
import { runEmergingHotSpots, runHotSpots } from '@/lib/server/analysis/run-hot-spots';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';

const QUARTERS = ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'];
const QUARTER_DATES: [string, string][] = QUARTERS.map((q) => {
  const year = Number(q.slice(0, 4));
  const k = Number(q.slice(6));
  const lastDay = [31, 30, 30, 31][k - 1];
  return [`${year}-${String(3 * k - 2).padStart(2, '0')}-01`, `${year}-${String(3 * k).padStart(2, '0')}-${lastDay}`];
});

/**
 * A clustered point set over 6 × 6 km of SWEREF 99 TM: four Gaussian clusters, a uniform background, and a
 * cluster that appears only in the last three quarters; times at noon UTC on days 5–80 of each quarter.
 */
function makeClusteredIncidents(seed: number) {
  const rnd = createSeededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const clusters = [
    [438_000, 6_338_000, 200],
    [440_500, 6_341_000, 350],
    [442_000, 6_337_500, 150],
    [436_800, 6_341_800, 400],
  ];
  const x: number[] = [];
  const y: number[] = [];
  const t: string[] = [];
  const category: string[] = [];
  const add = (px: number, py: number, quarter: number) => {
    x.push(Math.round(px * 100) / 100);
    y.push(Math.round(py * 100) / 100);
    const [from] = QUARTER_DATES[quarter];
    const day = new Date(`${from}T12:00:00Z`).getTime() + Math.floor(4 + rnd() * 76) * 86_400_000;
    t.push(new Date(day).toISOString());
    category.push(rnd() < 0.7 ? 'theft' : 'vandalism');
  };
  for (let k = 0; k < 2400; k += 1) {
    const q = Math.floor(rnd() * QUARTERS.length);
    if (rnd() < 0.6) {
      const [cx, cy, s] = clusters[Math.floor(rnd() * clusters.length)];
      add(cx + normal() * s, cy + normal() * s, q);
    } else add(435_000 + rnd() * 6000, 6_335_000 + rnd() * 6000, q);
  }
  for (let k = 0; k < 240; k += 1) add(439_000 + normal() * 120, 6_335_800 + normal() * 120, 5 + Math.floor(rnd() * 3));
  return { x, y, t, category };
}

describe(`hot spots through SQL on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;

  async function readPoints(filter: IncidentFilter, limit = 500) {
    const xs: number[] = [];
    const ys: number[] = [];
    const ids: string[] = [];
    let afterId: string | undefined;
    for (;;) {
      const c = await listIncidentPointsChunk(h.db, { ...filter, afterId, limit });
      ids.push(...c.ids);
      xs.push(...c.x);
      ys.push(...c.y);
      if (!c.nextAfterId) break;
      afterId = c.nextAfterId;
    }
    return { ids, x: Float64Array.from(xs), y: Float64Array.from(ys) };
  }

  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h, 'Analyskommun');
    const f = makeClusteredIncidents(6);
    await sql`
      INSERT INTO incident (municipality_code, category_key, occurred_at, geom, source)
      SELECT ${code}, u.c, u.t::timestamptz, ST_Transform(ST_SetSRID(ST_MakePoint(u.x, u.y), 3006), 4326), 'synthetic'
      FROM unnest(${f.x}::float8[], ${f.y}::float8[], ${f.t}::text[], ${f.category}::text[]) AS u(x, y, t, c)`.execute(h.db);
  });

  it('the chunked reader returns every incident once, in id order, across chunks', async () => {
    const p = await readPoints({ municipalityCode: code }, 317);
    expect(p.ids.length).toBe(2640);
    expect(new Set(p.ids).size).toBe(2640);
    expect([...p.ids].sort()).toEqual(p.ids);
  });

  it('the chunked reader gives each time as extract(epoch) × 1000 gives it, microseconds and years before 2000 included', async () => {
    const times = ['1999-12-31 23:59:59.123457+00', '2025-03-30 00:59:59.999999+00', '1970-01-01 00:00:00.000001+00', '2100-06-01 12:00:00.5+00', '1969-07-20 20:17:40+00'];
    const edge = await createTestMunicipality(h, 'Tidskommun');
    await sql`
      INSERT INTO incident (municipality_code, category_key, occurred_at, geom, source)
      SELECT ${edge}, 'theft', t::timestamptz, ST_Transform(ST_SetSRID(ST_MakePoint(440000, 6340000), 3006), 4326), 'synthetic' FROM unnest(${times}::text[]) AS t`.execute(h.db);
    const c = await listIncidentPointsChunk(h.db, { municipalityCode: edge, limit: 10, withAttributes: true });
    const want = await sql<{ t: number }>`SELECT (extract(epoch FROM occurred_at) * 1000)::float8 AS t FROM incident WHERE municipality_code = ${edge} ORDER BY id`.execute(h.db);
    expect(Array.from(c.times ?? [])).toEqual(want.rows.map((r) => Number(r.t)));
    expect([...(c.times ?? [])].sort((a, b) => a - b).slice(0, 2)).toEqual([Date.parse('1969-07-20T20:17:40Z'), 0.001]);
  });

  it.each([
    ['square', 300, 700],
    ['hex', 250, 600],
  ] as const)('Gi* on %s cells through SQL equals getHotSpotCells on the same points', async (grid, cellSize, band) => {
    const filter = { municipalityCode: code, from: '2024-01-01', to: '2025-12-31' };
    const p = await readPoints(filter);
    const pure = getHotSpotCells(p.x, p.y, { grid, cellSize, band });
    const ours = await runHotSpots(h.db, { ...filter, grid, cellSize, band });
    expect(pure.ok && ours.ok).toBe(true);
    if (!pure.ok || !ours.ok) return;
    expect(ours.cells.length).toBeGreaterThan(100);
    expect(ours.cells.some((c) => c.bin === 3)).toBe(true);
    expect(ours.cells.some((c) => c.count === 0)).toBe(true);
    expect(ours.cells).toEqual(pure.cells);
  });

  it('a period and category filter in SQL selects the same points as the chunked reader', async () => {
    const filter = { municipalityCode: code, from: '2025-01-01', to: '2025-06-30', categories: ['vandalism'] };
    const p = await readPoints(filter);
    const pure = getHotSpotCells(p.x, p.y, { grid: 'hex', cellSize: 400, band: 900 });
    const ours = await runHotSpots(h.db, { ...filter, grid: 'hex', cellSize: 400, band: 900 });
    expect(p.x.length).toBeGreaterThan(50);
    expect(p.x.length).toBeLessThan(600);
    expect(ours).toEqual(pure);
  });

  it('no categories selects nothing and gives no result', async () => {
    expect(await listIncidentCellCounts(h.db, { municipalityCode: code, grid: 'square', cellSize: 100, categories: [] })).toEqual({ rows: [], extent: null });
    expect((await runHotSpots(h.db, { municipalityCode: code, grid: 'square', cellSize: 100, band: 200, categories: [] })).ok).toBe(false);
  });

  it('with the municipality as study area, every square touching the outline is a cell and points outside it are left out', async () => {
    // Outline edges off the grid lines, so the stored outline's round trip through WGS84 cannot move a cell in or out.
    await sql`
      INSERT INTO area (municipality_code, kind, name, geom)
      VALUES (${code}, 'municipality', 'Analyskommun', ST_Multi(ST_Transform(ST_MakeEnvelope(436100, 6336100, 441950, 6340900, 3006), 4326)))`.execute(h.db);
    const s = 300;
    const r = await runHotSpots(h.db, { municipalityCode: code, grid: 'square', cellSize: s, band: 700, studyArea: 'municipality' });
    if (!r.ok) throw new Error(r.message);
    const expected: [number, number][] = [];
    for (let iy = Math.floor(6336100 / s); iy <= Math.floor(6340900 / s); iy += 1) {
      for (let ix = Math.floor(436100 / s); ix <= Math.floor(441950 / s); ix += 1) expected.push([ix, iy]);
    }
    expect(r.cells.map((c) => [c.a, c.b])).toEqual(expected);
    const p = await readPoints({ municipalityCode: code });
    const counts = new Map<string, number>();
    p.x.forEach((x, k) => {
      const key = `${Math.floor(x / s)},${Math.floor(p.y[k] / s)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
    expect(r.cells.map((c) => c.count)).toEqual(expected.map(([ix, iy]) => counts.get(`${ix},${iy}`) ?? 0));
    const ref = giStar({ cx: expected.map(([ix]) => (ix + 0.5) * s), cy: expected.map(([, iy]) => (iy + 0.5) * s), counts: r.cells.map((c) => c.count) }, 700);
    if (!ref.ok) throw new Error(ref.message);
    expect(r.cells.map((c) => c.z)).toEqual(Array.from(ref.z));
    await sql`DELETE FROM area WHERE municipality_code = ${code} AND kind = 'municipality'`.execute(h.db);
  });

  it('the municipality as study area without an outline is refused with a message', async () => {
    await expect(runHotSpots(h.db, { municipalityCode: code, grid: 'hex', cellSize: 250, band: 600, studyArea: 'municipality' })).rejects.toThrow(/no outline/);
  });

  it('steps are local Stockholm quarters and months at their edges', async () => {
    const edge = await createTestMunicipality(h, 'Kantkommun');
    await sql`
      INSERT INTO incident (municipality_code, category_key, occurred_at, geom, source)
      SELECT ${edge}, 'theft', t::timestamptz, ST_Transform(ST_SetSRID(ST_MakePoint(440000, 6340000), 3006), 4326), 'synthetic'
      FROM unnest(ARRAY['2025-03-31T21:30:00Z', '2025-03-31T22:30:00Z', '2024-12-31T22:30:00Z', '2024-12-31T23:30:00Z']) AS t`.execute(h.db);
    const rows = async (step: 'quarter' | 'month') =>
      (await listIncidentCellCounts(h.db, { municipalityCode: edge, grid: 'square', cellSize: 100, step })).rows.map((r) => [r.step, r.count]);
    expect(await rows('quarter')).toEqual([
      ['2024-Q4', 1],
      ['2025-Q1', 2],
      ['2025-Q2', 1],
    ]);
    expect(await rows('month')).toEqual([
      ['2024-12', 1],
      ['2025-01', 1],
      ['2025-03', 1],
      ['2025-04', 1],
    ]);
  });

  it('quarterly emerging hot spots through SQL equal findEmergingHotSpots on per-quarter counts of the same points', async () => {
    const cellSize = 250;
    const band = 600;
    const perQuarter = [];
    for (const [from, to] of QUARTER_DATES) perQuarter.push(await readPoints({ municipalityCode: code, from, to }));
    const allX = Float64Array.from(perQuarter.flatMap((q) => [...q.x]));
    const allY = Float64Array.from(perQuarter.flatMap((q) => [...q.y]));
    const g = binPointsToHexGrid(allX, allY, cellSize, { withCellOfPoint: true });
    const counts = perQuarter.map(() => new Float64Array(g.counts.length));
    let k = 0;
    perQuarter.forEach((q, step) => {
      for (let m = 0; m < q.x.length; m += 1, k += 1) counts[step][g.cellOfPoint![k]] += 1;
    });
    const pure = findEmergingHotSpots(counts, buildDistanceBandNeighbours(g.cx, g.cy, band));

    const ours = await runEmergingHotSpots(h.db, { municipalityCode: code, from: '2024-01-01', to: '2025-12-31', step: 'quarter', grid: 'hex', cellSize, band });
    expect(ours).not.toBeNull();
    expect(ours!.steps).toEqual(QUARTERS);
    expect(Array.from(ours!.study.a)).toEqual(Array.from(g.i));
    expect(Array.from(ours!.study.b)).toEqual(Array.from(g.j));
    expect(ours!.countsPerStep).toEqual(counts);
    expect(ours!.result).toEqual(pure);
    expect(ours!.result.categories.some((c) => c.category !== 'none')).toBe(true);
  });
});
