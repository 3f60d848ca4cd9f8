// Rows of sign-in throttling (lib/server/auth/throttle.ts decides; this layer only reads and writes).
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { withAuthTables } from './tables';

export interface ThrottleRow {
  key: string;
  failures: number;
  last_failure_at: Date | null;
  blocked_until: Date | null;
  last_success_at: Date | null;
}

export async function listThrottleRows(db: Kysely<Database>, keys: readonly string[]): Promise<ThrottleRow[]> {
  if (keys.length === 0) return [];
  return withAuthTables(db).selectFrom('auth_throttle').selectAll().where('key', 'in', keys).execute();
}

export async function upsertThrottleRow(db: Kysely<Database>, row: ThrottleRow): Promise<void> {
  await withAuthTables(db)
    .insertInto('auth_throttle')
    .values(row)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: row.failures,
        last_failure_at: row.last_failure_at,
        blocked_until: row.blocked_until,
        last_success_at: row.last_success_at,
      }),
    )
    .execute();
}
