// Builds the migrated template once per run (and keeps the PGlite one between runs while the
// migrations are unchanged), so each test process copies it instead of migrating from scratch.
import fs from 'node:fs';
import { sql } from 'kysely';
import { openDatabase } from '@/db/client';
import { syncCategories } from '@/db/seed/categories';
import { TEMPLATE_DB, pgliteTemplateDir, testAdminUrl, testBackend, withDatabase } from './test-database';

export default async function setup(): Promise<void> {
  if (testBackend() === 'pglite') {
    const dir = pgliteTemplateDir();
    if (fs.existsSync(`${dir}/.complete`)) return;
    fs.rmSync(dir, { recursive: true, force: true });
    const h = await openDatabase({ databaseUrl: '', dataDir: dir, migrate: true });
    await syncCategories(h.db);
    await h.close();
    fs.writeFileSync(`${dir}/.complete`, new Date().toISOString());
    return;
  }
  const admin = await openDatabase({ databaseUrl: testAdminUrl(), migrate: false });
  try {
    await sql.raw(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`).execute(admin.db);
    await sql.raw(`CREATE DATABASE ${TEMPLATE_DB}`).execute(admin.db);
  } finally {
    await admin.close();
  }
  const t = await openDatabase({ databaseUrl: withDatabase(testAdminUrl(), TEMPLATE_DB), migrate: true });
  await syncCategories(t.db);
  await t.close();
}
