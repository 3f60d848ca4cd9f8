// Foreign keys check existence, not tenancy: an id of another municipality would pass them. Every
// create checks its references here so no row ever points across tenants.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { InvalidReferenceError } from './errors';

type TenantTable =
  | 'organisation'
  | 'area'
  | 'incident'
  | 'safety_walk'
  | 'unsafe_place'
  | 'vandalism_report'
  | 'est_meeting'
  | 'analysis_run'
  | 'focus_area'
  | 'pledge'
  | 'activity'
  | 'citizen_report';

export interface Reference {
  field: string;
  table: TenantTable;
  ids: readonly (string | null | undefined)[];
}

export async function assertReferencesInTenant(db: Kysely<Database>, municipalityCode: string, refs: readonly Reference[]): Promise<void> {
  for (const ref of refs) {
    const ids = [...new Set(ref.ids.filter((id): id is string => typeof id === 'string').map((id) => id.toLowerCase()))];
    if (ids.length === 0) continue;
    // Every table listed has `id uuid` and `municipality_code`; one of them stands in for the typing.
    const found = await db
      .selectFrom(ref.table as 'organisation')
      .select((eb) => eb.cast<string>('id', 'text').as('id'))
      .where('municipality_code', '=', municipalityCode)
      .where('id', 'in', ids)
      .execute();
    const have = new Set(found.map((r) => r.id));
    const missing = ids.find((id) => !have.has(id));
    if (missing) throw new InvalidReferenceError(ref.field, ref.table, missing, municipalityCode);
  }
}
