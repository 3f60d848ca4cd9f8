import 'server-only';
import type { Kysely, Transaction } from 'kysely';
import { isPurgeAnchor, listAuditRowsAfter } from '@/db/queries/audit/audit-chain';
import type { Database } from '@/db/schema';
import { auditRowHash } from './hash-chain';

export type AuditVerification =
  | { ok: true; checked: number; lastId: number | null; lastHash: string | null }
  | { ok: false; checked: number; brokenId: number; reason: string };

const BATCH = 2000;

/**
 * Walks the chain in id order and recomputes every hash. The first row may point at a hash a purge
 * recorded (retention); any other break names the first row that does not fit.
 */
export async function verifyAuditChain(db: Kysely<Database> | Transaction<Database>, options: { fromId?: number } = {}): Promise<AuditVerification> {
  let after = (options.fromId ?? 1) - 1;
  let prevHash: string | null | undefined;
  let checked = 0;
  for (;;) {
    const rows = await listAuditRowsAfter(db, after, BATCH);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (prevHash === undefined) {
        // The first row checked: the start of the log, or a row whose predecessor was purged or lies before fromId.
        if (row.prev_hash !== null && options.fromId === undefined && !(await isPurgeAnchor(db, row.prev_hash))) {
          return { ok: false, checked, brokenId: row.id, reason: 'the first row points at a previous row that is missing' };
        }
      } else if (row.prev_hash !== prevHash) {
        return { ok: false, checked, brokenId: row.id, reason: 'prev_hash does not match the previous row (a row was removed, inserted or reordered)' };
      }
      if (auditRowHash(row) !== row.hash) {
        return { ok: false, checked, brokenId: row.id, reason: 'hash does not match the row (its content was changed)' };
      }
      prevHash = row.hash;
      after = row.id;
      checked++;
    }
  }
  return { ok: true, checked, lastId: checked ? after : null, lastHash: prevHash ?? null };
}
