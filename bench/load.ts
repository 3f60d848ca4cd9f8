// Load benchmark: the synthetic generator into PostgreSQL (100k and 1M rows, a fresh database
// `lagesbild_bench`) and into PGlite (100k rows, a temporary folder), and the Värnamo demo seed on
// both. Prints tables; asserts nothing about time.
// Run: npx tsx bench/load.ts [--pg-sizes 100000,1000000] [--pglite-sizes 100000] [--no-demo]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '@/db/client';
import { seedDemo } from '@/db/seed/demo';
import { loadSyntheticIncidents } from '@/db/seed/synthetic';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const BENCH_DB = 'lagesbild_bench';
const SEED = 1;
// The first day of Q4 2026 in Stockholm: the demo seed the README's numbers refer to.
const DEMO_UNTIL = new Date('2026-09-30T22:00:00Z');
const WITH_DEMO = !process.argv.includes('--no-demo');

interface DemoRow {
  backend: string;
  seconds: number;
  incidents: number;
}
const demoRows: DemoRow[] = [];

/** The demo seed into an empty database: what `npm start` does on a fresh machine. */
async function measureDemo(h: DatabaseHandle): Promise<void> {
  if (!WITH_DEMO) return;
  const s = await seedDemo(h.db, { seed: SEED, until: DEMO_UNTIL });
  demoRows.push({ backend: h.backend, seconds: s.durationMs / 1000, incidents: s.counts.incident });
}

interface Row {
  backend: string;
  rows: number;
  loadSeconds: number;
  indexSeconds: number;
}

function sizesArg(flag: string, fallback: number[]): number[] {
  const i = process.argv.indexOf(flag);
  if (i < 0) return fallback;
  return (process.argv[i + 1] ?? '')
    .split(',')
    .filter(Boolean)
    .map((s) => Number(s.replace(/_/g, '')));
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

const seconds = (fromMs: number) => (performance.now() - fromMs) / 1000;

/**
 * One measurement: secondary indexes of `incident` are dropped before the COPY and rebuilt after it
 * (the usual bulk-load practice), so load and index times are reported apart. The primary key and
 * the unique external-id constraint stay: they are what a real import has to maintain.
 */
async function measure(h: DatabaseHandle, n: number): Promise<Row> {
  await sql`TRUNCATE incident CASCADE`.execute(h.db);
  const { rows: indexes } = await sql<{ name: string; def: string }>`
    SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
    WHERE i.tablename = 'incident' AND i.schemaname = current_schema()
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
    ORDER BY i.indexname`.execute(h.db);
  for (const ix of indexes) await sql.raw(`DROP INDEX ${ix.name}`).execute(h.db);

  let lastShown = 0;
  const loadStart = performance.now();
  const result = await loadSyntheticIncidents(h, {
    n,
    seed: SEED,
    onProgress: (done, total) => {
      if (done - lastShown >= 250_000 || done === total) {
        lastShown = done;
        process.stderr.write(`  ${h.backend}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} rows, ${seconds(loadStart).toFixed(1)} s\n`);
      }
    },
  });
  const loadSeconds = seconds(loadStart);

  const indexStart = performance.now();
  for (const ix of indexes) await sql.raw(ix.def).execute(h.db);
  await sql`ANALYZE incident`.execute(h.db);
  const indexSeconds = seconds(indexStart);

  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM incident WHERE source = 'synthetic'`.execute(h.db);
  if (rows[0].n !== n || result.rows !== n) throw new Error(`Expected ${n} rows, found ${rows[0].n}`);
  return { backend: h.backend, rows: n, loadSeconds, indexSeconds };
}

async function benchPostgres(sizes: number[]): Promise<Row[]> {
  const admin = await openDatabase({ databaseUrl: ADMIN_URL, migrate: false });
  try {
    await sql.raw(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`).execute(admin.db);
    await sql.raw(`CREATE DATABASE ${BENCH_DB}`).execute(admin.db);
  } finally {
    await admin.close();
  }
  const h = await openDatabase({ databaseUrl: withDatabaseName(ADMIN_URL, BENCH_DB), migrate: true });
  try {
    await measureDemo(h);
    const out: Row[] = [];
    for (const n of sizes) out.push(await measure(h, n));
    return out;
  } finally {
    await h.close();
  }
}

async function benchPglite(sizes: number[]): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lagesbild-bench-'));
  const h = await openDatabase({ databaseUrl: '', dataDir: dir, migrate: true });
  try {
    await measureDemo(h);
    const out: Row[] = [];
    for (const n of sizes) out.push(await measure(h, n));
    return out;
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function printTable(header: string[], body: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

async function main(): Promise<void> {
  const pgSizes = sizesArg('--pg-sizes', [100_000, 1_000_000]);
  const pgliteSizes = sizesArg('--pglite-sizes', [100_000]);
  const rows: Row[] = [];
  if (pgSizes.length || WITH_DEMO) rows.push(...(await benchPostgres(pgSizes)));
  if (pgliteSizes.length || WITH_DEMO) rows.push(...(await benchPglite(pgliteSizes)));
  console.log(`\nLägesbild load benchmark (${os.cpus().length} cores, Node ${process.version})`);
  if (rows.length) {
    console.log(`\nSynthetic incident load (seed ${SEED})\n`);
    printTable(
      ['backend', 'rows', 'load s (COPY)', 'index+analyze s', 'rows/s (load)'],
      rows.map((r) => [
        r.backend,
        r.rows.toLocaleString('en'),
        r.loadSeconds.toFixed(1),
        r.indexSeconds.toFixed(1),
        Math.round(r.rows / r.loadSeconds).toLocaleString('en'),
      ]),
    );
  }
  if (demoRows.length) {
    console.log(`\nVärnamo demo seed into an empty database (seed ${SEED}, until ${DEMO_UNTIL.toISOString()})\n`);
    printTable(
      ['backend', 'incidents', 'seed s'],
      demoRows.map((r) => [r.backend, r.incidents.toLocaleString('en'), r.seconds.toFixed(1)]),
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
