// Audit events are written by lib/server/audit (hash chain); this layer only reads them.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { type AuditEvent, auditEventSchema } from '@/lib/schemas/entities/audit-event';
import { NotFoundError } from './errors';
import { toIso } from './reshape';

export async function getAuditEvent(db: Kysely<Database>, municipalityCode: string, id: number): Promise<AuditEvent> {
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError('audit_event', String(id), municipalityCode);
  const row = await db
    .selectFrom('audit_event')
    .select(['id', 'municipality_code', 'occurred_at', 'actor', 'action', 'resource', 'details', 'result_count', 'ids_hash', 'prev_hash', 'hash'])
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('audit_event', String(id), municipalityCode);
  return auditEventSchema.parse({ ...row, occurred_at: toIso(row.occurred_at) });
}
