import 'server-only';
import type { Kysely, Transaction } from 'kysely';
import { deleteAuditRowsBefore, lockAuditChain } from '@/db/queries/audit/audit-chain';
import type { Database } from '@/db/schema';
import { auditRetentionSchema } from '@/lib/schemas/auth';
import { appendAuditEvent } from './append-audit-event';

/** Retention of the audit log in days: LAGESBILD_AUDIT_RETENTION_DAYS, default 5 years. */
export function auditRetentionDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env.LAGESBILD_AUDIT_RETENTION_DAYS;
  return raw ? auditRetentionSchema.parse(raw) : 1826;
}

/**
 * Deletes events older than the retention and appends an 'audit.purge' event naming the last deleted
 * hash, which anchors what remains (verify accepts a first row pointing at it and nothing else).
 */
export async function purgeAuditEvents(db: Kysely<Database> | Transaction<Database>, options: { actor: string; retentionDays: number; now?: Date }): Promise<{ deleted: number }> {
  const days = auditRetentionSchema.parse(options.retentionDays);
  const cutoff = new Date((options.now ?? new Date()).getTime() - days * 86_400_000);
  const run = async (trx: Transaction<Database>) => {
    await lockAuditChain(trx);
    const last = await deleteAuditRowsBefore(trx, cutoff);
    if (!last) return { deleted: 0 };
    await appendAuditEvent(trx, {
      actor: options.actor,
      action: 'audit.purge',
      resource: 'audit_log',
      details: { retention_days: days, cutoff: cutoff.toISOString(), deleted_through_id: last.id, last_deleted_hash: last.hash },
      resultCount: last.count,
    });
    return { deleted: last.count };
  };
  return db.isTransaction ? run(db as Transaction<Database>) : db.transaction().execute(run);
}
