// The audit log: append-only in the database, hash-chained, and verify names the first broken row.
import { sql, type Transaction } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import type { Database } from '@/db/schema';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { purgeAuditEvents } from '@/lib/server/audit/purge-audit-events';
import { verifyAuditChain } from '@/lib/server/audit/verify-audit-chain';
import { getTestDatabase } from '@/lib/testing/test-database';

let h: DatabaseHandle;

/** Runs fn in a transaction that is always rolled back, so tampering never stays in the shared database. */
async function inRolledBackTransaction(fn: (trx: Transaction<Database>) => Promise<void>): Promise<void> {
  const rollback = new Error('rollback');
  await h.db
    .transaction()
    .execute(async (trx) => {
      await fn(trx);
      throw rollback;
    })
    .catch((err) => {
      if (err !== rollback) throw err;
    });
}

beforeAll(async () => {
  h = await getTestDatabase();
});

describe('audit log', () => {
  it('chains each appended row to the one before it', async () => {
    const a = await appendAuditEvent(h.db, { actor: 'a@test', action: 'read', resource: 'incident_point', details: { filter: { from: '2026-01-01' } }, ids: ['x', 'y'] });
    const b = await appendAuditEvent(h.db, { actor: 'b@test', action: 'export', resource: 'incident_point', ids: [] });
    const rows = await h.db.selectFrom('audit_event').selectAll().where('id', 'in', [a.id, b.id]).orderBy('id').execute();
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(rows[0].result_count).toBe(2);
    expect(rows[0].ids_hash).toMatch(/^[0-9a-f]{64}$/);
    const v = await verifyAuditChain(h.db, { fromId: a.id });
    expect(v).toMatchObject({ ok: true, lastId: b.id });
  });

  it('the whole chain verifies', async () => {
    await appendAuditEvent(h.db, { actor: 'cli:test', action: 'cli.users', resource: 'user' });
    expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true });
  });

  it('rejects UPDATE, DELETE and TRUNCATE in the database', async () => {
    const { id } = await appendAuditEvent(h.db, { actor: 'a@test', action: 'read', resource: 'incident_point' });
    await expect(sql`UPDATE audit_event SET actor = 'someone else' WHERE id = ${id}`.execute(h.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_event WHERE id = ${id}`.execute(h.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_event`.execute(h.db)).rejects.toThrow(/append-only/);
  });

  it('concurrent appends never fork the chain', async () => {
    const first = await appendAuditEvent(h.db, { actor: 'a@test', action: 'read', resource: 'x' });
    await Promise.all(Array.from({ length: 12 }, (_, i) => appendAuditEvent(h.db, { actor: `p${i}@test`, action: 'read', resource: 'x' })));
    expect(await verifyAuditChain(h.db, { fromId: first.id })).toMatchObject({ ok: true, checked: 13 });
  });

  it('concurrent appends each resolve with their own committed row; a failing one fails only its caller', async () => {
    const first = await appendAuditEvent(h.db, { actor: 'a@test', action: 'read', resource: 'x' });
    // result_count is an integer column: 2^40 fails the insert, whichever batch the event joins.
    const settled = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => appendAuditEvent(h.db, { actor: `c${i}@test`, action: 'read', resource: 'batch', details: { i }, resultCount: i === 17 ? 2 ** 40 : i })),
    );
    expect(settled.map((r) => r.status)).toEqual(Array.from({ length: 40 }, (_, i) => (i === 17 ? 'rejected' : 'fulfilled')));
    const appended = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const rows = await h.db.selectFrom('audit_event').select(['id', 'hash', 'actor', 'result_count']).where('id', 'in', appended.map((a) => a.id)).execute();
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    appended.forEach((a, k) => {
      const i = k < 17 ? k : k + 1;
      expect(byId.get(a.id)).toMatchObject({ hash: a.hash, actor: `c${i}@test`, result_count: i });
    });
    expect(await verifyAuditChain(h.db, { fromId: first.id })).toMatchObject({ ok: true, checked: 40 });
  });

  it('verify names the first row whose content was changed', async () => {
    const first = await appendAuditEvent(h.db, { actor: 'a@test', action: 'read', resource: 'incident_point', resultCount: 5 });
    const victim = await appendAuditEvent(h.db, { actor: 'b@test', action: 'read', resource: 'incident_point', resultCount: 7 });
    await appendAuditEvent(h.db, { actor: 'c@test', action: 'read', resource: 'incident_point' });
    await inRolledBackTransaction(async (trx) => {
      await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`.execute(trx);
      await sql`UPDATE audit_event SET result_count = 0 WHERE id = ${victim.id}`.execute(trx);
      expect(await verifyAuditChain(trx, { fromId: first.id })).toMatchObject({ ok: false, brokenId: victim.id, reason: expect.stringMatching(/content/) });
    });
    expect(await verifyAuditChain(h.db, { fromId: first.id })).toMatchObject({ ok: true });
  });

  it('verify names the row after a deleted one', async () => {
    const first = await appendAuditEvent(h.db, { actor: 'a@test', action: 'read', resource: 'r' });
    const removed = await appendAuditEvent(h.db, { actor: 'b@test', action: 'read', resource: 'r' });
    const after = await appendAuditEvent(h.db, { actor: 'c@test', action: 'read', resource: 'r' });
    await inRolledBackTransaction(async (trx) => {
      await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`.execute(trx);
      await sql`DELETE FROM audit_event WHERE id = ${removed.id}`.execute(trx);
      expect(await verifyAuditChain(trx, { fromId: first.id })).toMatchObject({ ok: false, brokenId: after.id, reason: expect.stringMatching(/removed/) });
    });
  });

  it('a rewritten row with a recomputed own hash still breaks the next link', async () => {
    const first = await appendAuditEvent(h.db, { actor: 'a@test', action: 'read', resource: 'r' });
    const victim = await appendAuditEvent(h.db, { actor: 'b@test', action: 'read', resource: 'r' });
    const next = await appendAuditEvent(h.db, { actor: 'c@test', action: 'read', resource: 'r' });
    await inRolledBackTransaction(async (trx) => {
      await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`.execute(trx);
      await sql`UPDATE audit_event SET hash = ${'0'.repeat(64)} WHERE id = ${victim.id}`.execute(trx);
      const v = await verifyAuditChain(trx, { fromId: first.id });
      expect(v.ok).toBe(false);
      if (!v.ok) expect([victim.id, next.id]).toContain(v.brokenId);
    });
  });

  it('a purge past the retention keeps the rest verifiable and is itself logged', async () => {
    await inRolledBackTransaction(async (trx) => {
      // Inside the rollback: a purge deletes real rows, which must not stay in the shared database.
      const t0 = Date.parse('2000-01-01T00:00:00Z');
      const old = await appendAuditEvent(trx, { actor: 'old@test', action: 'read', resource: 'r', at: new Date(t0) });
      const kept = await appendAuditEvent(trx, { actor: 'kept@test', action: 'read', resource: 'r', at: new Date(t0 + 60 * 86_400_000) });
      const { deleted } = await purgeAuditEvents(trx, { actor: 'cli:test', retentionDays: 30, now: new Date(t0 + 45 * 86_400_000) });
      expect(deleted).toBeGreaterThan(0);
      expect(await trx.selectFrom('audit_event').select('id').where('id', '<=', old.id).execute()).toEqual([]);
      const purge = await trx.selectFrom('audit_event').selectAll().where('action', '=', 'audit.purge').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(purge.details).toMatchObject({ deleted_through_id: old.id });
      expect(await verifyAuditChain(trx)).toMatchObject({ ok: true });
      expect(await trx.selectFrom('audit_event').select('prev_hash').where('id', '=', kept.id).executeTakeFirstOrThrow()).toEqual({ prev_hash: old.hash });
    });
  });
});
