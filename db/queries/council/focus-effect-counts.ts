// Counts for the effect of each focus area (METHODS.md "Did it work?"): incidents in the target A (the
// focus polygon), the buffer ring B around it, and the control C (the municipality minus A and B),
// before and after. Normal-sensitivity categories of the publication groups, police feed left out.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../schema';

export interface FocusAreaRow {
  id: string;
  name: string;
  period_from: string;
  period_to: string | null;
  /** Earliest start of its activities (directly or through a pledge of the focus area); null without activities. */
  first_activity_on: string | null;
}

export async function listCouncilFocusAreas(db: Kysely<Database>, municipalityCode: string): Promise<FocusAreaRow[]> {
  const { rows } = await sql<FocusAreaRow>`
    SELECT f.id::text AS id, f.name, to_char(f.period_from, 'YYYY-MM-DD') AS period_from, to_char(f.period_to, 'YYYY-MM-DD') AS period_to,
      (SELECT to_char(min(a.starts_on), 'YYYY-MM-DD') FROM activity a
        WHERE a.municipality_code = f.municipality_code AND a.status NOT IN ('proposed', 'rejected', 'cancelled')
          AND (a.focus_area_id = f.id OR a.pledge_id IN (SELECT pf.pledge_id FROM pledge_focus_area pf WHERE pf.focus_area_id = f.id))) AS first_activity_on
    FROM focus_area f
    WHERE f.municipality_code = ${municipalityCode}
    ORDER BY f.period_from, f.name, f.id`.execute(db);
  return rows;
}

export interface EffectCountsRow {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
  c0: number;
  c1: number;
}

/**
 * A, B and C counts in [beforeStart, beforeEnd) and [afterStart, afterEnd). B is the ring within
 * `bufferM` metres of the focus area, outside it; C is every incident of the municipality's districts
 * in neither.
 */
export async function countFocusEffect(
  db: Kysely<Database>,
  o: {
    municipalityCode: string;
    focusAreaId: string;
    bufferM: number;
    beforeStart: Date;
    beforeEnd: Date;
    afterStart: Date;
    afterEnd: Date;
    categoryKeys: readonly string[];
  },
): Promise<EffectCountsRow> {
  const { rows } = await sql<EffectCountsRow>`
    WITH f AS (SELECT geom_3006 AS g FROM focus_area WHERE id = ${o.focusAreaId} AND municipality_code = ${o.municipalityCode}),
    hit AS (
      SELECT i.geom_3006, CASE WHEN i.occurred_at < ${o.beforeEnd} THEN 0 ELSE 1 END AS period
      FROM incident i JOIN category c ON c.key = i.category_key AND c.sensitivity = 'normal'
      WHERE i.municipality_code = ${o.municipalityCode}
        AND i.source <> 'police_feed'
        AND i.category_key = ANY(${sql.val([...o.categoryKeys])}::text[])
        AND ((i.occurred_at >= ${o.beforeStart} AND i.occurred_at < ${o.beforeEnd}) OR (i.occurred_at >= ${o.afterStart} AND i.occurred_at < ${o.afterEnd}))
        AND EXISTS (SELECT 1 FROM area d WHERE d.municipality_code = ${o.municipalityCode} AND d.kind = 'district' AND ST_Covers(d.geom_3006, i.geom_3006))
    ),
    placed AS (
      SELECT h.period,
        CASE WHEN ST_Covers(f.g, h.geom_3006) THEN 'a' WHEN ST_DWithin(f.g, h.geom_3006, ${o.bufferM}) THEN 'b' ELSE 'c' END AS zone
      FROM hit h CROSS JOIN f
    )
    SELECT
      count(*) FILTER (WHERE zone = 'a' AND period = 0)::int AS a0, count(*) FILTER (WHERE zone = 'a' AND period = 1)::int AS a1,
      count(*) FILTER (WHERE zone = 'b' AND period = 0)::int AS b0, count(*) FILTER (WHERE zone = 'b' AND period = 1)::int AS b1,
      count(*) FILTER (WHERE zone = 'c' AND period = 0)::int AS c0, count(*) FILTER (WHERE zone = 'c' AND period = 1)::int AS c1
    FROM placed`.execute(db);
  return rows[0] ?? { a0: 0, a1: 0, b0: 0, b1: 0, c0: 0, c1: 0 };
}

export interface OutlineRow {
  id: string;
  name: string;
  kind: string;
  /** RFC 7946 geometry JSON in SWEREF 99 TM metres (for a server-drawn map), simplified to ~25 m. */
  geometry: string;
  /** A point inside the area (label position), SWEREF 99 TM. */
  label_x: number;
  label_y: number;
}

/** District (and municipality) outlines in EPSG:3006, simplified, for the report's map image. */
export async function listOutlines3006(db: Kysely<Database>, municipalityCode: string): Promise<OutlineRow[]> {
  const { rows } = await sql<OutlineRow>`
    SELECT id::text AS id, name, kind, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom_3006, 25), 0) AS geometry,
      ST_X(ST_PointOnSurface(geom_3006))::float8 AS label_x, ST_Y(ST_PointOnSurface(geom_3006))::float8 AS label_y
    FROM area WHERE municipality_code = ${municipalityCode} AND kind IN ('district', 'municipality')
    ORDER BY kind, name`.execute(db);
  return rows;
}

/** A focus area's outline in EPSG:3006 (for the report's map: an outline of a decided area, no counts). */
export async function listFocusOutlines3006(db: Kysely<Database>, municipalityCode: string): Promise<OutlineRow[]> {
  const { rows } = await sql<OutlineRow>`
    SELECT id::text AS id, name, 'focus_area' AS kind, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom_3006, 10), 0) AS geometry,
      ST_X(ST_PointOnSurface(geom_3006))::float8 AS label_x, ST_Y(ST_PointOnSurface(geom_3006))::float8 AS label_y
    FROM focus_area WHERE municipality_code = ${municipalityCode}
    ORDER BY name`.execute(db);
  return rows;
}
