// Import speed (issue 5): a CSV of N incidents as Swedish Excel writes it (`;`, decimal comma, local
// times, Swedish category names) imported through runImport — parse, validate every row, one
// transaction of batched inserts, the audit event — on PostgreSQL and PGlite; then the same file
// again (every row already present). Prints rows/s and the file size; asserts nothing about time.
//   npx tsx bench/import.ts [--rows 100000] [--backends postgres,pglite]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';

const SERVER_CONDITION = '--conditions=react-server';
if (!process.execArgv.includes(SERVER_CONDITION)) {
  const r = spawnSync(process.execPath, [SERVER_CONDITION, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
const { openDatabase } = await import('@/db/client');
const { syncCategories } = await import('@/db/seed/categories');
const { runImport } = await import('@/lib/server/import/run-import');
const { importOptionsSchema } = await import('@/lib/schemas/import');
const { CATEGORIES } = await import('@/lib/domain/categories');

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const BENCH_DB = 'lagesbild_bench_import';
const CODE = '0683';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, backends: { type: 'string', default: 'postgres,pglite' } } });
const ROWS = Number(values.rows);

/** Deterministic pseudo-random numbers (mulberry32), so every run imports the same file. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeCsv(n: number): string {
  const rnd = random(1);
  const cats = CATEGORIES.filter((c) => c.sensitivity === 'normal');
  const pad = (x: number) => String(x).padStart(2, '0');
  const lines = ['externt_id;kategori;tidpunkt;latitud;longitud;beskrivning'];
  for (let i = 0; i < n; i++) {
    const c = cats[Math.floor(rnd() * cats.length)];
    const day = 1 + Math.floor(rnd() * 28);
    const month = 1 + Math.floor(rnd() * 12);
    const lat = (57.13 + rnd() * 0.12).toFixed(6).replace('.', ',');
    const lon = (13.95 + rnd() * 0.2).toFixed(6).replace('.', ',');
    const id = i % 2 === 0 ? `B-${i}` : '';
    lines.push(`${id};${c.labelSv};2025-${pad(month)}-${pad(day)} ${pad(Math.floor(rnd() * 24))}:${pad(Math.floor(rnd() * 60))};${lat};${lon};${i % 10 === 0 ? '"Anmälan; med citat ""x"""' : ''}`);
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

async function prepare(db: Awaited<ReturnType<typeof openDatabase>>['db']): Promise<string> {
  await syncCategories(db);
  await db.insertInto('municipality').values({ code: CODE, name: 'Värnamo' }).onConflict((oc) => oc.doNothing()).execute();
  const org = await db.insertInto('organisation').values({ municipality_code: CODE, name: 'Bench-polisen', kind: 'police' }).returning('id').executeTakeFirstOrThrow();
  return org.id;
}

async function bench(backend: 'postgres' | 'pglite', bytes: Uint8Array): Promise<string[]> {
  let handle: Awaited<ReturnType<typeof openDatabase>>;
  let cleanup = async () => {};
  if (backend === 'postgres') {
    const admin = await openDatabase({ databaseUrl: ADMIN_URL, migrate: false });
    await sql.raw(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`).execute(admin.db);
    await sql.raw(`CREATE DATABASE ${BENCH_DB}`).execute(admin.db);
    await admin.close();
    const u = new URL(ADMIN_URL);
    u.pathname = `/${BENCH_DB}`;
    handle = await openDatabase({ databaseUrl: u.toString(), migrate: true });
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lagesbild-bench-import-'));
    handle = await openDatabase({ databaseUrl: '', dataDir: dir, migrate: true });
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  try {
    const orgId = await prepare(handle.db);
    const viewer = { userId: 'bench', actor: 'cli:bench', municipalityCode: CODE, held: [{ role: 'police' as const, organisationId: orgId }], meetingMode: false };
    const options = importOptionsSchema.parse({ municipality: CODE, kind: 'incidents' });
    const rows: string[] = [];
    for (const pass of ['first import', 'same file again']) {
      const t0 = performance.now();
      const r = await runImport(handle.db, viewer, { name: 'bench.csv', bytes }, options);
      const ms = performance.now() - t0;
      if (r.errorCount) throw new Error(`bench file has errors: ${JSON.stringify(r.errors.slice(0, 3))}`);
      rows.push(`| ${backend} | ${pass} | ${r.totalRows.toLocaleString('en')} | ${r.added.toLocaleString('en')} | ${r.alreadyPresent.toLocaleString('en')} | ${(ms / 1000).toFixed(1)} | ${(r.timings.validateMs / 1000).toFixed(1)} | ${(r.timings.storeMs / 1000).toFixed(1)} | ${Math.round((r.totalRows / ms) * 1000).toLocaleString('en')} |`);
    }
    return rows;
  } finally {
    await handle.close();
    await cleanup();
  }
}

const csv = makeCsv(ROWS);
const bytes = new TextEncoder().encode(csv);
console.log(`File: ${ROWS.toLocaleString('en')} incident rows, ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB (CSV, ';', decimal comma, half with external ids)\n`);
console.log('| backend | pass | rows | added | already present | seconds | of which read + check | of which store | rows/s |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
for (const backend of values.backends!.split(',').filter(Boolean) as ('postgres' | 'pglite')[]) {
  for (const line of await bench(backend, bytes)) console.log(line);
}
