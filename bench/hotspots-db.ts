// Hot-spot analysis from the incident table through the product path (the analysis job runner the page
// uses: cells binned in SQL by arithmetic index + Gi* in typed arrays; DBSCAN on packed chunked reads in a
// worker; emerging hot spots from one binned query) beside the naive PostGIS way (ST_HexagonGrid join and
// Gi* in SQL; ST_ClusterDBSCAN). PostgreSQL with 1,000,000 synthetic incidents in a database
// `lagesbild_bench_analysis_hot` that it creates and drops (--keep keeps it for the next run), PGlite with
// 100,000 in a temporary folder. Prints one table with the load average; asserts nothing.
// Run: npx tsx bench/hotspots-db.ts [--no-pglite] [--no-postgres] [--keep] [--runs N]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '@/db/client';
import { cellCountsSql, listIncidentCellCounts, listStepStarts } from '@/db/queries/analysis/cell-counts';
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
// The worker threads as `next start` runs them: compiled to plain ES modules (scripts/build-workers.mjs's
// esbuild settings) in a temporary app root, picked by lib/server/analysis/worker-url.ts, so that the times
// do not include tsx compiling the worker's TypeScript at every start.
const workerRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lagesbild-bench-workers-'));
{
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: process.cwd(),
    entryPoints: { 'dbscan.worker': 'lib/analysis/dbscan.worker.ts', 'emerging.worker': 'lib/server/analysis/emerging.worker.ts' },
    outdir: path.join(workerRoot, '.next', 'lagesbild-workers'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
  });
  process.env.NEXT_RUNTIME = 'nodejs';
  process.env.LAGESBILD_APP_ROOT = workerRoot;
  process.on('exit', () => fs.rmSync(workerRoot, { recursive: true, force: true }));
}
const { createAnalysisJobRunner } = await import('@/lib/server/analysis/jobs');
const { buildStudyGrid, placeCounts } = await import('@/lib/server/analysis/run-hot-spots');
type JobSpec = Parameters<ReturnType<typeof createAnalysisJobRunner>['submit']>[0];

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
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;

interface Row {
  step: string;
  backend: string;
  n: number;
  ours: number;
  target: number;
  baseline: number | null;
  /** Where the time of `ours` goes. */
  split: string;
  load: string;
  note: string;
}
const rows: Row[] = [];

async function timed<T>(fn: () => Promise<T>): Promise<[Awaited<T>, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, performance.now() - t0];
}

const load1 = () => os.loadavg()[0].toFixed(1);
/** The DBSCAN runner's default (dbscan-runner.ts): a helper thread for the counting while a core is idle. */
const threadsAt = (load: string) => {
  const [before, after] = load.split('–').map(Number);
  const cores = os.availableParallelism();
  const t = (l: number) => (l < cores - 1 ? 2 : 1);
  return t(before) === t(after) ? `${t(before)} thread${t(before) > 1 ? 's' : ''}` : '1–2 threads';
};

/** Median of RUNS runs after one warm-up, with the value of the median run and the load average before/after. */
async function median<T>(fn: () => Promise<T>): Promise<[T, number, string]> {
  await fn();
  const before = load1();
  const runs: [T, number][] = [];
  for (let k = 0; k < RUNS; k += 1) runs.push(await timed(fn));
  runs.sort((a, b) => a[1] - b[1]);
  const [v, ms] = runs[runs.length >> 1];
  return [v, ms, `${before}–${load1()}`];
}

/**
 * One analysis job through the runner the page uses, with the time spent in each phase: reading (chunked
 * point reads) or counting (the binning query, and for Gi* also the SHA-256 of the ids in the same
 * transaction), then clustering / computing (worker or in place).
 */
async function runJob(h: DatabaseHandle, spec: JobSpec, chunkSize?: number) {
  const runner = createAnalysisJobRunner({ db: h.db, chunkSize });
  const marks = new Map<string, number>();
  const t0 = performance.now();
  const job = runner.submit(spec, (j) => {
    if (j.phase && !marks.has(j.phase)) marks.set(j.phase, performance.now() - t0);
  });
  const end = await runner.waitFor(job.id);
  if (end.state !== 'done' || !end.result) throw new Error(`${spec.kind} job ended ${end.state}: ${end.error ?? ''}`);
  const total = performance.now() - t0;
  const second = marks.get('clustering') ?? marks.get('computing') ?? total;
  return { result: end.result, firstMs: second, secondMs: total - second };
}

/** Server time of a statement (EXPLAIN ANALYZE without per-node timing), to split query from transfer. */
async function serverMs(h: DatabaseHandle, statement: ReturnType<typeof cellCountsSql>): Promise<number> {
  const r = await sql<Record<string, string>>`EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) ${statement}`.execute(h.db);
  const line = r.rows.map((row) => Object.values(row)[0]).find((l) => l.startsWith('Execution Time'));
  return line ? Number(line.replace(/[^0-9.]/g, '')) : NaN;
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
  await sql`VACUUM ANALYZE incident`.execute(h.db);
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
  const hex = { grid: 'hex', cellSize: HEX_EDGE_M, band: BAND_M } as const;

  // Gi*: the job's counting (binning query + id digest in one transaction) and Gi* on the cells.
  const [gi, tGi, loadGi] = await median(() => runJob(h, { kind: 'hot-spots', municipalityCode: CODE, ...hex }));
  const [counts, tCounts] = await median(() => listIncidentCellCounts(h.db, { municipalityCode: CODE, ...hex }));
  const tServer = await serverMs(h, cellCountsSql({ municipalityCode: CODE, ...hex }, null));
  const cells = gi.result.kind === 'hot-spots' && gi.result.result.ok ? gi.result.result.cells.length : 0;
  const [naiveCells, tNaiveGi] = await timed(() => naiveHexGiStar(h));
  rows.push({
    step: `Gi* ${HEX_EDGE_M} m hex, ${BAND_M} m band, raw rows → FDR bins`,
    backend,
    n,
    ours: tCounts + gi.secondMs,
    target: backend === 'postgres' ? 500 : 5000,
    baseline: tNaiveGi,
    split: `binning query ${tCounts.toFixed(0)} (server ${tServer.toFixed(0)}, ${counts.rows.length} rows out) + Gi* ${gi.secondMs.toFixed(0)}`,
    load: loadGi,
    note: `${cells} cells (naive ${naiveCells}); the job adds the SHA-256 of the ids: ${tGi.toFixed(0)} ms in all`,
  });

  const [db1, tDb, loadDb] = await median(() => runJob(h, { kind: 'dbscan', municipalityCode: CODE, ...YEAR, eps: EPS_M, minPoints: MIN_POINTS }, 50_000));
  const [pgClusters, tPgDb] = await timed(() => postgisDbscan(h));
  const dbPoints = db1.result.kind === 'dbscan' ? db1.result.ids.length : 0;
  rows.push({
    step: `DBSCAN eps ${EPS_M} m, minPts ${MIN_POINTS}, one year`,
    backend,
    n: dbPoints,
    ours: tDb,
    target: backend === 'postgres' ? 1000 : 5000,
    baseline: tPgDb,
    split: `read ${db1.firstMs.toFixed(0)} (50k chunks${dbPoints > 100_000 ? ', 2 id ranges side by side' : ''}) + worker ${db1.secondMs.toFixed(0)} (counting on ${threadsAt(loadDb)}, ids hashed meanwhile)`,
    load: loadDb,
    note: `${db1.result.kind === 'dbscan' ? db1.result.result.clusterCount : 0} clusters (ST_ClusterDBSCAN ${pgClusters - 1} + noise)`,
  });

  const emergingSpec = { municipalityCode: CODE, ...FIVE_YEARS, step: 'month', ...hex } as const;
  const [em, tEm, loadEm] = await median(() => runJob(h, { kind: 'emerging', ...emergingSpec }));
  const tEmServer = await serverMs(h, cellCountsSql(emergingSpec, listStepStarts(FIVE_YEARS.from, FIVE_YEARS.to, 'month')));
  const [, tNaiveEm] = await timed(() => naiveEmerging(h));
  const emResult = em.result.kind === 'emerging' ? em.result.result : null;
  rows.push({
    step: `emerging hot spots, 60 months, ${HEX_EDGE_M} m hex`,
    backend,
    n,
    ours: tEm,
    target: backend === 'postgres' ? 3000 : 5000,
    baseline: tNaiveEm,
    split: `binning + digest ${em.firstMs.toFixed(0)} (query server ${tEmServer.toFixed(0)}) + worker ${em.secondMs.toFixed(0)}`,
    load: loadEm,
    note: `${emResult?.steps.length ?? 0} steps × ${emResult?.study.a.length ?? 0} cells; baseline counts by ST_HexagonGrid join`,
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
    const u = new URL(ADMIN_URL);
    u.pathname = `/${BENCH_DB}`;
    const adminSql = async (statement: string) => {
      const admin = await openDatabase({ databaseUrl: ADMIN_URL, migrate: false });
      try {
        await sql.raw(statement).execute(admin.db);
      } finally {
        await admin.close();
      }
    };
    // A database kept by --keep is reused when it migrates cleanly; otherwise (a migration landed out of
    // order since) it is dropped and loaded afresh.
    let h: DatabaseHandle;
    try {
      h = await openDatabase({ databaseUrl: u.toString(), migrate: true });
    } catch {
      await adminSql(`DROP DATABASE IF EXISTS ${BENCH_DB}`);
      await adminSql(`CREATE DATABASE ${BENCH_DB}`);
      h = await openDatabase({ databaseUrl: u.toString(), migrate: true });
    }
    try {
      await benchBackend(h, 1_000_000);
    } finally {
      await h.close();
      if (!process.argv.includes('--keep')) await adminSql(`DROP DATABASE IF EXISTS ${BENCH_DB}`);
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
  console.log(`\nHot spots from the incident table (${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z); ours = median of ${RUNS} after a warm-up, baseline = one run; load = 1-min load average before–after\n`);
  printTable(
    ['step', 'backend', 'n', 'ours ms', 'target ms', 'naive baseline ms', 'where the time goes (ms)', 'load', 'note'],
    rows.map((r) => [r.step, r.backend, r.n.toLocaleString('en'), r.ours.toFixed(0), `< ${r.target.toLocaleString('en')}`, r.baseline === null ? '—' : r.baseline.toFixed(0), r.split, r.load, r.note]),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
