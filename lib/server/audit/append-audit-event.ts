import 'server-only';
import type { Kysely, Transaction } from 'kysely';
import { type AuditChainRow, chainHeadAndNextIds, insertAuditRows, lockAuditChain } from '@/db/queries/audit/audit-chain';
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

/** An event ready for the chain: every field but its place in it (id, prev_hash, hash). */
type PreparedEvent = Omit<AuditChainRow, 'id' | 'prev_hash' | 'hash'>;

/**
 * Appends one event to the chain, and resolves once it is committed. Inside a caller's transaction the
 * event commits (or rolls back) with the change it records. Otherwise it joins the process's next
 * audit transaction: appends that arrive while one is being written are written together in the next
 * (lock, chain head and ids, one insert, commit), so concurrent reads share the round trips instead of
 * queueing on the chain's lock one by one. Either way the advisory lock serialises appends.
 */
export async function appendAuditEvent(db: Kysely<Database> | Transaction<Database>, input: AuditEventInput): Promise<AppendedAuditEvent> {
  const event = prepare(input);
  if (db.isTransaction) return (await writeEvents(db, [event]))[0];
  return batcherFor(db).append(event);
}

function prepare(input: AuditEventInput): PreparedEvent {
  if (!NAME.test(input.action)) throw new Error(`audit action must match ${NAME}: ${input.action}`);
  if (!input.actor.trim()) throw new Error('audit actor is required');
  return {
    municipality_code: input.municipalityCode ?? null,
    occurred_at: new Date(Math.floor((input.at ?? new Date()).getTime())),
    actor: input.actor,
    action: input.action,
    resource: input.resource,
    // Round-trip through JSON so the hash covers exactly what jsonb gives back.
    details: JSON.parse(JSON.stringify(input.details ?? {})) as unknown,
    result_count: input.resultCount ?? (input.ids ? input.ids.length : null),
    ids_hash: input.ids ? idsHash(input.ids) : (input.idsHash ?? null),
  };
}

/** Chains and inserts the events in order, inside `trx` (which the lock then holds to its end). */
async function writeEvents(trx: Kysely<Database> | Transaction<Database>, events: readonly PreparedEvent[]): Promise<AppendedAuditEvent[]> {
  await lockAuditChain(trx);
  const { prevHash, ids } = await chainHeadAndNextIds(trx, events.length);
  let prev_hash = prevHash;
  const rows = events.map((event, i): AuditChainRow => {
    const fields = { ...event, id: ids[i], prev_hash };
    const row = { ...fields, hash: auditRowHash(fields) };
    prev_hash = row.hash;
    return row;
  });
  await insertAuditRows(trx, rows);
  return rows.map((r) => ({ id: r.id, hash: r.hash }));
}

/** At most this many events in one audit transaction. */
const MAX_BATCH = 200;

interface Pending {
  event: PreparedEvent;
  resolve: (appended: AppendedAuditEvent) => void;
  reject: (err: unknown) => void;
}

/** One writer per database handle: a queue drained one transaction at a time. */
class AuditBatcher {
  private queue: Pending[] = [];
  private draining = false;

  constructor(private readonly db: Kysely<Database>) {}

  append(event: PreparedEvent): Promise<AppendedAuditEvent> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const appended = await this.db.transaction().execute((trx) => writeEvents(trx, batch.map((p) => p.event)));
          batch.forEach((p, i) => p.resolve(appended[i]));
        } catch (err) {
          // One event's failure must not fail the others: each is tried again on its own.
          if (batch.length === 1) batch[0].reject(err);
          else for (const p of batch) await this.db.transaction().execute((trx) => writeEvents(trx, [p.event])).then((a) => p.resolve(a[0]), p.reject);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}

const batchers = new WeakMap<Kysely<Database>, AuditBatcher>();

function batcherFor(db: Kysely<Database>): AuditBatcher {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new AuditBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher;
}
