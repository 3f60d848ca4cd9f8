// The municipality's vandalism cleanup targets (table `setting`, keys 'cleanup.*'), raw: lib/server validates them.
import type { Kysely } from 'kysely';
import type { Database } from '../../schema';

export async function listCleanupSettings(db: Kysely<Database>, municipalityCode: string): Promise<Record<string, unknown>> {
  const rows = await db
    .selectFrom('setting')
    .where('municipality_code', '=', municipalityCode)
    .where('key', 'like', 'cleanup.%')
    .select(['key', 'value'])
    .execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}
