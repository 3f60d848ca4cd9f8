// The municipality's disclosure settings (table `setting`), raw: lib/server validates them.
import type { Kysely } from 'kysely';
import type { Database } from '../../schema';

/** Keys read: 'disclosure.<audience>.k', 'disclosure.public.geography', 'disclosure.grid_cell_size_m'. */
export async function listDisclosureSettings(db: Kysely<Database>, municipalityCode: string): Promise<Record<string, unknown>> {
  const rows = await db
    .selectFrom('setting')
    .where('municipality_code', '=', municipalityCode)
    .where('key', 'like', 'disclosure.%')
    .select(['key', 'value'])
    .execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}
