// Incident counts per fixed hexagon for viewers without exact access (council): binned IN SQL on
// geom_3006 with the numbering of PostGIS ST_HexagonGrid (lib/geo/hex.ts; the same arithmetic as
// db/queries/analysis/cell-counts.ts), with the distinct rounded locations the suppression rule needs.
// Only cell counts leave the database; suppression happens in lib/privacy.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema';
import { hexCellsOf } from './hex-cell-sql';

export interface AggregateIncidentQuery {
  municipalityCode: string;
  /** Local dates (Europe/Stockholm), 'YYYY-MM-DD'; `to` inclusive. */
  from: string;
  to: string;
  /** Only these categories (already limited to those an aggregate may count). */
  categoryKeys: readonly string[];
  /** Only incidents this area (of the same municipality) covers. */
  areaId?: string;
  /** Hexagon edge (as ST_HexagonGrid's size), metres. */
  cellSizeM: number;
  /** Distinct locations are distinct (round(x / r), round(y / r)) in SWEREF 99 TM. */
  locationRoundingM: number;
}

export interface HexCountRow {
  i: number;
  j: number;
  count: number;
  distinct_locations: number;
}

// The police events feed is a context layer of already published events: counting it would count a
// crime twice (as in db/queries/disclosure/quarter-cells.ts).
const EXCLUDED_SOURCE = 'police_feed';

/** Counts per hexagon (i, j); cells without incidents are absent. */
export async function countIncidentsByHexagon(db: Kysely<Database>, q: AggregateIncidentQuery): Promise<HexCountRow[]> {
  if (!(q.cellSizeM > 0)) throw new RangeError('cell size must be positive');
  if (!q.categoryKeys.length) return [];
  const r = sql`${q.locationRoundingM}::float8`;
  const area = q.areaId
    ? sql`AND EXISTS (SELECT 1 FROM area a WHERE a.id = ${q.areaId}::uuid AND a.municipality_code = ${q.municipalityCode} AND ST_Covers(a.geom, i.geom))`
    : sql``;
  const incidents = sql`(
      SELECT ST_X(i.geom_3006)::float8 AS x, ST_Y(i.geom_3006)::float8 AS y
      FROM incident i
      WHERE i.municipality_code = ${q.municipalityCode}
      AND i.source <> ${EXCLUDED_SOURCE}
      AND i.category_key IN (${sql.join(q.categoryKeys)})
      AND i.occurred_at >= (${q.from}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'
      AND i.occurred_at < (${q.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm'
      ${area}
    OFFSET 0
  )`;
  const { rows } = await sql<HexCountRow>`
    SELECT i, j, count(*)::int AS count,
      count(DISTINCT (round((x / ${r})::numeric)::bigint::text || ':' || round((y / ${r})::numeric)::bigint::text))::int AS distinct_locations
    FROM (${hexCellsOf(incidents, q.cellSizeM)}) c
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(db);
  return rows.map((row) => ({ i: Number(row.i), j: Number(row.j), count: Number(row.count), distinct_locations: Number(row.distinct_locations) }));
}

/** Incidents of an aggregate query inside one area, with their distinct rounded locations (for suppression). */
export async function countAggregateIncidentsInArea(db: Kysely<Database>, q: Omit<AggregateIncidentQuery, 'cellSizeM' | 'areaId'> & { areaId: string }): Promise<{ count: number; distinct_locations: number }> {
  if (!q.categoryKeys.length) return { count: 0, distinct_locations: 0 };
  const r = sql`${q.locationRoundingM}::float8`;
  const { rows } = await sql<{ count: number; distinct_locations: number }>`
    SELECT count(*)::int AS count,
      count(DISTINCT (round((ST_X(i.geom_3006) / ${r})::numeric)::bigint::text || ':' || round((ST_Y(i.geom_3006) / ${r})::numeric)::bigint::text))::int AS distinct_locations
    FROM incident i
    JOIN area a ON a.id = ${q.areaId}::uuid AND a.municipality_code = ${q.municipalityCode} AND ST_Covers(a.geom, i.geom)
    WHERE i.municipality_code = ${q.municipalityCode}
      AND i.source <> ${EXCLUDED_SOURCE}
      AND i.category_key IN (${sql.join(q.categoryKeys)})
      AND i.occurred_at >= (${q.from}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'
      AND i.occurred_at < (${q.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm'`.execute(db);
  return { count: Number(rows[0]?.count ?? 0), distinct_locations: Number(rows[0]?.distinct_locations ?? 0) };
}
