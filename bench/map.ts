// Map delivery benchmark (issue 5, Performance): what the staff map's requests cost with 1,000,000
// synthetic incidents on PostgreSQL and 100,000 on PGlite, measured over HTTP against `next start`
// exactly as the browser asks (signed in as the police demo user, whose exact access covers them).
// The server keeps built point packs (lib/server/situation/pack-cache.ts), so every request is
// measured twice: cold (each request a query the server has not seen: the box shifted by 1e-5°, or the
// period's end moved by a day) and warm (the same request again). Prints tables; asserts nothing about
// time (STYLE.md).
//
// Needs a production build first: `npm run build`, then
//   npx tsx bench/map.ts [--pg-rows 1000000] [--pglite-rows 100000] [--runs 5] [--requests 400] [--warmup 2] [--port 3400]
// (`--pg-rows 0` or `--pglite-rows 0` skips that backend). Self-contained: it creates and drops the
// PostgreSQL database lagesbild_bench_map and a temporary PGlite folder, and starts and stops its own
// `next start` on the port (default 3400).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '@/db/client';
import { loadSyntheticIncidents } from '@/db/seed/synthetic';
import { DEMO_MUNICIPALITY_CODE } from '@/lib/domain/constants';
import { unpackPoints } from '@/lib/map/point-pack';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const BENCH_DB = 'lagesbild_bench_map';
const CODE = DEMO_MUNICIPALITY_CODE;
/** The synthetic data's last year (db/seed/synthetic.ts ends on 2026-01-01 local). */
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const POLICE = { email: 'polis@demo.lagesbild.example', password: 'demo-polis-0683' };
/** What browsers send; the app answers with whichever encoding it serves. */
const BROWSER_ENCODING = 'gzip, deflate, br, zstd';

function arg(flag: string, fallback: number): number {
  const i = process.argv.indexOf(flag);
  return i < 0 ? fallback : Number((process.argv[i + 1] ?? '').replace(/_/g, ''));
}
const PG_ROWS = arg('--pg-rows', 1_000_000);
const PGLITE_ROWS = arg('--pglite-rows', 100_000);
const RUNS = arg('--runs', 5);
const REQUESTS = arg('--requests', 400);
/** Unmeasured requests per client before each concurrency run. */
const WARMUP = arg('--warmup', 2);
const PORT = arg('--port', 3400);
const BASE = `http://127.0.0.1:${PORT}`;
/** Development aids: keep the PostgreSQL database at the end, and reuse a kept one with the same row count. */
const KEEP = process.argv.includes('--keep');
const REUSE = process.argv.includes('--reuse');

const log = (s: string) => process.stderr.write(`${s}\n`);
const load1 = () => os.loadavg()[0];

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
/** Nearest-rank percentile. */
function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

// ---------------------------------------------------------------------------------------------
// Databases

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The e2e preparation (migrations, demo seed or fixture, demo users) as the web server gets it. */
function prepare(backend: 'postgres' | 'pglite', target: string): void {
  const r = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'e2e/support/prepare-database.ts', backend, target], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`prepare-database ${backend} failed (${r.status})`);
}

/** N synthetic incidents into the demo municipality (visibility joint), secondary indexes rebuilt after the COPY. */
async function loadIncidents(h: DatabaseHandle, n: number): Promise<void> {
  const { rows: indexes } = await sql<{ name: string; def: string }>`
    SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
    WHERE i.tablename = 'incident' AND i.schemaname = current_schema()
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`.execute(h.db);
  for (const ix of indexes) await sql.raw(`DROP INDEX ${ix.name}`).execute(h.db);
  const started = performance.now();
  let shown = 0;
  await loadSyntheticIncidents(h, {
    n,
    seed: 1,
    municipalityCode: CODE,
    allowDemoMunicipality: true,
    onProgress: (done, total) => {
      if (done - shown >= 250_000 || done === total) {
        shown = done;
        log(`  ${h.backend}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} synthetic incidents, ${((performance.now() - started) / 1000).toFixed(0)} s`);
      }
    },
  });
  for (const ix of indexes) await sql.raw(ix.def).execute(h.db);
  // VACUUM as autovacuum would soon after a bulk load: index-only scans need the visibility map.
  await sql`VACUUM ANALYZE incident`.execute(h.db);
}

interface Box {
  bbox: [number, number, number, number];
  count: number;
}

/** Incidents of the year inside an EPSG:3006 square, and that square as a WGS84 bbox. */
async function boxAround(h: DatabaseHandle, x: number, y: number, half: number): Promise<Box> {
  const { rows } = await sql<{ w: number; s: number; e: number; n: number; count: number }>`
    WITH env AS (SELECT ST_Transform(ST_MakeEnvelope(${x - half}, ${y - half}, ${x + half}, ${y + half}, 3006), 4326) AS g)
    SELECT ST_XMin(env.g) AS w, ST_YMin(env.g) AS s, ST_XMax(env.g) AS e, ST_YMax(env.g) AS n,
      (SELECT count(*)::int FROM incident i WHERE i.municipality_code = ${CODE} AND i.geom && env.g
        AND i.occurred_at >= (${YEAR.from}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'
        AND i.occurred_at < (${YEAR.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm') AS count
    FROM env`.execute(h.db);
  const r = rows[0];
  // Rounded outward to 1e-5° as a browser's viewport would be written.
  const down = (v: number) => Math.floor(Number(v) * 1e5) / 1e5;
  const up = (v: number) => Math.ceil(Number(v) * 1e5) / 1e5;
  return { bbox: [down(r.w), down(r.s), up(r.e), up(r.n)], count: Number(r.count) };
}

interface Boxes {
  viewport: Box;
  street: Box;
  yearTotal: number;
}

/**
 * The viewport: a square around the densest 500 m cell of the year grown until it holds about 50,000
 * points. The bbox API's square: the 2 × 2 km box (on a 500 m grid) whose count is closest to 10,000.
 */
async function chooseBoxes(h: DatabaseHandle): Promise<Boxes> {
  const { rows: cells } = await sql<{ cx: number; cy: number; count: number }>`
    SELECT floor(ST_X(geom_3006) / 500)::int AS cx, floor(ST_Y(geom_3006) / 500)::int AS cy, count(*)::int AS count
    FROM incident WHERE municipality_code = ${CODE}
      AND occurred_at >= (${YEAR.from}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'
      AND occurred_at < (${YEAR.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm'
    GROUP BY 1, 2`.execute(h.db);
  const grid = new Map(cells.map((c) => [`${c.cx},${c.cy}`, Number(c.count)]));
  const yearTotal = cells.reduce((s, c) => s + Number(c.count), 0);
  const densest = cells.reduce((a, b) => (Number(b.count) > Number(a.count) ? b : a));
  let best = { x: 0, y: 0, diff: Infinity };
  for (const c of cells) {
    let n = 0;
    for (let dx = 0; dx < 4; dx++) for (let dy = 0; dy < 4; dy++) n += grid.get(`${c.cx + dx},${c.cy + dy}`) ?? 0;
    if (Math.abs(n - 10_000) < best.diff) best = { x: (c.cx + 2) * 500, y: (c.cy + 2) * 500, diff: Math.abs(n - 10_000) };
  }
  const street = await boxAround(h, best.x, best.y, 1000);
  const target = Math.min(50_000, Math.floor(yearTotal * 0.5));
  const cx = (densest.cx + 0.5) * 500;
  const cy = (densest.cy + 0.5) * 500;
  let lo = 250;
  let hi = 15_000;
  let viewport = await boxAround(h, cx, cy, hi);
  for (let i = 0; i < 14; i++) {
    const mid = (lo + hi) / 2;
    const b = await boxAround(h, cx, cy, mid);
    if (b.count >= target) {
      hi = mid;
      viewport = b;
    } else lo = mid;
    if (Math.abs(b.count - target) < target * 0.01) {
      viewport = b;
      break;
    }
  }
  return { viewport, street, yearTotal };
}

interface GeoJsonBaseline {
  ms: number;
  bytes: number;
  gzip: number;
  count: number;
}

/** The baseline the issue compares with: the same points as a GeoJSON FeatureCollection built in SQL. */
async function geoJsonBaseline(h: DatabaseHandle, box: Box): Promise<GeoJsonBaseline> {
  const [w, s, e, n] = box.bbox;
  const times: number[] = [];
  let text = '';
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const { rows } = await sql<{ fc: string }>`
      SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
        'type', 'Feature', 'id', i.id, 'geometry', ST_AsGeoJSON(i.geom, 6)::json,
        'properties', json_build_object('category', i.category_key, 'occurred_at', i.occurred_at))), '[]'::json))::text AS fc
      FROM incident i WHERE i.municipality_code = ${CODE} AND i.geom && ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)
        AND i.occurred_at >= (${YEAR.from}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'
        AND i.occurred_at < (${YEAR.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm'`.execute(h.db);
    text = rows[0].fc;
    times.push(performance.now() - t0);
  }
  const bytes = Buffer.byteLength(text);
  return { ms: median(times), bytes, gzip: zlib.gzipSync(text).length, count: (JSON.parse(text) as { features: unknown[] }).features.length };
}

// ---------------------------------------------------------------------------------------------
// HTTP

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

interface Fetched {
  status: number;
  ms: number;
  /** Bytes on the wire (compressed when the server compressed). */
  wire: number;
  /** Bytes after decoding. */
  body: Buffer;
  encoding: string;
  headers: http.IncomingHttpHeaders;
}

function request(pathAndQuery: string, options: { cookie?: string; method?: string; body?: string; encoding?: string } = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      `${BASE}${pathAndQuery}`,
      {
        agent,
        method: options.method ?? 'GET',
        headers: {
          'accept-encoding': options.encoding ?? BROWSER_ENCODING,
          origin: BASE,
          ...(options.cookie ? { cookie: options.cookie } : {}),
          // A declared length: the app's proxy refuses a chunked request body with 411.
          ...(options.body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(options.body)) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - t0;
          const raw = Buffer.concat(chunks);
          const encoding = String(res.headers['content-encoding'] ?? 'identity');
          let body: Buffer = raw;
          if (encoding === 'gzip') body = zlib.gunzipSync(raw);
          else if (encoding === 'br') body = zlib.brotliDecompressSync(raw);
          else if (encoding === 'deflate') body = zlib.inflateSync(raw);
          // Point packs are gzipped by the app itself and say so in their own header (app/api/_lib/point-pack-response.ts).
          if (res.headers['x-pack-encoding'] === 'gzip') body = zlib.gunzipSync(body);
          const served = res.headers['x-pack-encoding'] ? `${encoding === 'identity' ? '' : `${encoding}+`}pack-${String(res.headers['x-pack-encoding'])}` : encoding;
          resolve({ status: res.statusCode ?? 0, ms, wire: raw.length, body, encoding: served, headers: res.headers });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

async function waitForServer(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const r = await request('/api/health').catch(() => null);
    if (r?.status === 200) return;
    await new Promise((res) => setTimeout(res, 1000));
  }
  throw new Error('next start did not become ready in 5 minutes');
}

async function startNext(env: Record<string, string>): Promise<ChildProcess> {
  if (!fs.existsSync(path.join('.next', 'BUILD_ID'))) throw new Error('No production build: run `npm run build` first.');
  const child = spawn(path.join('node_modules', '.bin', 'next'), ['start', '-p', String(PORT)], {
    env: { ...process.env, LAGESBILD_DEMO: 'off', LAGESBILD_BASE_URL: BASE, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForServer(child);
  return child;
}

async function stopNext(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((res) => child.once('exit', res));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((res) => setTimeout(res, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function signIn(): Promise<string> {
  const r = await request('/api/auth/sign-in/email', { method: 'POST', body: JSON.stringify(POLICE) });
  if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${r.body.toString()}`);
  const cookies = ([] as string[]).concat(r.headers['set-cookie'] ?? []);
  return cookies.map((c) => c.split(';')[0]).join('; ');
}

const query = (p: Record<string, string>) => new URLSearchParams({ municipality: CODE, ...p }).toString();

// ---------------------------------------------------------------------------------------------
// Measurements

interface Single {
  what: string;
  points: number;
  /** Median of RUNS requests, each a query the server has not answered before (no pack cached). */
  cold: number;
  coldMin: number;
  coldMax: number;
  /** Median of RUNS repeats of one request after it was answered once (the server's pack cache). */
  warm: number;
  raw: number;
  wire: number;
  encoding: string;
  gzip: number;
  br: number;
  /** Whether the pack carries each point's id (format LBP2). */
  ids: boolean;
  load: number;
}

/**
 * Cold: RUNS distinct variants of the request one after another (variant(i) for i = 1…RUNS), after one
 * unrelated warm-up. Warm: variant(0) once, then RUNS times again. Bytes of the last warm answer.
 */
async function single(what: string, variant: (i: number) => string, cookie: string, countOf: (f: Fetched) => number, encoding = BROWSER_ENCODING): Promise<Single> {
  const first = await request(variant(RUNS + 1), { cookie, encoding });
  if (first.status !== 200) throw new Error(`${what}: HTTP ${first.status} ${first.body.toString().slice(0, 300)}`);
  const loads: number[] = [];
  const cold: number[] = [];
  for (let i = 1; i <= RUNS; i++) {
    loads.push(load1());
    cold.push((await request(variant(i), { cookie, encoding })).ms);
  }
  let last = await request(variant(0), { cookie, encoding });
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    loads.push(load1());
    last = await request(variant(0), { cookie, encoding });
    warm.push(last.ms);
  }
  return {
    what,
    points: countOf(last),
    cold: median(cold),
    coldMin: Math.min(...cold),
    coldMax: Math.max(...cold),
    warm: median(warm),
    raw: last.body.length,
    wire: last.wire,
    encoding: last.encoding,
    gzip: zlib.gzipSync(last.body).length,
    br: zlib.brotliCompressSync(last.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }).length,
    ids: last.body.length >= 4 && last.body.subarray(0, 4).toString() === 'LBP2' && countOf(last) > 0 && unpackPoints(last.body).ids !== null,
    load: median(loads),
  };
}

interface Concurrent {
  mode: 'cold' | 'warm';
  clients: number;
  requests: number;
  p50: number;
  p95: number;
  max: number;
  rps: number;
  load: number;
}

/**
 * `clients` loops, each sending its next request when the previous answered, REQUESTS in all. Warm:
 * the same request every time (after one to fill the cache). Cold: request number n asks variant(n),
 * every one distinct. Each run starts with WARMUP unmeasured requests per client.
 */
async function concurrent(mode: 'cold' | 'warm', variant: (i: number) => string, cookie: string, clients: number, offset: number): Promise<Concurrent> {
  const perClient = Math.max(5, Math.ceil(REQUESTS / clients));
  const times: number[] = [];
  const loads: number[] = [load1()];
  if (mode === 'warm') await request(variant(0), { cookie });
  // Unmeasured warm-up, as a load tool's first second: WARMUP requests per client (cold: boxes of their
  // own, shifted the other way, so the measured ones stay unseen).
  let warm = offset;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < WARMUP; i++) await request(mode === 'warm' ? variant(0) : variant(-++warm), { cookie });
    }),
  );
  let next = offset;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < perClient; i++) {
        const r = await request(mode === 'warm' ? variant(0) : variant(++next), { cookie });
        if (r.status !== 200) throw new Error(`bbox API: HTTP ${r.status}`);
        times.push(r.ms);
      }
    }),
  );
  loads.push(load1());
  const seconds = (performance.now() - t0) / 1000;
  return { mode, clients, requests: times.length, p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), rps: times.length / seconds, load: median(loads) };
}

interface BackendResult {
  backend: string;
  rows: number;
  yearTotal: number;
  singles: Single[];
  geojson: GeoJsonBaseline;
  viewport: Box;
  street: Box;
  concurrency: Concurrent[];
}

const packCount = (f: Fetched) => unpackPoints(f.body).count;

/** What /karta asks at the municipality's zoom since viewport loading (lib/map/viewport-tiles.ts): exact hexagon counts, no points. */
function exactAggregatePath(filterQuery: string): string {
  return `/api/v1/aggregates/exact?${filterQuery}&cell=1000`;
}


/** The bbox shifted east by i × 1e-5° (about 0.6 m): a distinct request for the server, nearly the same points. */
const shifted = (b: Box, i: number) => [b.bbox[0] + i * 1e-5, b.bbox[1], b.bbox[2] + i * 1e-5, b.bbox[3]].map((v) => v.toFixed(5)).join(',');
/** The year with its last day moved back by i days: a distinct request without a bbox. */
const yearLess = (i: number) => ({ from: YEAR.from, to: new Date(Date.parse(`${YEAR.to}T00:00:00Z`) - i * 86_400_000).toISOString().slice(0, 10) });

async function measureApp(h: DatabaseHandle, backend: string, rows: number, closeDb: () => Promise<void>, env: Record<string, string>): Promise<BackendResult> {
  log(`${backend}: choosing the viewport and the 2 × 2 km box`);
  const { viewport, street, yearTotal } = await chooseBoxes(h);
  log(`${backend}: GeoJSON baseline over the viewport (${viewport.count} points)`);
  const geojson = await geoJsonBaseline(h, viewport);
  await closeDb();
  log(`${backend}: starting next start on port ${PORT}`);
  const child = await startNext(env);
  try {
    const cookie = await signIn();
    const singles: Single[] = [];
    log(`${backend}: one-year view`);
    // What /karta asks for at the municipality's zoom: the page (server-rendered summary, matrix and
    // trend) and then the points of the whole filter (no bbox: app/(staff)/karta/page.tsx pointsUrlFor).
    singles.push(await single('page /karta, one year', (i) => `/karta?${query(yearLess(i))}`, cookie, () => 0));
    singles.push(await single('points, one year, whole municipality', (i) => `/api/v1/incidents/points?${query(yearLess(i))}`, cookie, packCount));
    singles.push(await single('exact aggregate (1000 m hexagons), one year, whole municipality', (i) => exactAggregatePath(query(yearLess(i))), cookie, () => 0));
    log(`${backend}: viewport`);
    const viewportPath = (i: number) => `/api/v1/incidents/points?${query({ ...YEAR, bbox: shifted(viewport, i) })}`;
    singles.push(await single('points, viewport ≈50k', viewportPath, cookie, packCount));
    singles.push(await single('points, viewport ≈50k, uncompressed', (i) => viewportPath(i + 100), cookie, packCount, 'identity'));
    const streetPath = (i: number) => `/api/v1/incidents/points?${query({ ...YEAR, bbox: shifted(street, i) })}`;
    singles.push(await single('points, 2 × 2 km', streetPath, cookie, packCount));
    const concurrency: Concurrent[] = [];
    let offset = 1000;
    for (const mode of ['cold', 'warm'] as const) {
      for (const clients of [1, 5, 20]) {
        log(`${backend}: bbox API, ${mode}, ${clients} client(s)`);
        concurrency.push(await concurrent(mode, streetPath, cookie, clients, offset));
        offset += 1000;
      }
    }
    return { backend, rows, yearTotal, singles, geojson, viewport, street, concurrency };
  } finally {
    await stopNext(child);
  }
}

/** Synthetic incidents in a kept bench database (0 when there is none). */
async function countSynthetic(url: string): Promise<number> {
  const h = await openDatabase({ databaseUrl: url, migrate: false }).catch(() => null);
  if (!h) return 0;
  try {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM incident WHERE source = 'synthetic'`.execute(h.db);
    return Number(rows[0].n);
  } catch {
    return 0;
  } finally {
    await h.close();
  }
}

async function benchPostgres(): Promise<BackendResult> {
  const url = withDatabaseName(ADMIN_URL, BENCH_DB);
  const existing = REUSE ? await countSynthetic(url) : 0;
  if (existing !== PG_ROWS) {
    log(`postgres: preparing ${BENCH_DB}`);
    prepare('postgres', url);
  }
  // A reused database gets this build's migrations here; they may rewrite the incident table (a new
  // column), after which index-only scans need the visibility map again, as after the bulk load.
  const h = await openDatabase({ databaseUrl: url, migrate: existing === PG_ROWS });
  if (existing === PG_ROWS) await sql`VACUUM ANALYZE incident`.execute(h.db);
  let open = true;
  const close = async () => {
    if (open) await h.close();
    open = false;
  };
  try {
    if (existing !== PG_ROWS) await loadIncidents(h, PG_ROWS);
    return await measureApp(h, 'postgres', PG_ROWS, close, { DATABASE_URL: url });
  } finally {
    await close();
    if (!KEEP) {
      const admin = await openDatabase({ databaseUrl: ADMIN_URL, migrate: false });
      await sql.raw(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`).execute(admin.db);
      await admin.close();
    }
  }
}

async function benchPglite(): Promise<BackendResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lagesbild-bench-map-'));
  try {
    log(`pglite: preparing ${dir}`);
    prepare('pglite', dir);
    const h = await openDatabase({ databaseUrl: '', dataDir: dir, migrate: false });
    let open = true;
    const close = async () => {
      if (open) await h.close();
      open = false;
    };
    try {
      await loadIncidents(h, PGLITE_ROWS);
      // PGlite is one process: the bench lets go of the folder before the app opens it.
      return await measureApp(h, 'pglite', PGLITE_ROWS, close, { DATABASE_URL: '', LAGESBILD_DATA_DIR: dir });
    } finally {
      await close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Output

function printTable(header: string[], body: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
const ms = (n: number) => n.toFixed(0);
const bboxText = (b: Box) => b.bbox.map((v) => v.toFixed(5)).join(',');

function report(results: BackendResult[]): void {
  console.log(`\nLägesbild map benchmark (${os.cpus().length} cores, Node ${process.version}, ${RUNS} runs each, median; load = 1-min load average while measuring)`);
  for (const r of results) {
    console.log(`\n${r.backend}: ${r.rows.toLocaleString('en')} synthetic incidents (${r.yearTotal.toLocaleString('en')} in ${YEAR.from.slice(0, 4)}), police viewer, over HTTP to next start\n`);
    console.log(`viewport ${bboxText(r.viewport)} (${r.viewport.count.toLocaleString('en')} points); 2 × 2 km box ${bboxText(r.street)} (${r.street.count.toLocaleString('en')} points)\n`);
    printTable(
      ['request', 'points', 'cold ms', 'cold min–max', 'warm ms', 'raw', 'served', 'encoding', 'gzip', 'br (q4)', 'ids', 'load'],
      [
        ...r.singles.map((s) => [
          s.what,
          s.points ? s.points.toLocaleString('en') : '–',
          ms(s.cold),
          `${ms(s.coldMin)}–${ms(s.coldMax)}`,
          ms(s.warm),
          kb(s.raw),
          kb(s.wire),
          s.encoding,
          kb(s.gzip),
          kb(s.br),
          s.points ? (s.ids ? 'yes' : 'no') : '–',
          s.load.toFixed(1),
        ]),
        ['baseline: GeoJSON in SQL, viewport (no HTTP)', r.geojson.count.toLocaleString('en'), ms(r.geojson.ms), '', '', kb(r.geojson.bytes), '', '', kb(r.geojson.gzip), '', 'yes', ''],
      ],
    );
    console.log('');
    printTable(
      ['bbox API, 2 × 2 km, one year', 'requests', 'p50 ms', 'p95 ms', 'max ms', 'req/s', 'load'],
      r.concurrency.map((c) => [`${c.mode}, ${c.clients} client${c.clients > 1 ? 's' : ''}`, String(c.requests), ms(c.p50), ms(c.p95), ms(c.max), c.rps.toFixed(1), c.load.toFixed(1)]),
    );
  }
}

async function main(): Promise<void> {
  const results: BackendResult[] = [];
  if (PG_ROWS > 0) results.push(await benchPostgres());
  if (PGLITE_ROWS > 0) results.push(await benchPglite());
  report(results);
  agent.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
