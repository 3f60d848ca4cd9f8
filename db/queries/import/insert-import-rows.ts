// Bulk upserts of validated import rows: one statement per batch, rows passed as one JSON parameter
// (json_to_recordset: the same SQL on PGlite and PostgreSQL, and no 65,535-parameter limit).
// A row is known again by its key (issue 5: "upsert on source + external id"):
// - a row with an external id whose stored record has other values is updated in place (only a record
//   of the importing organisation: run-import refuses the others before storing); with the same values
//   it is left alone;
// - a row without one is known by its content hash and skipped when stored (a changed row is a new one:
//   there is nothing else to know it by);
// - areas by (kind, name) and survey results by (area, year, indicator), the tables' own keys, updated
//   when their values changed.
// That is what makes importing the same file twice change nothing. Returns the ids of the added and of
// the updated records.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../schema';

/** Rows per statement: large enough to amortise a round trip, small enough for PGlite's memory. */
export const IMPORT_BATCH_SIZE = 2000;

export interface UpsertedIds {
  added: string[];
  updated: string[];
}

type Returned = { id: string; inserted: boolean };

async function inBatches<T>(rows: readonly T[], upsert: (json: string) => Promise<Returned[]>): Promise<UpsertedIds> {
  const out: UpsertedIds = { added: [], updated: [] };
  for (let i = 0; i < rows.length; i += IMPORT_BATCH_SIZE) {
    const got = await upsert(JSON.stringify(rows.slice(i, i + IMPORT_BATCH_SIZE)));
    for (const r of got) (r.inserted ? out.added : out.updated).push(r.id);
  }
  return out;
}

/** Rows with an external id (upserted on it) first, then those without (known by content). */
async function byExternalId<T extends { external_id: string | null }>(
  rows: readonly T[],
  withId: (json: string) => Promise<Returned[]>,
  withoutId: (json: string) => Promise<Returned[]>,
): Promise<UpsertedIds> {
  const a = await inBatches(
    rows.filter((r) => r.external_id !== null),
    withId,
  );
  const b = await inBatches(
    rows.filter((r) => r.external_id === null),
    withoutId,
  );
  return { added: [...a.added, ...b.added], updated: [...a.updated, ...b.updated] };
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

export function insertIncidentRows(db: Kysely<Database>, municipalityCode: string, originOrgId: string | null, rows: readonly IncidentInsertRow[]): Promise<UpsertedIds> {
  const insert = (json: string) => sql`
    INSERT INTO incident (municipality_code, category_key, occurred_at, occurred_to, geom, source, origin_org_id, visibility, external_id, description, import_hash)
    SELECT ${municipalityCode}, t.category_key, t.occurred_at, t.occurred_to, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326),
           t.source, ${originOrgId}::uuid, t.visibility, t.external_id, t.description, t.import_hash
    FROM json_to_recordset(${json}::json) AS t(category_key text, occurred_at timestamptz, occurred_to timestamptz, lon float8, lat float8,
         source text, visibility text, external_id text, description text, import_hash text)`;
  return byExternalId(
    rows,
    async (json) =>
      (
        await sql<Returned>`${insert(json)}
          ON CONFLICT (municipality_code, source, external_id) DO UPDATE SET
            category_key = EXCLUDED.category_key, occurred_at = EXCLUDED.occurred_at, occurred_to = EXCLUDED.occurred_to, geom = EXCLUDED.geom,
            visibility = EXCLUDED.visibility, description = EXCLUDED.description, import_hash = EXCLUDED.import_hash, updated_at = now()
          WHERE incident.import_hash IS DISTINCT FROM EXCLUDED.import_hash AND incident.origin_org_id IS NOT DISTINCT FROM EXCLUDED.origin_org_id
          RETURNING id::text AS id, (xmax = 0) AS inserted`.execute(db)
      ).rows,
    async (json) => (await sql<Returned>`${insert(json)} ON CONFLICT DO NOTHING RETURNING id::text AS id, true AS inserted`.execute(db)).rows,
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

export function insertUnsafePlaceRows(db: Kysely<Database>, municipalityCode: string, originOrgId: string | null, rows: readonly UnsafePlaceInsertRow[]): Promise<UpsertedIds> {
  const insert = (json: string) => sql`
    INSERT INTO unsafe_place (municipality_code, title, geom, reasons, proposed_measure, status, source, origin_org_id, visibility,
         description, public_summary, reported_at, status_changed_at, fixed_at, external_id, import_hash)
    SELECT ${municipalityCode}, t.title, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326),
           ARRAY(SELECT json_array_elements_text(t.reasons)), t.proposed_measure, t.status, t.source, ${originOrgId}::uuid, t.visibility,
           t.description, t.public_summary, coalesce(t.reported_at, now()), CASE WHEN t.status <> 'open' THEN coalesce(t.fixed_at, t.reported_at, now()) END,
           t.fixed_at, t.external_id, t.import_hash
    FROM json_to_recordset(${json}::json) AS t(title text, lon float8, lat float8, reasons json, proposed_measure text, status text, source text,
         visibility text, description text, public_summary text, reported_at timestamptz, fixed_at timestamptz, external_id text, import_hash text)`;
  return byExternalId(
    rows,
    async (json) =>
      (
        await sql<Returned>`${insert(json)}
          ON CONFLICT (municipality_code, external_id) WHERE external_id IS NOT NULL DO UPDATE SET
            title = EXCLUDED.title, geom = EXCLUDED.geom, reasons = EXCLUDED.reasons, proposed_measure = EXCLUDED.proposed_measure,
            status = EXCLUDED.status, source = EXCLUDED.source, visibility = EXCLUDED.visibility, description = EXCLUDED.description,
            public_summary = EXCLUDED.public_summary, reported_at = EXCLUDED.reported_at, fixed_at = EXCLUDED.fixed_at,
            -- the status changed now only when the file changes it
            status_changed_at = CASE WHEN unsafe_place.status IS DISTINCT FROM EXCLUDED.status THEN now() ELSE unsafe_place.status_changed_at END,
            import_hash = EXCLUDED.import_hash, updated_at = now()
          WHERE unsafe_place.import_hash IS DISTINCT FROM EXCLUDED.import_hash AND unsafe_place.origin_org_id IS NOT DISTINCT FROM EXCLUDED.origin_org_id
          RETURNING id::text AS id, (xmax = 0) AS inserted`.execute(db)
      ).rows,
    async (json) => (await sql<Returned>`${insert(json)} ON CONFLICT DO NOTHING RETURNING id::text AS id, true AS inserted`.execute(db)).rows,
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

export function insertVandalismRows(db: Kysely<Database>, municipalityCode: string, originOrgId: string | null, rows: readonly VandalismInsertRow[]): Promise<UpsertedIds> {
  const insert = (json: string) => sql`
    INSERT INTO vandalism_report (municipality_code, kind, offensive, geom, status, reported_at, assigned_at, responsible_org_id, remediated_at,
         cost_sek, origin_org_id, visibility, description, public_summary, external_id, import_hash)
    SELECT ${municipalityCode}, t.kind, t.offensive, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326), t.status, t.reported_at, t.assigned_at,
           t.responsible_org_id, t.remediated_at, t.cost_sek, ${originOrgId}::uuid, t.visibility, t.description, t.public_summary, t.external_id, t.import_hash
    FROM json_to_recordset(${json}::json) AS t(kind text, offensive boolean, lon float8, lat float8, status text, reported_at timestamptz,
         assigned_at timestamptz, responsible_org_id uuid, remediated_at timestamptz, cost_sek numeric, visibility text, description text,
         public_summary text, external_id text, import_hash text)`;
  return byExternalId(
    rows,
    async (json) =>
      (
        await sql<Returned>`${insert(json)}
          ON CONFLICT (municipality_code, external_id) WHERE external_id IS NOT NULL DO UPDATE SET
            kind = EXCLUDED.kind, offensive = EXCLUDED.offensive, geom = EXCLUDED.geom, status = EXCLUDED.status, reported_at = EXCLUDED.reported_at,
            assigned_at = EXCLUDED.assigned_at, responsible_org_id = EXCLUDED.responsible_org_id, remediated_at = EXCLUDED.remediated_at,
            cost_sek = EXCLUDED.cost_sek, visibility = EXCLUDED.visibility, description = EXCLUDED.description,
            public_summary = EXCLUDED.public_summary, import_hash = EXCLUDED.import_hash, updated_at = now()
          WHERE vandalism_report.import_hash IS DISTINCT FROM EXCLUDED.import_hash AND vandalism_report.origin_org_id IS NOT DISTINCT FROM EXCLUDED.origin_org_id
          RETURNING id::text AS id, (xmax = 0) AS inserted`.execute(db)
      ).rows,
    async (json) => (await sql<Returned>`${insert(json)} ON CONFLICT DO NOTHING RETURNING id::text AS id, true AS inserted`.execute(db)).rows,
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

/** Areas are known again by (kind, name), the table's own unique key; a changed code, population or outline updates them. */
export function insertAreaRows(db: Kysely<Database>, municipalityCode: string, rows: readonly AreaInsertRow[]): Promise<UpsertedIds> {
  return inBatches(rows, async (json) =>
    (
      await sql<Returned>`
        INSERT INTO area (municipality_code, kind, code, name, population, geom)
        SELECT ${municipalityCode}, t.kind, t.code, t.name, t.population, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(t.geom::text), 4326))
        FROM json_to_recordset(${json}::json) AS t(kind text, code text, name text, population integer, geom json)
        ON CONFLICT (municipality_code, kind, name) DO UPDATE SET code = EXCLUDED.code, population = EXCLUDED.population, geom = EXCLUDED.geom
        WHERE area.code IS DISTINCT FROM EXCLUDED.code OR area.population IS DISTINCT FROM EXCLUDED.population
           OR ST_AsEWKB(area.geom) IS DISTINCT FROM ST_AsEWKB(EXCLUDED.geom)
        RETURNING id::text AS id, (xmax = 0) AS inserted`.execute(db)
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

/** Survey results are known again by (area, year, indicator), the table's own unique key; changed values update them. */
export function insertSurveyRows(db: Kysely<Database>, municipalityCode: string, rows: readonly SurveyInsertRow[]): Promise<UpsertedIds> {
  return inBatches(rows, async (json) =>
    (
      await sql<Returned>`
        INSERT INTO survey_indicator (municipality_code, area_id, year, indicator, value, unit, respondents, source)
        SELECT ${municipalityCode}, t.area_id, t.year, t.indicator, t.value, t.unit, t.respondents, t.source
        FROM json_to_recordset(${json}::json) AS t(area_id uuid, year integer, indicator text, value float8, unit text, respondents integer, source text)
        -- the area must be this municipality's (validation found it there; this keeps it so)
        WHERE EXISTS (SELECT 1 FROM area a WHERE a.id = t.area_id AND a.municipality_code = ${municipalityCode})
        ON CONFLICT (area_id, year, indicator) DO UPDATE SET value = EXCLUDED.value, unit = EXCLUDED.unit, respondents = EXCLUDED.respondents, source = EXCLUDED.source
        WHERE (survey_indicator.value, survey_indicator.unit, survey_indicator.respondents, survey_indicator.source)
              IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.unit, EXCLUDED.respondents, EXCLUDED.source)
        RETURNING id::text AS id, (xmax = 0) AS inserted`.execute(db)
    ).rows,
  );
}

export type ExternalIdKind = 'incidents' | 'unsafe_places' | 'vandalism';

/**
 * The rows whose external id is already held by a record another organisation owns (or none does): an
 * import updates only its own organisation's records, so run-import reports these rows instead of
 * storing anything. Incidents are keyed by source as well.
 */
export async function listForeignExternalIds(
  db: Kysely<Database>,
  kind: ExternalIdKind,
  municipalityCode: string,
  originOrgId: string | null,
  rows: readonly { row: number; external_id: string | null; source?: string }[],
): Promise<{ row: number; external_id: string }[]> {
  const keyed = rows.filter((r) => r.external_id !== null);
  const out: { row: number; external_id: string }[] = [];
  for (let i = 0; i < keyed.length; i += IMPORT_BATCH_SIZE) {
    const json = JSON.stringify(keyed.slice(i, i + IMPORT_BATCH_SIZE).map((r) => ({ row: r.row, external_id: r.external_id, source: r.source ?? null })));
    const t = sql`json_to_recordset(${json}::json) AS t("row" integer, external_id text, source text)`;
    const res =
      kind === 'incidents'
        ? await sql<{ row: number; external_id: string }>`
            SELECT t.row, t.external_id FROM ${t}
            JOIN incident r ON r.municipality_code = ${municipalityCode} AND r.source = t.source AND r.external_id = t.external_id
            WHERE r.origin_org_id IS DISTINCT FROM ${originOrgId}::uuid ORDER BY t.row`.execute(db)
        : await sql<{ row: number; external_id: string }>`
            SELECT t.row, t.external_id FROM ${t}
            JOIN ${sql.table(kind === 'unsafe_places' ? 'unsafe_place' : 'vandalism_report')} r
              ON r.municipality_code = ${municipalityCode} AND r.external_id = t.external_id
            WHERE r.origin_org_id IS DISTINCT FROM ${originOrgId}::uuid ORDER BY t.row`.execute(db);
    out.push(...res.rows.map((r) => ({ row: Number(r.row), external_id: r.external_id })));
  }
  return out;
}
