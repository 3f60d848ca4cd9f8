// Is a point inside the municipality? Read from the municipality's own outline (area of kind
// 'municipality'), the same polygon the map draws.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../schema';

export interface OutlineCheck {
  /** The municipality has an outline at all. */
  hasOutline: boolean;
  inside: boolean;
}

export async function checkInsideMunicipality(db: Kysely<Database>, q: { municipalityCode: string; lon: number; lat: number }): Promise<OutlineCheck> {
  const { rows } = await sql<{ has_outline: boolean; inside: boolean }>`
    SELECT
      EXISTS (SELECT 1 FROM area WHERE municipality_code = ${q.municipalityCode} AND kind = 'municipality') AS has_outline,
      EXISTS (
        SELECT 1 FROM area WHERE municipality_code = ${q.municipalityCode} AND kind = 'municipality'
          AND ST_Covers(geom, ST_SetSRID(ST_MakePoint(${q.lon}::float8, ${q.lat}::float8), 4326))
      ) AS inside`.execute(db);
  return { hasOutline: Boolean(rows[0]?.has_outline), inside: Boolean(rows[0]?.inside) };
}
