// Small pieces of every reshape step: rows to DTOs.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { uuidSchema } from '@/lib/schemas/common';
import { NotFoundError } from './errors';

export function toIso(d: Date | string): string {
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

export function toIsoOrNull(d: Date | string | null): string | null {
  return d === null ? null : toIso(d);
}

/** A malformed id can match no row: say "not found" instead of letting PostgreSQL reject the cast. */
export function assertIdShape(entity: string, id: string, municipalityCode?: string): void {
  if (!uuidSchema.safeParse(id).success) throw new NotFoundError(entity, id, municipalityCode);
}

/** Runs `fn` in a transaction, or inside the caller's when `db` already is one. */
export async function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(fn);
}
