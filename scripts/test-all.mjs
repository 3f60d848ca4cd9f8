#!/usr/bin/env node
// The whole suite, tier by tier: typecheck, lint, unit, integration on PGlite and on PostgreSQL,
// next build, browser tests, and last the audit chain of every database the suite wrote to
// (`lagesbild audit verify`: the e2e databases and the integration tests' kept databases). Prints a table of each tier's time and ends with one line
// "N passed, N failed" summing all tiers (a tier without test counts counts as one check).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const out = path.join(root, 'test-results', 'tiers');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

function pgPort() {
  const r = spawnSync('pg_lsclusters', ['-h'], { encoding: 'utf8' });
  const line = (r.stdout || '').split('\n').find((l) => /^15\s+main\s/.test(l));
  return line ? line.split(/\s+/)[2] : '5432';
}

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

// The integration tiers list the databases they make here and keep them (lib/testing/test-database.ts),
// so that the audit tier can verify their chains after everything else ran; it removes them after.
// Outside test-results/: Playwright empties that folder when the e2e tier starts.
const keptList = path.join(os.tmpdir(), `lagesbild-kept-test-databases-${process.pid}.txt`);
fs.rmSync(keptList, { force: true });

const testDbUrl = process.env.TEST_DATABASE_URL || `postgres://postgres:postgres@127.0.0.1:${pgPort()}/postgres`;
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const vitestJson = (name) => path.join(out, `${name}.json`);

const tiers = [
  { name: 'typecheck', cmd: [bin('tsc'), '--noEmit', '-p', '.'] },
  { name: 'lint', cmd: [bin('eslint'), '--max-warnings', '0', '.'] },
  { name: 'unit', cmd: [bin('vitest'), 'run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson('unit')}`], report: 'vitest' },
  {
    name: 'integration (PGlite)',
    cmd: [bin('vitest'), 'run', '--project', 'int', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson('int-pglite')}`],
    env: { LAGESBILD_TEST_BACKEND: 'pglite', LAGESBILD_TEST_KEEP_LIST: keptList },
    report: 'vitest',
    file: 'int-pglite',
  },
  {
    name: 'integration (PostgreSQL)',
    cmd: [bin('vitest'), 'run', '--project', 'int', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson('int-postgres')}`],
    env: { LAGESBILD_TEST_BACKEND: 'postgres', TEST_DATABASE_URL: testDbUrl, LAGESBILD_TEST_KEEP_LIST: keptList },
    report: 'vitest',
    file: 'int-postgres',
  },
  { name: 'build', cmd: ['npm', 'run', 'build'] },
  {
    name: 'e2e (Chromium)',
    cmd: [bin('playwright'), 'test', '--reporter=list,json'],
    env: {
      PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(out, 'e2e.json'),
      TEST_DATABASE_URL: testDbUrl,
      E2E_DATABASE_URL: process.env.E2E_DATABASE_URL || withDatabase(testDbUrl, 'lagesbild_e2e'),
    },
    report: 'playwright',
    needs: 'build',
  },
  // Last: every chain the suite appended to must still verify (a count of databases checked).
  { name: 'audit chain', run: () => verifyAuditChains() },
];

const e2eDatabaseUrl = process.env.E2E_DATABASE_URL || withDatabase(testDbUrl, 'lagesbild_e2e');
const e2ePgliteDir = process.env.E2E_PGLITE_DIR || path.join(os.tmpdir(), 'lagesbild-e2e-pglite');

async function databaseExists(url) {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const r = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [new URL(url).pathname.slice(1)]);
    return r.rowCount === 1;
  } finally {
    await admin.end();
  }
}

async function dropDatabase(url) {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1).replace(/"/g, '')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** `lagesbild audit verify` on each database the suite used; exit code non-zero = broken chain = failed check. */
async function verifyAuditChains() {
  const targets = [];
  // The e2e servers' databases stay after the run (prepare-database rebuilds them at the next one).
  if (await databaseExists(e2eDatabaseUrl)) targets.push({ label: `e2e PostgreSQL ${new URL(e2eDatabaseUrl).pathname.slice(1)}`, env: { DATABASE_URL: e2eDatabaseUrl } });
  if (process.env.E2E_SKIP_PGLITE !== '1' && fs.existsSync(e2ePgliteDir)) targets.push({ label: `e2e PGlite ${e2ePgliteDir}`, env: { DATABASE_URL: '', LAGESBILD_DATA_DIR: e2ePgliteDir } });
  const kept = fs.existsSync(keptList) ? fs.readFileSync(keptList, 'utf8').split('\n').filter(Boolean) : [];
  const cleanups = [];
  for (const line of kept) {
    const [kind, location] = [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)];
    if (kind === 'pglite') {
      // A test that closed its own database removed it: nothing left to check.
      if (!fs.existsSync(location)) continue;
      targets.push({ label: `integration PGlite ${location}`, env: { DATABASE_URL: '', LAGESBILD_DATA_DIR: location } });
      cleanups.push(async () => fs.rmSync(location, { recursive: true, force: true }));
    } else {
      if (!(await databaseExists(location))) continue;
      targets.push({ label: `integration PostgreSQL ${new URL(location).pathname.slice(1)}`, env: { DATABASE_URL: location } });
      cleanups.push(() => dropDatabase(location));
    }
  }
  let passed = 0;
  let failed = 0;
  for (const target of targets) {
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'lagesbild.mjs'), 'audit', 'verify', '--as', 'test-all'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, LAGESBILD_DEMO: 'off', ...target.env },
    });
    const line = `${target.label}: ${(r.stdout + r.stderr).trim().split('\n').pop()}`;
    console.log(line);
    if (r.status === 0) passed++;
    else failed++;
  }
  for (const c of cleanups) await c();
  fs.rmSync(keptList, { force: true });
  // The integration tiers ran and kept nothing: the list went missing, so their chains went unchecked.
  const intRan = results.some((r) => r.name.startsWith('integration') && r.passed > 0);
  if (intRan && kept.length === 0) {
    console.log(`no integration-test database was listed in ${keptList}: their audit chains were not checked`);
    failed++;
  }
  if (targets.length === 0) return { ok: false, passed: 0, failed: 1, note: 'no database to verify (run the integration or e2e tiers)' };
  return { ok: failed === 0, passed, failed, note: `${targets.length} databases: ${failed === 0 ? 'every chain intact' : `${failed} broken`}` };
}

const only = process.env.LAGESBILD_TIERS ? new Set(process.env.LAGESBILD_TIERS.split(',')) : null;
const results = [];
for (const tier of tiers) {
  if (only && !only.has(tier.name.split(' ')[0])) continue;
  const dep = tier.needs && results.find((r) => r.name === tier.needs);
  if (dep && !dep.ok) {
    results.push({ name: tier.name, ok: false, passed: 0, failed: 1, seconds: 0, note: `skipped: ${tier.needs} failed` });
    continue;
  }
  console.log(`\n=== ${tier.name} ===`);
  const t0 = Date.now();
  if (tier.run) {
    const r = await tier.run();
    results.push({ name: tier.name, ...r, seconds: (Date.now() - t0) / 1000 });
    continue;
  }
  const r = spawnSync(tier.cmd[0], tier.cmd.slice(1), { stdio: 'inherit', cwd: root, env: { ...process.env, ...tier.env } });
  const seconds = (Date.now() - t0) / 1000;
  const ok = r.status === 0;
  let passed = ok ? 1 : 0;
  let failed = ok ? 0 : 1;
  let note = '';
  try {
    if (tier.report === 'vitest') {
      const j = JSON.parse(fs.readFileSync(vitestJson(tier.file ?? tier.name), 'utf8'));
      passed = j.numPassedTests;
      failed = j.numFailedTests + (ok || j.numFailedTests > 0 ? 0 : 1);
      note = `${j.numTotalTests} tests in ${j.numTotalTestSuites} suites`;
      if (j.numTotalTests === 0) {
        failed += 1;
        note = 'no tests ran';
      }
    } else if (tier.report === 'playwright') {
      const j = JSON.parse(fs.readFileSync(path.join(out, 'e2e.json'), 'utf8'));
      passed = j.stats.expected + j.stats.flaky;
      failed = j.stats.unexpected + (ok || j.stats.unexpected > 0 ? 0 : 1);
      note = `${j.stats.skipped} skipped, ${j.stats.flaky} flaky`;
    }
  } catch {
    note = 'no report (crashed before reporting)';
  }
  results.push({ name: tier.name, ok, passed, failed, seconds, note });
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
console.log('\n' + pad('tier', 26) + pad('result', 8) + lpad('passed', 8) + lpad('failed', 8) + lpad('seconds', 10) + '  note');
for (const r of results) {
  console.log(pad(r.name, 26) + pad(r.ok ? 'ok' : 'FAIL', 8) + lpad(r.passed, 8) + lpad(r.failed, 8) + lpad(r.seconds.toFixed(1), 10) + '  ' + r.note);
}
const total = results.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, seconds: a.seconds + r.seconds }), { passed: 0, failed: 0, seconds: 0 });
console.log(pad('total', 26) + pad('', 8) + lpad(total.passed, 8) + lpad(total.failed, 8) + lpad(total.seconds.toFixed(1), 10));
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
