// A quarter's incident counts and distinct-location counts per fixed geography cell × publication
// group, computed in SQL: quarter bucketed in Europe/Stockholm, areas by ST_Covers on geom_3006,
// every cell × group returned (zero included: a missing row would reveal an empty cell).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../schema';
import { localQuarter } from '../time-buckets';

export interface QuarterCellsOptions {
  municipalityCode: string;
  /** 'YYYY-Qn' */
  quarter: string;
  /** [start, end) of the quarter, used only to narrow the scan by index; the bucket itself is SQL's. */
  start: Date;
  end: Date;
  /** Publication groups: parallel arrays of category key and the group it is counted in (normal categories only). */
  categoryKeys: readonly string[];
  groupKeys: readonly string[];
  /** Distinct locations are distinct (round(x / r), round(y / r)) in SWEREF 99 TM, r in metres, half away from zero (numeric round). */
  locationRoundingM: number;
}

export interface QuarterCellRow {
  cell_key: string;
  area_id: string | null;
  area_name: string;
  grid_ix: number | null;
  grid_iy: number | null;
  group_key: string;
  count: number;
  distinct_locations: number;
}

// The police events feed is a context layer of public, already published events (DESIGN.md §9), not
// the municipality's and police's own records; counting it would count the same crime twice.
const EXCLUDED_SOURCE = 'police_feed';

function hits(o: QuarterCellsOptions) {
  // One day of slack each side: the exact test is the Stockholm quarter bucket below.
  const from = new Date(o.start.getTime() - 86_400_000);
  const to = new Date(o.end.getTime() + 86_400_000);
  return sql`
    SELECT i.id, i.geom_3006, pc.group_key,
      round((ST_X(i.geom_3006) / ${o.locationRoundingM})::numeric)::bigint::text || ':' || round((ST_Y(i.geom_3006) / ${o.locationRoundingM})::numeric)::bigint::text AS location
    FROM incident i
    JOIN unnest(${sql.val([...o.categoryKeys])}::text[], ${sql.val([...o.groupKeys])}::text[]) AS pc(category_key, group_key)
      ON pc.category_key = i.category_key
    JOIN category c ON c.key = i.category_key AND c.sensitivity = 'normal'
    WHERE i.municipality_code = ${o.municipalityCode}
      AND i.source <> ${EXCLUDED_SOURCE}
      AND i.occurred_at >= ${from} AND i.occurred_at < ${to}
      AND ${localQuarter(sql.ref('i.occurred_at'))} = ${o.quarter}`;
}

/**
 * Counts per district (area kind 'district') × group. An incident on a shared border is covered by
 * both districts; it is counted once, in the first by name, so districts add up to the municipality.
 */
export async function listQuarterDistrictCells(db: Kysely<Database>, o: QuarterCellsOptions): Promise<QuarterCellRow[]> {
  const groups = [...new Set(o.groupKeys)];
  const { rows } = await sql<QuarterCellRow>`
    WITH hit AS (${hits(o)}),
    placed AS (
      SELECT DISTINCT ON (h.id) h.id, h.group_key, h.location, d.id AS area_id
      FROM hit h JOIN area d
        ON d.municipality_code = ${o.municipalityCode} AND d.kind = 'district' AND ST_Covers(d.geom_3006, h.geom_3006)
      ORDER BY h.id, d.name, d.id
    )
    SELECT 'district:' || d.id::text AS cell_key, d.id::text AS area_id, d.name AS area_name,
      NULL::int AS grid_ix, NULL::int AS grid_iy, g.group_key,
      count(p.id)::int AS count, count(DISTINCT p.location)::int AS distinct_locations
    FROM area d
    CROSS JOIN unnest(${sql.val(groups)}::text[]) AS g(group_key)
    LEFT JOIN placed p ON p.area_id = d.id AND p.group_key = g.group_key
    WHERE d.municipality_code = ${o.municipalityCode} AND d.kind = 'district'
    GROUP BY d.id, d.name, g.group_key
    ORDER BY d.name, d.id, g.group_key`.execute(db);
  return rows;
}

/**
 * Counts per square grid cell (ix = floor(x/s), iy = floor(y/s) in SWEREF 99 TM, anchored at the CRS
 * origin so grids of different quarters and versions are the same cells) × group. The cells are fixed
 * by geography, not by data: every cell that intersects the municipality outline (area kind
 * 'municipality', else the union of its districts).
 */
export async function listQuarterGridCells(db: Kysely<Database>, o: QuarterCellsOptions & { cellSizeM: number }): Promise<QuarterCellRow[]> {
  const s = o.cellSizeM;
  const groups = [...new Set(o.groupKeys)];
  const { rows } = await sql<QuarterCellRow>`
    WITH outline AS (
      SELECT ST_Union(geom_3006) AS g FROM area
      WHERE municipality_code = ${o.municipalityCode}
        AND kind = CASE WHEN EXISTS (SELECT 1 FROM area WHERE municipality_code = ${o.municipalityCode} AND kind = 'municipality')
                        THEN 'municipality' ELSE 'district' END
    ),
    cell AS (
      SELECT ix, iy FROM outline,
        generate_series(floor(ST_XMin(g) / ${s})::int, floor(ST_XMax(g) / ${s})::int) AS ix,
        generate_series(floor(ST_YMin(g) / ${s})::int, floor(ST_YMax(g) / ${s})::int) AS iy
      WHERE g IS NOT NULL AND ST_Intersects(g, ST_MakeEnvelope(ix * ${s}, iy * ${s}, (ix + 1) * ${s}, (iy + 1) * ${s}, 3006))
    ),
    hit AS (${hits(o)}),
    placed AS (
      SELECT h.id, h.group_key, h.location, floor(ST_X(h.geom_3006) / ${s})::int AS ix, floor(ST_Y(h.geom_3006) / ${s})::int AS iy FROM hit h
    )
    SELECT 'grid:' || ${String(s)} || ':' || c.ix || ':' || c.iy AS cell_key, NULL::text AS area_id,
      'Ruta ' || c.ix || ':' || c.iy AS area_name, c.ix AS grid_ix, c.iy AS grid_iy, g.group_key,
      count(p.id)::int AS count, count(DISTINCT p.location)::int AS distinct_locations
    FROM cell c
    CROSS JOIN unnest(${sql.val(groups)}::text[]) AS g(group_key)
    LEFT JOIN placed p ON p.ix = c.ix AND p.iy = c.iy AND p.group_key = g.group_key
    GROUP BY c.ix, c.iy, g.group_key
    ORDER BY c.iy, c.ix, g.group_key`.execute(db);
  return rows;
}
