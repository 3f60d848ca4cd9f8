// The municipality's council settings (cleanup targets, effect evaluation), raw: lib/server validates them.
import type { Kysely } from 'kysely';
import type { Database } from '../../schema';

/** Settings with keys 'cleanup.*' and 'council.*'. */
export async function listCouncilSettings(db: Kysely<Database>, municipalityCode: string): Promise<Record<string, unknown>> {
  const rows = await db
    .selectFrom('setting')
    .where('municipality_code', '=', municipalityCode)
    .where((eb) => eb.or([eb('key', 'like', 'cleanup.%'), eb('key', 'like', 'council.%')]))
    .select(['key', 'value'])
    .execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}
