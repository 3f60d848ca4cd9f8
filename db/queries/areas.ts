// Area outlines for the map: GeoJSON built by PostGIS, with a label point inside each polygon.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema';

export interface AreaOutlineRow {
  id: string;
  kind: string;
  code: string | null;
  name: string;
  /** RFC 7946 geometry as JSON text (ST_AsGeoJSON, 6 decimals ≈ 0.1 m). */
  geometry: string;
  label_lon: number;
  label_lat: number;
  /** Area in km², from the SWEREF 99 TM geometry. */
  area_km2: number;
}

export async function listAreaOutlines(
  db: Kysely<Database>,
  options: { municipalityCode: string; kinds: readonly string[] },
): Promise<AreaOutlineRow[]> {
  if (!options.kinds.length) return [];
  return db
    .selectFrom('area')
    .where('municipality_code', '=', options.municipalityCode)
    .where('kind', 'in', options.kinds)
    .select([
      'id',
      'kind',
      'code',
      'name',
      sql<string>`ST_AsGeoJSON(geom, 6)`.as('geometry'),
      sql<number>`ST_X(ST_PointOnSurface(geom))::float8`.as('label_lon'),
      sql<number>`ST_Y(ST_PointOnSurface(geom))::float8`.as('label_lat'),
      sql<number>`(ST_Area(geom_3006) / 1e6)::float8`.as('area_km2'),
    ])
    .orderBy('kind')
    .orderBy('name')
    .execute();
}

export interface AreaHeadRow {
  id: string;
  kind: string;
  code: string | null;
  name: string;
  area_km2: number;
}

/** One area of the municipality, or undefined (another tenant's id reads as missing). */
export async function findArea(db: Kysely<Database>, municipalityCode: string, id: string): Promise<AreaHeadRow | undefined> {
  const row = await db
    .selectFrom('area')
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .select(['id', 'kind', 'code', 'name', sql<number>`(ST_Area(geom_3006) / 1e6)::float8`.as('area_km2')])
    .executeTakeFirst();
  return row ? { ...row, area_km2: Number(row.area_km2) } : undefined;
}

export interface AreaSurveyRow {
  year: number;
  indicator: string;
  value: number;
  unit: string;
  source: string | null;
}

/** The area's survey results (trygghetsmätning), newest year first, then by indicator. */
export async function listAreaSurveyIndicators(db: Kysely<Database>, municipalityCode: string, areaId: string): Promise<AreaSurveyRow[]> {
  const rows = await db
    .selectFrom('survey_indicator')
    .where('municipality_code', '=', municipalityCode)
    .where('area_id', '=', areaId)
    .select(['year', 'indicator', sql<number>`value::float8`.as('value'), 'unit', 'source'])
    .orderBy('year', 'desc')
    .orderBy('indicator')
    .execute();
  return rows.map((r) => ({ ...r, year: Number(r.year), value: Number(r.value) }));
}
