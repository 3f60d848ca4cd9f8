// The municipality shown in the staff header, and whether its data is the demo set.
import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export interface MapMunicipalityRow {
  code: string;
  name: string;
  /** The `demo` setting's JSON value, or null when unset. */
  demo: unknown;
}

export async function findMapMunicipality(db: Kysely<Database>, municipalityCode: string): Promise<MapMunicipalityRow | null> {
  const row = await db
    .selectFrom('municipality as m')
    .leftJoin('setting as s', (join) => join.onRef('s.municipality_code', '=', 'm.code').on('s.key', '=', 'demo'))
    .where('m.code', '=', municipalityCode)
    .select(['m.code', 'm.name', 's.value as demo'])
    .executeTakeFirst();
  return row ?? null;
}
