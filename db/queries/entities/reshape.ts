// Small pieces of every reshape step: rows to DTOs.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { uuidSchema } from '@/lib/schemas/common';
import { NotFoundError, toConstraintViolation } from './errors';

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

/** Turns a violated database constraint into a ConstraintViolationError; other errors pass unchanged. */
export async function mapConstraintErrors<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    throw toConstraintViolation(err);
  }
}

/** Runs `fn` in a transaction, or inside the caller's when `db` already is one; constraint errors mapped. */
export async function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return mapConstraintErrors(db.isTransaction ? fn(db) : db.transaction().execute(fn));
}
