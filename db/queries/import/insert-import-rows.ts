// Bulk inserts of validated import rows: one statement per batch, rows passed as one JSON parameter
// (json_to_recordset: the same SQL on PGlite and PostgreSQL, and no 65,535-parameter limit). A row
// whose external id or content hash is already stored conflicts and is skipped (ON CONFLICT DO
// NOTHING): that is what makes importing the same file twice add nothing. Returns the new ids.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../schema';

/** Rows per statement: large enough to amortise a round trip, small enough for PGlite's memory. */
export const IMPORT_BATCH_SIZE = 2000;

async function inBatches<T>(rows: readonly T[], insert: (json: string) => Promise<{ id: string }[]>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += IMPORT_BATCH_SIZE) {
    const got = await insert(JSON.stringify(rows.slice(i, i + IMPORT_BATCH_SIZE)));
    for (const r of got) ids.push(r.id);
  }
  return ids;
}

export interface IncidentInsertRow {
  category_key: string;
  occurred_at: string;
  occurred_to: string | null;
  lon: number;
  lat: number;
  source: string;
  visibility: string;
  external_id: string | null;
  description: string | null;
  import_hash: string;
}

export function insertIncidentRows(db: Kysely<Database>, municipalityCode: string, originOrgId: string | null, rows: readonly IncidentInsertRow[]): Promise<string[]> {
  return inBatches(rows, async (json) =>
    (
      await sql<{ id: string }>`
        INSERT INTO incident (municipality_code, category_key, occurred_at, occurred_to, geom, source, origin_org_id, visibility, external_id, description, import_hash)
        SELECT ${municipalityCode}, t.category_key, t.occurred_at, t.occurred_to, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326),
               t.source, ${originOrgId}::uuid, t.visibility, t.external_id, t.description, t.import_hash
        FROM json_to_recordset(${json}::json) AS t(category_key text, occurred_at timestamptz, occurred_to timestamptz, lon float8, lat float8,
             source text, visibility text, external_id text, description text, import_hash text)
        ON CONFLICT DO NOTHING
        RETURNING id::text AS id`.execute(db)
    ).rows,
  );
}

export interface UnsafePlaceInsertRow {
  title: string;
  lon: number;
  lat: number;
  reasons: string[];
  proposed_measure: string | null;
  status: string;
  source: string;
  visibility: string;
  description: string | null;
  public_summary: string | null;
  reported_at: string | null;
  fixed_at: string | null;
  external_id: string | null;
  import_hash: string;
}

export function insertUnsafePlaceRows(db: Kysely<Database>, municipalityCode: string, originOrgId: string | null, rows: readonly UnsafePlaceInsertRow[]): Promise<string[]> {
  return inBatches(rows, async (json) =>
    (
      await sql<{ id: string }>`
        INSERT INTO unsafe_place (municipality_code, title, geom, reasons, proposed_measure, status, source, origin_org_id, visibility,
             description, public_summary, reported_at, status_changed_at, fixed_at, external_id, import_hash)
        SELECT ${municipalityCode}, t.title, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326),
               ARRAY(SELECT json_array_elements_text(t.reasons)), t.proposed_measure, t.status, t.source, ${originOrgId}::uuid, t.visibility,
               t.description, t.public_summary, coalesce(t.reported_at, now()), CASE WHEN t.status <> 'open' THEN coalesce(t.fixed_at, t.reported_at, now()) END,
               t.fixed_at, t.external_id, t.import_hash
        FROM json_to_recordset(${json}::json) AS t(title text, lon float8, lat float8, reasons json, proposed_measure text, status text, source text,
             visibility text, description text, public_summary text, reported_at timestamptz, fixed_at timestamptz, external_id text, import_hash text)
        ON CONFLICT DO NOTHING
        RETURNING id::text AS id`.execute(db)
    ).rows,
  );
}

export interface VandalismInsertRow {
  kind: string;
  offensive: boolean;
  lon: number;
  lat: number;
  status: string;
  reported_at: string;
  assigned_at: string | null;
  responsible_org_id: string | null;
  remediated_at: string | null;
  cost_sek: number | null;
  visibility: string;
  description: string | null;
  public_summary: string | null;
  external_id: string | null;
  import_hash: string;
}

export function insertVandalismRows(db: Kysely<Database>, municipalityCode: string, originOrgId: string | null, rows: readonly VandalismInsertRow[]): Promise<string[]> {
  return inBatches(rows, async (json) =>
    (
      await sql<{ id: string }>`
        INSERT INTO vandalism_report (municipality_code, kind, offensive, geom, status, reported_at, assigned_at, responsible_org_id, remediated_at,
             cost_sek, origin_org_id, visibility, description, public_summary, external_id, import_hash)
        SELECT ${municipalityCode}, t.kind, t.offensive, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326), t.status, t.reported_at, t.assigned_at,
               t.responsible_org_id, t.remediated_at, t.cost_sek, ${originOrgId}::uuid, t.visibility, t.description, t.public_summary, t.external_id, t.import_hash
        FROM json_to_recordset(${json}::json) AS t(kind text, offensive boolean, lon float8, lat float8, status text, reported_at timestamptz,
             assigned_at timestamptz, responsible_org_id uuid, remediated_at timestamptz, cost_sek numeric, visibility text, description text,
             public_summary text, external_id text, import_hash text)
        ON CONFLICT DO NOTHING
        RETURNING id::text AS id`.execute(db)
    ).rows,
  );
}

export interface AreaInsertRow {
  kind: string;
  name: string;
  code: string | null;
  population: number | null;
  /** GeoJSON Polygon or MultiPolygon (WGS84). */
  geom: unknown;
}

/** Areas are known again by (kind, name), the table's own unique key. */
export function insertAreaRows(db: Kysely<Database>, municipalityCode: string, rows: readonly AreaInsertRow[]): Promise<string[]> {
  return inBatches(rows, async (json) =>
    (
      await sql<{ id: string }>`
        INSERT INTO area (municipality_code, kind, code, name, population, geom)
        SELECT ${municipalityCode}, t.kind, t.code, t.name, t.population, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(t.geom::text), 4326))
        FROM json_to_recordset(${json}::json) AS t(kind text, code text, name text, population integer, geom json)
        ON CONFLICT DO NOTHING
        RETURNING id::text AS id`.execute(db)
    ).rows,
  );
}

/** Why PostGIS finds an area's outline invalid (ring self-touching, holes outside …), per row; valid rows are absent. */
export async function listInvalidAreaGeometries(db: Kysely<Database>, rows: readonly { row: number; geom: unknown }[]): Promise<{ row: number; reason: string }[]> {
  const out: { row: number; reason: string }[] = [];
  for (let i = 0; i < rows.length; i += IMPORT_BATCH_SIZE) {
    const json = JSON.stringify(rows.slice(i, i + IMPORT_BATCH_SIZE));
    const res = await sql<{ row: number; reason: string }>`
      SELECT t.row, ST_IsValidReason(g) AS reason
      FROM json_to_recordset(${json}::json) AS t("row" integer, geom json),
           LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(t.geom::text), 4326) AS g) x
      WHERE NOT ST_IsValid(g) OR ST_IsEmpty(g)`.execute(db);
    out.push(...res.rows.map((r) => ({ row: Number(r.row), reason: r.reason })));
  }
  return out;
}

export interface SurveyInsertRow {
  area_id: string;
  year: number;
  indicator: string;
  value: number;
  unit: string;
  respondents: number | null;
  source: string | null;
}

/** Survey results are known again by (area, year, indicator), the table's own unique key. */
export function insertSurveyRows(db: Kysely<Database>, municipalityCode: string, rows: readonly SurveyInsertRow[]): Promise<string[]> {
  return inBatches(rows, async (json) =>
    (
      await sql<{ id: string }>`
        INSERT INTO survey_indicator (municipality_code, area_id, year, indicator, value, unit, respondents, source)
        SELECT ${municipalityCode}, t.area_id, t.year, t.indicator, t.value, t.unit, t.respondents, t.source
        FROM json_to_recordset(${json}::json) AS t(area_id uuid, year integer, indicator text, value float8, unit text, respondents integer, source text)
        -- the area must be this municipality's (validation found it there; this keeps it so)
        WHERE EXISTS (SELECT 1 FROM area a WHERE a.id = t.area_id AND a.municipality_code = ${municipalityCode})
        ON CONFLICT DO NOTHING
        RETURNING id::text AS id`.execute(db)
    ).rows,
  );
}
