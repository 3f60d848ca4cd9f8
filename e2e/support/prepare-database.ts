// Builds the database a Playwright web server runs on: fresh, migrated and seeded.
//   node --conditions=react-server --import tsx e2e/support/prepare-database.ts postgres <url>   drops and recreates the database in <url>
//   … pglite <dir>     wipes <dir> and creates an embedded database there
// Seed: the Värnamo demo (db/seed/demo, until 2026-01-01) when it exists, else e2e/fixtures; force the
// small fixture with E2E_SEED=fixture. Runs before `next start` in the webServer command, because
// Playwright starts web servers before globalSetup.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { openDatabase } from '@/db/client';
import { syncCategories } from '@/db/seed/categories';
import type { Database } from '@/db/schema';
import type { Kysely } from 'kysely';
import { seedMapFixture } from '../fixtures/seed-map-fixture';

/** The demo ends here, so the e2e period (2025) is a full year of demo data. */
const DEMO_UNTIL = new Date('2026-01-01T00:00:00+01:00');

type SeedDemo = (db: Kysely<Database>, options: { seed: number; until: Date }) => Promise<unknown>;

async function loadSeedDemo(): Promise<SeedDemo | null> {
  if (process.env.E2E_SEED === 'fixture') return null;
  // Looked up by file: the demo seed is being written alongside, and this must run before it lands.
  const file = ['db/seed/demo.ts', 'db/seed/demo/index.ts'].map((f) => path.resolve(f)).find((f) => fs.existsSync(f));
  if (!file) return null;
  const mod = (await import(pathToFileURL(file).href)) as { seedDemo?: SeedDemo };
  return mod.seedDemo ?? null;
}

/** The README's demo users, made by the product's own code (needs the react-server condition). */
async function createUsers(db: Kysely<Database>): Promise<number> {
  const { createDemoUsers } = await import('@/lib/server/auth/demo-users');
  const { createConfiguredAuth } = await import('@/lib/server/auth/get-auth');
  return createDemoUsers(db, await createConfiguredAuth(db), { actor: 'e2e' });
}

async function seed(db: Kysely<Database>): Promise<string> {
  await syncCategories(db);
  const seedDemo = await loadSeedDemo();
  if (seedDemo) {
    await seedDemo(db, { seed: 1, until: DEMO_UNTIL });
    return `demo, ${await createUsers(db)} demo users`;
  }
  const s = await seedMapFixture(db);
  return `fixture (${s.incidents} incidents, ${s.visibleInPeriod} visible in 2025), ${await createUsers(db)} demo users`;
}

async function main(): Promise<void> {
  const [backend, target] = process.argv.slice(2);
  const started = Date.now();
  if (backend === 'postgres' && target) {
    const url = new URL(target);
    const name = url.pathname.replace(/^\//, '');
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe database name "${name}"`);
    const adminUrl = new URL(target);
    adminUrl.pathname = '/postgres';
    const admin = await openDatabase({ databaseUrl: adminUrl.toString(), migrate: false });
    try {
      await sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).execute(admin.db);
      await sql.raw(`CREATE DATABASE ${name}`).execute(admin.db);
    } finally {
      await admin.close();
    }
    const h = await openDatabase({ databaseUrl: target, migrate: true });
    try {
      const what = await seed(h.db);
      console.log(`e2e: PostgreSQL database ${name} ready with ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await h.close();
    }
    return;
  }
  if (backend === 'pglite' && target) {
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    const h = await openDatabase({ databaseUrl: '', dataDir: target, migrate: true });
    try {
      // The smoke run stays small: the full demo on PGlite takes minutes.
      await syncCategories(h.db);
      const s = await seedMapFixture(h.db);
      const users = await createUsers(h.db);
      console.log(`e2e: PGlite folder ${target} ready with fixture (${s.incidents} incidents), ${users} demo users in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await h.close();
    }
    return;
  }
  console.error('usage: tsx e2e/support/prepare-database.ts postgres <url> | pglite <dir>');
  process.exit(2);
}

main().catch((err) => {
  console.error(`e2e: preparing the database failed: ${(err as Error).message}`);
  process.exit(1);
});
