// Integration tests run on a real database: PGlite + PostGIS or PostgreSQL + PostGIS, chosen by
// LAGESBILD_TEST_BACKEND. One database per test process (PGlite takes seconds to start), built from a
// migrated template; tests keep apart by each using their own municipality (tenant), as production does.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '@/db/client';
import { syncCategories } from '@/db/seed/categories';

export type TestBackend = 'pglite' | 'postgres';

export function testBackend(): TestBackend {
  const b = process.env.LAGESBILD_TEST_BACKEND ?? 'pglite';
  if (b !== 'pglite' && b !== 'postgres') throw new Error(`LAGESBILD_TEST_BACKEND must be pglite or postgres, not "${b}"`);
  return b;
}

/** Server used by postgres integration tests; the role must be allowed to create databases. */
export function testAdminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Hash of the migrations' source: a changed migration rebuilds the template. */
export function migrationsFingerprint(): string {
  const dir = path.resolve('db/migrations');
  const h = crypto.createHash('sha256');
  for (const f of fs.readdirSync(dir).sort()) h.update(f).update(fs.readFileSync(path.join(dir, f)));
  return h.digest('hex').slice(0, 12);
}

/** Prefix of every database this test run creates on the server. */
export function testRunPrefix(): string {
  return `lagesbild_t${process.env.LAGESBILD_TEST_RUN ?? 'x'}_`;
}

/**
 * The migrated template of this test run. Named per run (the global setup sets it before the
 * workers start) so that two runs at once on one server never drop each other's template.
 */
export function templateDbName(): string {
  return process.env.LAGESBILD_TEST_TEMPLATE_DB ?? `lagesbild_test_template_${migrationsFingerprint()}`;
}

export function pgliteTemplateDir(): string {
  return path.join(os.tmpdir(), `lagesbild-test-template-${migrationsFingerprint()}`);
}

const KEY = Symbol.for('lagesbild.testdb');
const g = globalThis as unknown as Record<symbol, Promise<DatabaseHandle> | undefined>;

/**
 * LAGESBILD_TEST_KEEP_LIST names a file: every test database made is listed there ("pglite <dir>" or
 * "postgres <url>") and kept after the run, so scripts/test-all.mjs can verify their audit chains
 * once the whole suite is done (and then removes them).
 */
export function keptDatabasesList(): string | null {
  return process.env.LAGESBILD_TEST_KEEP_LIST || null;
}

function listKept(kind: TestBackend, location: string): void {
  const list = keptDatabasesList();
  if (list) fs.appendFileSync(list, `${kind} ${location}\n`);
}

/** A fresh folder (pglite) or database (postgres) copied from the migrated template. */
export async function openFreshTestDatabase(): Promise<DatabaseHandle> {
  if (testBackend() === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lagesbild-test-'));
    listKept('pglite', dir);
    fs.cpSync(pgliteTemplateDir(), dir, { recursive: true });
    fs.rmSync(path.join(dir, 'lagesbild.lock'), { force: true });
    const handle = await openDatabase({ databaseUrl: '', dataDir: dir, migrate: true });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  // Prefixed by the run, so the run's teardown drops every database it made (see int-global-setup).
  const name = `${testRunPrefix()}${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: testAdminUrl(), migrate: false });
  try {
    await sql.raw(`CREATE DATABASE ${name} TEMPLATE ${templateDbName()}`).execute(admin.db);
  } finally {
    await admin.close();
  }
  const handle = await openDatabase({ databaseUrl: withDatabase(testAdminUrl(), name), migrate: true });
  listKept('postgres', withDatabase(testAdminUrl(), name));
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const a = await openDatabase({ databaseUrl: testAdminUrl(), migrate: false });
      try {
        await sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).execute(a.db);
      } finally {
        await a.close();
      }
    },
  };
}

/** The test process's shared database (opened once, closed when the process exits). */
export function getTestDatabase(): Promise<DatabaseHandle> {
  g[KEY] ??= openFreshTestDatabase().then(async (h) => {
    await syncCategories(h.db);
    return h;
  });
  return g[KEY]!;
}

let counter = 0;

/** Creates a municipality (tenant) no other test uses, so tests never see each other's rows. */
export async function createTestMunicipality(handle: DatabaseHandle, name = 'Testkommun'): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const code = String((process.pid * 37 + counter++ * 7919 + attempt * 104729) % 9000 + 1000);
    const inserted = await handle.db
      .insertInto('municipality')
      .values({ code, name: `${name} ${code}` })
      .onConflict((oc) => oc.doNothing())
      .returning('code')
      .executeTakeFirst();
    if (inserted) return inserted.code;
  }
  throw new Error('No free test municipality code');
}
