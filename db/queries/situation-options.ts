// Choices of the staff map's filter bar that come from the database.
import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export interface OrganisationOptionRow {
  id: string;
  name: string;
}

/** The municipality's organisations by name (names are not secret to signed-in staff). */
export async function listOrganisationOptions(db: Kysely<Database>, municipalityCode: string): Promise<OrganisationOptionRow[]> {
  return db.selectFrom('organisation').where('municipality_code', '=', municipalityCode).select(['id', 'name']).orderBy('name').execute();
}
