// The raw criteria of METHODS.md "Prioritising focus areas" for candidate areas, computed in SQL over what
// the viewer may see (the caller passes each table's exact-access predicate): severity-weighted incidents,
// incidents in the previous period of the same length, open unsafe places, vandalism reports and their
// median cleanup time, and the latest survey insecurity (area-weighted over the districts it overlaps).
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../schema';
import { type IncidentFilter, incidentWhere } from './cell-counts';

export interface PriorityCandidateGeometry {
  id: string;
  label: string;
  /** One of: GeoJSON in EPSG:3006 metres (cells, hulls), WGS84 GeoJSON (drawn), or an area id (districts). */
  geom3006?: string;
  geom4326?: string;
  areaId?: string;
}

export interface PriorityCriteriaQuery {
  municipalityCode: string;
  /** This period's incidents (with the viewer's access)… */
  incidents: IncidentFilter;
  /** … and the previous period's, for the change. */
  previous: IncidentFilter;
  /** Local dates of this period, for vandalism reports. */
  from: string;
  to: string;
  unsafePlaceAccess: RawBuilder<boolean>;
  vandalismAccess: RawBuilder<boolean>;
  /** Survey indicator used as insecurity (default otrygg_kvall). */
  surveyIndicator?: string;
  /** Cell centres (EPSG:3006) and a value each: the largest value inside a candidate is returned as `maxCellValue`. */
  cells?: { x: number[]; y: number[]; v: number[] };
}

export interface PriorityCriteriaRow {
  id: string;
  label: string;
  /** WGS84 MultiPolygon GeoJSON, valid (made valid and unioned in PostGIS). */
  geojson: string;
  areaKm2: number;
  incidents: number;
  severity: number;
  previous: number;
  unsafeOpen: number;
  vandalism: number;
  cleanupHours: number | null;
  insecurity: number | null;
  maxCellValue: number | null;
}

/** One row per candidate, in input order. */
export async function listPriorityCriteria(db: Kysely<Database>, candidates: readonly PriorityCandidateGeometry[], q: PriorityCriteriaQuery): Promise<PriorityCriteriaRow[]> {
  if (candidates.length === 0) return [];
  const input = JSON.stringify(candidates.map((c, k) => ({ ord: k, id: c.id, label: c.label, g3006: c.geom3006 ?? null, g4326: c.geom4326 ?? null, area_id: c.areaId ?? null })));
  const indicator = q.surveyIndicator ?? 'otrygg_kvall';
  const cells = q.cells ?? { x: [], y: [], v: [] };
  const vFrom = sql`(${q.from}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`;
  const vTo = sql`(${q.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm'`;
  const body = sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${input}::jsonb) AS c(ord int, id text, label text, g3006 text, g4326 text, area_id uuid)
    ), cand AS MATERIALIZED (
      -- MATERIALIZED: else the made-valid union is inlined and recomputed in every subquery.
      SELECT i.ord, i.id, i.label, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_UnaryUnion(CASE
          WHEN i.g3006 IS NOT NULL THEN ST_SetSRID(ST_GeomFromGeoJSON(i.g3006), 3006)
          WHEN i.g4326 IS NOT NULL THEN ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(i.g4326), 4326), 3006)
          ELSE (SELECT a.geom_3006 FROM area a WHERE a.id = i.area_id AND a.municipality_code = ${q.municipalityCode})
        END)), 3)) AS geom
      FROM input i
    ), survey AS (
      SELECT a.geom_3006 AS geom, s.value FROM survey_indicator s JOIN area a ON a.id = s.area_id
      WHERE s.municipality_code = ${q.municipalityCode} AND s.indicator = ${indicator}
        AND s.year = (SELECT max(year) FROM survey_indicator WHERE municipality_code = ${q.municipalityCode} AND indicator = ${indicator})
    ), cell AS (
      SELECT ST_SetSRID(ST_MakePoint(u.x, u.y), 3006) AS p, u.v FROM unnest(${cells.x}::float8[], ${cells.y}::float8[], ${cells.v}::float8[]) AS u(x, y, v)
    )
    SELECT cand.id, cand.label,
      ST_AsGeoJSON(ST_Transform(cand.geom, 4326), 7) AS geojson,
      (ST_Area(cand.geom) / 1e6)::float8 AS "areaKm2",
      (SELECT count(*)::int FROM incident WHERE ${incidentWhere(q.incidents)} AND ST_Intersects(incident.geom_3006, cand.geom)) AS incidents,
      (SELECT coalesce(sum(c.severity_weight), 0)::float8 FROM incident JOIN category c ON c.key = incident.category_key
        WHERE ${incidentWhere(q.incidents)} AND ST_Intersects(incident.geom_3006, cand.geom)) AS severity,
      (SELECT count(*)::int FROM incident WHERE ${incidentWhere(q.previous)} AND ST_Intersects(incident.geom_3006, cand.geom)) AS previous,
      (SELECT count(*)::int FROM unsafe_place WHERE unsafe_place.municipality_code = ${q.municipalityCode} AND unsafe_place.status IN ('open', 'planned')
        AND ${q.unsafePlaceAccess} AND ST_Intersects(unsafe_place.geom_3006, cand.geom)) AS "unsafeOpen",
      (SELECT count(*)::int FROM vandalism_report WHERE vandalism_report.municipality_code = ${q.municipalityCode}
        AND vandalism_report.reported_at >= ${vFrom} AND vandalism_report.reported_at < ${vTo}
        AND ${q.vandalismAccess} AND ST_Intersects(vandalism_report.geom_3006, cand.geom)) AS vandalism,
      (SELECT (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM vandalism_report.remediated_at - vandalism_report.reported_at) / 3600))::float8
        FROM vandalism_report WHERE vandalism_report.municipality_code = ${q.municipalityCode}
        AND vandalism_report.reported_at >= ${vFrom} AND vandalism_report.reported_at < ${vTo} AND vandalism_report.remediated_at IS NOT NULL
        AND ${q.vandalismAccess} AND ST_Intersects(vandalism_report.geom_3006, cand.geom)) AS "cleanupHours",
      (SELECT (sum(s.value * ST_Area(ST_Intersection(s.geom, cand.geom))) / nullif(sum(ST_Area(ST_Intersection(s.geom, cand.geom))), 0))::float8
        FROM survey s WHERE ST_Intersects(s.geom, cand.geom)) AS insecurity,
      (SELECT max(cell.v)::float8 FROM cell WHERE ST_Intersects(cell.p, cand.geom)) AS "maxCellValue"
    FROM cand
    WHERE cand.geom IS NOT NULL AND NOT ST_IsEmpty(cand.geom)
    ORDER BY cand.ord`;
  const r = await sql<PriorityCriteriaRow>`${body}`.execute(db);
  return r.rows.map((row) => ({
    ...row,
    areaKm2: Number(row.areaKm2),
    incidents: Number(row.incidents),
    severity: Number(row.severity),
    previous: Number(row.previous),
    unsafeOpen: Number(row.unsafeOpen),
    vandalism: Number(row.vandalism),
    cleanupHours: row.cleanupHours === null ? null : Number(row.cleanupHours),
    insecurity: row.insecurity === null ? null : Number(row.insecurity),
    maxCellValue: row.maxCellValue === null ? null : Number(row.maxCellValue),
  }));
}

export interface DistrictRow {
  id: string;
  name: string;
}

/** The municipality's districts (candidates "by district"). */
export async function listDistricts(db: Kysely<Database>, municipalityCode: string): Promise<DistrictRow[]> {
  return db.selectFrom('area').select(['id', 'name']).where('municipality_code', '=', municipalityCode).where('kind', '=', 'district').orderBy('name').orderBy('id').execute();
}
