import 'server-only';
import type { Kysely, Transaction } from 'kysely';
import { getLastAuditHash, insertAuditRow, lockAuditChain, nextAuditEventId } from '@/db/queries/audit/audit-chain';
import type { Database } from '@/db/schema';
import { auditRowHash, idsHash } from './hash-chain';

export interface AuditEventInput {
  /** The user's e-mail, 'cli:<name>' or 'public'. */
  actor: string;
  /** read, export, create, update, delete, denied, sign_in, … (lowercase, dots and underscores). */
  action: string;
  resource: string;
  municipalityCode?: string | null;
  /** The filter of a read, the changed fields of a change, the reason of a denial. No secrets. */
  details?: Record<string, unknown>;
  /** Ids a read returned: stored as a count and a hash, never as the ids. */
  ids?: readonly (string | number)[];
  /** Instead of `ids`: their hash, computed before (idsHash in ./hash-chain), e.g. kept with a cached result. */
  idsHash?: string;
  resultCount?: number | null;
  /** Defaults to now; tests pass a time. */
  at?: Date;
}

const NAME = /^[a-z][a-z0-9_.]*$/;

export interface AppendedAuditEvent {
  id: number;
  hash: string;
}

/**
 * Appends one event to the chain. Inside a caller's transaction the event commits (or rolls back)
 * with the change it records; else it gets its own. The advisory lock serialises appends.
 */
export async function appendAuditEvent(db: Kysely<Database> | Transaction<Database>, input: AuditEventInput): Promise<AppendedAuditEvent> {
  if (!NAME.test(input.action)) throw new Error(`audit action must match ${NAME}: ${input.action}`);
  if (!input.actor.trim()) throw new Error('audit actor is required');
  // Round-trip through JSON so the hash covers exactly what jsonb gives back.
  const details = JSON.parse(JSON.stringify(input.details ?? {})) as unknown;
  const write = async (trx: Kysely<Database> | Transaction<Database>) => {
    await lockAuditChain(trx);
    const prev_hash = await getLastAuditHash(trx);
    const id = await nextAuditEventId(trx);
    const fields = {
      id,
      municipality_code: input.municipalityCode ?? null,
      occurred_at: new Date(Math.floor((input.at ?? new Date()).getTime())),
      actor: input.actor,
      action: input.action,
      resource: input.resource,
      details,
      result_count: input.resultCount ?? (input.ids ? input.ids.length : null),
      ids_hash: input.ids ? idsHash(input.ids) : (input.idsHash ?? null),
      prev_hash,
    };
    const hash = auditRowHash(fields);
    await insertAuditRow(trx, { ...fields, hash });
    return { id, hash };
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}
