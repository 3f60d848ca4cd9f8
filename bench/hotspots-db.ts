// Hot-spot analysis from the incident table, our way (cells binned in SQL by arithmetic index, Gi* in
// typed arrays; DBSCAN on chunked reads in a worker) beside the naive PostGIS way (ST_HexagonGrid join and
// Gi* in SQL; ST_ClusterDBSCAN). PostgreSQL with 1,000,000 synthetic incidents in `lagesbild_bench_hot`
// (loaded once, reused), PGlite with 100,000 in a temporary folder. Prints one table; asserts nothing.
// Run: npx tsx bench/hotspots-db.ts [--no-pglite] [--no-postgres]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '@/db/client';
import { listIncidentCellCounts, listIncidentPointsChunk } from '@/db/queries/analysis/cell-counts';
import { loadSyntheticIncidents, SYNTHETIC_DEFAULT_MUNICIPALITY } from '@/db/seed/synthetic';
import { buildDistanceBandNeighbours } from '@/lib/analysis/distance-band-neighbours';
import { findEmergingHotSpots } from '@/lib/analysis/emerging-hot-spots';
import { twoSidedNormalP } from '@/lib/analysis/normal-cdf';
import { getSignificanceBins } from '@/lib/analysis/significance-bins';
import { spawnSync } from 'node:child_process';

// lib/server modules import 'server-only', which loads only under the react-server condition (as
// bin/lagesbild.mjs runs the CLI): re-run this script under it when started without, e.g. by bench/run.ts.
const SERVER_CONDITION = '--conditions=react-server';
if (!process.execArgv.includes(SERVER_CONDITION)) {
  const r = spawnSync(process.execPath, [SERVER_CONDITION, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
const { runDbscanInWorker } = await import('@/lib/server/analysis/dbscan-runner');
const { buildStudyGrid, placeCounts, runEmergingHotSpots, runHotSpots } = await import('@/lib/server/analysis/run-hot-spots');

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const BENCH_DB = 'lagesbild_bench_analysis_hot';
const CODE = SYNTHETIC_DEFAULT_MUNICIPALITY.code;
const SEED = 1;
const HEX_EDGE_M = 250;
const BAND_M = 500;
const EPS_M = 100;
const MIN_POINTS = 20;
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const FIVE_YEARS = { from: '2021-01-01', to: '2025-12-31' };
const CHUNK = 50_000;

interface Row {
  step: string;
  backend: string;
  n: number;
  ours: number;
  baseline: number | null;
  note: string;
}
const rows: Row[] = [];

async function timed<T>(fn: () => Promise<T>): Promise<[Awaited<T>, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, performance.now() - t0];
}

/** Median of three runs after one warm-up: the figure for our (cheap) path. */
async function median3<T>(fn: () => Promise<T>): Promise<[Awaited<T>, number]> {
  let v = await fn();
  const ms: number[] = [];
  for (let k = 0; k < 3; k += 1) {
    const [r, t] = await timed(fn);
    v = r;
    ms.push(t);
  }
  return [v, ms.sort((a, b) => a - b)[1]];
}

async function ensureLoaded(h: DatabaseHandle, n: number): Promise<void> {
  const { rows: have } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM incident WHERE municipality_code = ${CODE}`.execute(h.db);
  if (have[0].n === n) return;
  await sql`DELETE FROM incident WHERE municipality_code = ${CODE}`.execute(h.db);
  const t0 = performance.now();
  await loadSyntheticIncidents(h, {
    n,
    seed: SEED,
    municipalityCode: CODE,
    onProgress: (done, total) => {
      if (done % 250_000 === 0 || done === total) process.stderr.write(`  ${h.backend}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} rows\n`);
    },
  });
  await sql`ANALYZE incident`.execute(h.db);
  process.stderr.write(`  ${h.backend}: loaded ${n.toLocaleString('en')} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

/** The naive way: every incident joined to ST_HexagonGrid polygons, Gi* in SQL; bins from z in JS. */
async function naiveHexGiStar(h: DatabaseHandle): Promise<number> {
  const r = await sql<{ z: number | null }>`
    WITH ext AS (SELECT ST_SetSRID(ST_Extent(geom_3006)::geometry, 3006) AS e FROM incident WHERE municipality_code = ${CODE}),
    hex AS (SELECT g.i, g.j, g.geom FROM ext, ST_HexagonGrid(${HEX_EDGE_M}::float8, ext.e) g),
    cnt AS MATERIALIZED (
      SELECT hex.i, hex.j, ST_Centroid(hex.geom) AS c, count(inc.id)::float8 AS x
      FROM hex LEFT JOIN incident inc ON inc.municipality_code = ${CODE} AND ST_Intersects(hex.geom, inc.geom_3006)
      GROUP BY hex.i, hex.j, hex.geom),
    stats AS (SELECT count(*)::float8 AS n, avg(x) AS xbar, sqrt(avg(x * x) - avg(x) ^ 2) AS s FROM cnt),
    nb AS (SELECT a.i, a.j, sum(b.x) AS lag, count(*)::float8 AS w FROM cnt a JOIN cnt b ON ST_DWithin(a.c, b.c, ${BAND_M}::float8) GROUP BY a.i, a.j)
    SELECT ((lag - xbar * w) / (s * sqrt((n * w - w * w) / (n - 1))))::float8 AS z FROM nb, stats`.execute(h.db);
  const z = Float64Array.from(r.rows, (row) => Number(row.z ?? 0));
  const p = z.map((v) => twoSidedNormalP(v));
  getSignificanceBins(z, p, { fdr: true });
  return z.length;
}

/** Our DBSCAN: keyset chunks of x/y, then the typed-array DBSCAN in a worker thread. */
async function oursDbscan(h: DatabaseHandle): Promise<{ n: number; clusters: number; readMs: number }> {
  const t0 = performance.now();
  const xs: Float64Array[] = [];
  const ys: Float64Array[] = [];
  let afterId: string | undefined;
  for (;;) {
    const c = await listIncidentPointsChunk(h.db, { municipalityCode: CODE, ...YEAR, afterId, limit: CHUNK });
    xs.push(c.x);
    ys.push(c.y);
    if (!c.nextAfterId) break;
    afterId = c.nextAfterId;
  }
  const readMs = performance.now() - t0;
  const n = xs.reduce((s, a) => s + a.length, 0);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let o = 0;
  xs.forEach((a, k) => {
    x.set(a, o);
    y.set(ys[k], o);
    o += a.length;
  });
  const r = await runDbscanInWorker(x, y, { eps: EPS_M, minPoints: MIN_POINTS, transfer: true });
  return { n, clusters: r.clusterCount, readMs };
}

async function postgisDbscan(h: DatabaseHandle): Promise<number> {
  const r = await sql<{ k: number }>`
    SELECT count(DISTINCT cid)::int AS k FROM (
      SELECT ST_ClusterDBSCAN(geom_3006, ${EPS_M}::float8, ${MIN_POINTS}::int) OVER () AS cid
      FROM incident
      WHERE municipality_code = ${CODE}
        AND occurred_at >= (${YEAR.from}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'
        AND occurred_at < (${YEAR.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm') s`.execute(h.db);
  return r.rows[0].k;
}

/** The naive emerging run: monthly counts by ST_HexagonGrid join, then the same Gi* and Mann–Kendall in JS. */
async function naiveEmerging(h: DatabaseHandle): Promise<void> {
  const r = await sql<{ i: number; j: number; step: string; count: number }>`
    WITH ext AS (SELECT ST_SetSRID(ST_Extent(geom_3006)::geometry, 3006) AS e FROM incident WHERE municipality_code = ${CODE}),
    hex AS (SELECT g.i, g.j, g.geom FROM ext, ST_HexagonGrid(${HEX_EDGE_M}::float8, ext.e) g)
    SELECT hex.i, hex.j, to_char(inc.occurred_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS step, count(*)::int AS count
    FROM hex JOIN incident inc ON inc.municipality_code = ${CODE} AND ST_Intersects(hex.geom, inc.geom_3006)
      AND inc.occurred_at >= (${FIVE_YEARS.from}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'
      AND inc.occurred_at < (${FIVE_YEARS.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm'
    GROUP BY 1, 2, 3`.execute(h.db);
  // Reuse our study grid so that only the counting differs.
  const { extent } = await listIncidentCellCounts(h.db, { municipalityCode: CODE, ...FIVE_YEARS, grid: 'hex', cellSize: HEX_EDGE_M });
  const study = buildStudyGrid(extent, 'hex', HEX_EDGE_M);
  const steps = [...new Set(r.rows.map((row) => row.step))].sort();
  const counts = steps.map((s) => placeCounts(study, r.rows.filter((row) => row.step === s).map((row) => ({ a: row.i, b: row.j, step: s, count: row.count }))));
  findEmergingHotSpots(counts, buildDistanceBandNeighbours(study.cx, study.cy, BAND_M));
}

async function benchBackend(h: DatabaseHandle, n: number): Promise<void> {
  await ensureLoaded(h, n);
  const backend = h.backend;

  const [gi, tGi] = await median3(() => runHotSpots(h.db, { municipalityCode: CODE, grid: 'hex', cellSize: HEX_EDGE_M, band: BAND_M }));
  const [naiveCells, tNaiveGi] = await timed(() => naiveHexGiStar(h));
  rows.push({
    step: `Gi* ${HEX_EDGE_M} m hex, ${BAND_M} m band, rows → FDR bins`,
    backend,
    n,
    ours: tGi,
    baseline: tNaiveGi,
    note: `${gi.ok ? gi.cells.length : 0} cells (naive ${naiveCells}); baseline ST_HexagonGrid join + Gi* in SQL`,
  });

  const [db1, tDb] = await median3(() => oursDbscan(h));
  const [pgClusters, tPgDb] = await timed(() => postgisDbscan(h));
  rows.push({
    step: `DBSCAN eps ${EPS_M} m, minPts ${MIN_POINTS}, one year`,
    backend,
    n: db1.n,
    ours: tDb,
    baseline: tPgDb,
    note: `${db1.clusters} clusters (ST_ClusterDBSCAN ${pgClusters - 1} + noise); ours = chunked read (${db1.readMs.toFixed(0)} ms, ${CHUNK.toLocaleString('en')} a chunk) + worker`,
  });

  const [em, tEm] = await median3(() => runEmergingHotSpots(h.db, { municipalityCode: CODE, ...FIVE_YEARS, step: 'month', grid: 'hex', cellSize: HEX_EDGE_M, band: BAND_M }));
  const [, tNaiveEm] = await timed(() => naiveEmerging(h));
  rows.push({
    step: `emerging hot spots, 60 months, ${HEX_EDGE_M} m hex`,
    backend,
    n,
    ours: tEm,
    baseline: tNaiveEm,
    note: `${em?.steps.length ?? 0} steps × ${em?.study.a.length ?? 0} cells; baseline counts by ST_HexagonGrid join`,
  });
}

function printTable(header: string[], body: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-postgres')) {
    const admin = await openDatabase({ databaseUrl: ADMIN_URL, migrate: false });
    try {
      const { rows: exists } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_database WHERE datname = ${BENCH_DB}`.execute(admin.db);
      if (exists[0].n === 0) await sql.raw(`CREATE DATABASE ${BENCH_DB}`).execute(admin.db);
    } finally {
      await admin.close();
    }
    const u = new URL(ADMIN_URL);
    u.pathname = `/${BENCH_DB}`;
    const h = await openDatabase({ databaseUrl: u.toString(), migrate: true });
    try {
      await benchBackend(h, 1_000_000);
    } finally {
      await h.close();
    }
  }
  if (!process.argv.includes('--no-pglite')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lagesbild-bench-hot-'));
    const h = await openDatabase({ databaseUrl: '', dataDir: dir, migrate: true });
    try {
      await benchBackend(h, 100_000);
    } finally {
      await h.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`\nHot spots from the incident table (${os.cpus().length} cores, Node ${process.version}); ours = median of 3 after a warm-up, baseline = one run\n`);
  printTable(
    ['step', 'backend', 'n', 'ours ms', 'baseline ms', 'note'],
    rows.map((r) => [r.step, r.backend, r.n.toLocaleString('en'), r.ours.toFixed(0), r.baseline === null ? '—' : r.baseline.toFixed(0), r.note]),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
