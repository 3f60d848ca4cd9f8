// `lagesbild audit verify` as a process (the way scripts/test-all.mjs runs it after the suite): exit 0 on
// an intact chain, non-zero naming the row once a row was changed behind the append-only trigger.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '@/db/client';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { pgliteTemplateDir, templateDbName, testAdminUrl, testBackend, testRunPrefix, withDatabase } from '@/lib/testing/test-database';

const cleanups: (() => Promise<void>)[] = [];

/** A database of its own (the CLI opens it in another process), copied from the migrated template. */
async function ownDatabase(): Promise<{ env: Record<string, string>; open: () => Promise<DatabaseHandle> }> {
  if (testBackend() === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lagesbild-audit-cli-'));
    fs.cpSync(pgliteTemplateDir(), dir, { recursive: true });
    fs.rmSync(path.join(dir, 'lagesbild.lock'), { force: true });
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    return { env: { DATABASE_URL: '', LAGESBILD_DATA_DIR: dir }, open: () => openDatabase({ databaseUrl: '', dataDir: dir, migrate: true }) };
  }
  const name = `${testRunPrefix()}auditcli_${crypto.randomBytes(3).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: testAdminUrl(), migrate: false });
  try {
    await sql.raw(`CREATE DATABASE ${name} TEMPLATE ${templateDbName()}`).execute(admin.db);
  } finally {
    await admin.close();
  }
  cleanups.push(async () => {
    const a = await openDatabase({ databaseUrl: testAdminUrl(), migrate: false });
    try {
      await sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).execute(a.db);
    } finally {
      await a.close();
    }
  });
  const url = withDatabase(testAdminUrl(), name);
  return { env: { DATABASE_URL: url }, open: () => openDatabase({ databaseUrl: url, migrate: true }) };
}

function verify(env: Record<string, string>) {
  const r = spawnSync(process.execPath, [path.resolve('bin/lagesbild.mjs'), 'audit', 'verify', '--as', 'audit-cli-test'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 150_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

afterAll(async () => {
  for (const c of cleanups) await c();
});

describe(`lagesbild audit verify on ${testBackend()}`, () => {
  // Two CLI processes, each starting its own database (PGlite: 10–40 s each on a busy machine).
  it('exits 0 on an intact chain and non-zero, naming the row, on a tampered one', { timeout: 300_000 }, async () => {
    const db = await ownDatabase();
    let victimId: number;
    const h = await db.open();
    try {
      await appendAuditEvent(h.db, { actor: 'a@cli.test', action: 'read', resource: 'incident_point', ids: ['x', 'y'] });
      victimId = (await appendAuditEvent(h.db, { actor: 'b@cli.test', action: 'update', resource: 'incident_point', details: { kind: 'incident' } })).id;
      await appendAuditEvent(h.db, { actor: 'c@cli.test', action: 'read', resource: 'audit_log' });
    } finally {
      await h.close();
    }

    const intact = verify(db.env);
    expect(intact.stderr).toBe('');
    expect(intact.stdout).toMatch(/Audit chain intact: \d+ events checked/);
    expect(intact.status).toBe(0);

    // Someone with table rights turns the trigger off and rewrites who did something.
    const t = await db.open();
    try {
      await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`.execute(t.db);
      await sql`UPDATE audit_event SET actor = 'mallory@cli.test' WHERE id = ${victimId}`.execute(t.db);
      await sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`.execute(t.db);
    } finally {
      await t.close();
    }

    const tampered = verify(db.env);
    expect(tampered.stderr).toContain(`Audit chain BROKEN at event ${victimId}`);
    expect(tampered.status).not.toBe(0);
  });
});
