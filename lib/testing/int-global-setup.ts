// Builds the migrated template once per run (and keeps the PGlite one between runs while the
// migrations are unchanged), so each test process copies it instead of migrating from scratch.
import fs from 'node:fs';
import { sql } from 'kysely';
import { openDatabase } from '@/db/client';
import { syncCategories } from '@/db/seed/categories';
import { keptDatabasesList, pgliteTemplateDir, testAdminUrl, testBackend, testRunPrefix, withDatabase } from './test-database';

export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (testBackend() === 'pglite') {
    const dir = pgliteTemplateDir();
    if (fs.existsSync(`${dir}/.complete`)) return;
    // Built aside and renamed into place: two runs starting at once must never share a half-built folder.
    const building = `${dir}.building-${process.pid}`;
    fs.rmSync(building, { recursive: true, force: true });
    const h = await openDatabase({ databaseUrl: '', dataDir: building, migrate: true });
    await syncCategories(h.db);
    await h.close();
    fs.writeFileSync(`${building}/.complete`, new Date().toISOString());
    try {
      fs.renameSync(building, dir);
    } catch {
      // Another run finished first: use its template.
      fs.rmSync(building, { recursive: true, force: true });
    }
    if (!fs.existsSync(`${dir}/.complete`)) throw new Error(`PGlite test template ${dir} is incomplete: delete it and rerun`);
    return;
  }
  process.env.LAGESBILD_TEST_RUN = String(process.pid);
  const template = `${testRunPrefix()}template`;
  process.env.LAGESBILD_TEST_TEMPLATE_DB = template;
  // Teardown: every database of this run (workers keep theirs open until they exit).
  const dropTemplate = async () => {
    const admin = await openDatabase({ databaseUrl: testAdminUrl(), migrate: false });
    try {
      const { rows } = await sql<{ datname: string }>`SELECT datname FROM pg_database WHERE starts_with(datname, ${testRunPrefix()})`.execute(admin.db);
      // Kept for the audit-chain check after the suite (LAGESBILD_TEST_KEEP_LIST): only the template goes.
      const keep = keptDatabasesList() ? (name: string) => name !== template : () => false;
      for (const { datname } of rows.filter((r) => !keep(r.datname))) await sql.raw(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).execute(admin.db);
    } finally {
      await admin.close();
    }
  };
  await dropTemplate();
  const admin = await openDatabase({ databaseUrl: testAdminUrl(), migrate: false });
  try {
    await sql.raw(`CREATE DATABASE ${template}`).execute(admin.db);
  } finally {
    await admin.close();
  }
  const t = await openDatabase({ databaseUrl: withDatabase(testAdminUrl(), template), migrate: true });
  await syncCategories(t.db);
  await t.close();
  return dropTemplate;
}
