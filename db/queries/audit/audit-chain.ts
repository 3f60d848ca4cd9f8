// The audit log's rows as the hash chain needs them. Appends are serialised by an advisory lock held
// to the end of the transaction, so two writers never read the same previous hash (no fork).
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '@/db/schema';

type Db = Kysely<Database> | Transaction<Database>;

/** Arbitrary constant: the advisory lock that serialises audit appends (and purges). */
const AUDIT_CHAIN_LOCK = 683_100_001;

export interface AuditChainRow {
  id: number;
  municipality_code: string | null;
  occurred_at: Date;
  actor: string;
  action: string;
  resource: string;
  details: unknown;
  result_count: number | null;
  ids_hash: string | null;
  prev_hash: string | null;
  hash: string;
}

export async function lockAuditChain(trx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
}

/**
 * With the chain locked (lockAuditChain, in an earlier statement of the transaction, so that this
 * statement's snapshot sees every append committed before the lock was granted): the last row's hash
 * and `n` new ids, ascending, in one round trip.
 */
export async function chainHeadAndNextIds(trx: Db, n: number): Promise<{ prevHash: string | null; ids: number[] }> {
  const { rows } = await sql<{ id: number | string; prev_hash: string | null }>`
    SELECT nextval(pg_get_serial_sequence('audit_event', 'id'))::int8 AS id,
      (SELECT a.hash FROM audit_event a ORDER BY a.id DESC LIMIT 1) AS prev_hash
    FROM generate_series(1, ${n}::int)`.execute(trx);
  return { prevHash: rows[0]?.prev_hash ?? null, ids: rows.map((r) => Number(r.id)).sort((a, b) => a - b) };
}

export async function insertAuditRows(trx: Db, rows: readonly AuditChainRow[]): Promise<void> {
  await trx
    .insertInto('audit_event')
    .values(rows.map((row) => ({ ...row, details: JSON.stringify(row.details) })))
    .execute();
}

const COLUMNS = ['id', 'municipality_code', 'occurred_at', 'actor', 'action', 'resource', 'details', 'result_count', 'ids_hash', 'prev_hash', 'hash'] as const;

/** Rows after `afterId` in chain order. */
export async function listAuditRowsAfter(db: Db, afterId: number, limit: number): Promise<AuditChainRow[]> {
  const rows = await db.selectFrom('audit_event').select(COLUMNS).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), occurred_at: new Date(r.occurred_at) }));
}

/** Whether a purge recorded this hash as the last one it deleted (the anchor of the remaining chain). */
export async function isPurgeAnchor(db: Db, hash: string): Promise<boolean> {
  const row = await db
    .selectFrom('audit_event')
    .select('id')
    .where('action', '=', 'audit.purge')
    .where(sql<boolean>`details->>'last_deleted_hash' = ${hash}`)
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}

export interface AuditSearch {
  actor?: string;
  action?: string;
  resource?: string;
  municipality_code?: string;
  from?: string;
  to?: string;
  before_id?: number;
  limit: number;
}

/** Newest first, paged by id (cursor = the last id of a page). */
export async function searchAuditRows(db: Db, q: AuditSearch): Promise<AuditChainRow[]> {
  const rows = await db
    .selectFrom('audit_event')
    .select(COLUMNS)
    .$if(Boolean(q.actor), (b) => b.where('actor', '=', q.actor!))
    .$if(Boolean(q.action), (b) => b.where('action', '=', q.action!))
    .$if(Boolean(q.resource), (b) => b.where('resource', '=', q.resource!))
    .$if(Boolean(q.municipality_code), (b) => b.where('municipality_code', '=', q.municipality_code!))
    .$if(Boolean(q.from), (b) => b.where('occurred_at', '>=', new Date(q.from!)))
    .$if(Boolean(q.to), (b) => b.where('occurred_at', '<', new Date(q.to!)))
    .$if(q.before_id !== undefined, (b) => b.where('id', '<', q.before_id!))
    .orderBy('id', 'desc')
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), occurred_at: new Date(r.occurred_at) }));
}

/**
 * Deletes rows older than the cutoff (oldest first) through the trigger's purge switch, which is on
 * for this transaction only. Returns the last deleted row's id and hash, or null when none is old enough.
 */
export async function deleteAuditRowsBefore(trx: Db, cutoff: Date): Promise<{ id: number; hash: string; count: number } | null> {
  const last = await trx
    .selectFrom('audit_event')
    .select(['id', 'hash'])
    .where('occurred_at', '<', cutoff)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) return null;
  await sql`SELECT set_config('lagesbild.audit_purge', 'on', true)`.execute(trx);
  const result = await trx.deleteFrom('audit_event').where('id', '<=', last.id).executeTakeFirst();
  await sql`SELECT set_config('lagesbild.audit_purge', 'off', true)`.execute(trx);
  return { id: Number(last.id), hash: last.hash, count: Number(result.numDeletedRows) };
}
