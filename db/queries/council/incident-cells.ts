// The council dashboard's base cells: incident and distinct-location counts per district × publication
// group × Stockholm quarter, and per municipality × group × Stockholm month, over a range of whole
// periods. Normal-sensitivity categories only (the caller passes the publication groups); the police
// events feed is left out as in the publication cells (db/queries/disclosure/quarter-cells.ts).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../schema';
import { localMonth, localQuarter } from '../time-buckets';

export interface CouncilCellsOptions {
  municipalityCode: string;
  /** [start, end) instants of whole local periods. */
  start: Date;
  end: Date;
  /** Parallel arrays: category key and the publication group it is counted in. */
  categoryKeys: readonly string[];
  groupKeys: readonly string[];
  /** Distinct locations: distinct (round(x/r), round(y/r)) in SWEREF 99 TM, as the disclosure core. */
  locationRoundingM: number;
}

const EXCLUDED_SOURCE = 'police_feed';

function hits(o: CouncilCellsOptions) {
  return sql`
    SELECT i.id, i.geom_3006, i.occurred_at, pc.group_key,
      round((ST_X(i.geom_3006) / ${o.locationRoundingM})::numeric)::bigint::text || ':' || round((ST_Y(i.geom_3006) / ${o.locationRoundingM})::numeric)::bigint::text AS location
    FROM incident i
    JOIN unnest(${sql.val([...o.categoryKeys])}::text[], ${sql.val([...o.groupKeys])}::text[]) AS pc(category_key, group_key)
      ON pc.category_key = i.category_key
    JOIN category c ON c.key = i.category_key AND c.sensitivity = 'normal'
    WHERE i.municipality_code = ${o.municipalityCode}
      AND i.source <> ${EXCLUDED_SOURCE}
      AND i.occurred_at >= ${o.start} AND i.occurred_at < ${o.end}`;
}

export interface DistrictQuarterCellRow {
  district_id: string;
  quarter: string;
  group_key: string;
  count: number;
  distinct_locations: number;
}

/**
 * Non-empty district × quarter × group cells (the caller fills zeros). An incident on a shared border
 * is counted once, in the first district by name, as in the publication cells.
 */
export async function listDistrictQuarterCells(db: Kysely<Database>, o: CouncilCellsOptions): Promise<DistrictQuarterCellRow[]> {
  const { rows } = await sql<DistrictQuarterCellRow>`
    WITH hit AS (${hits(o)}),
    placed AS (
      SELECT DISTINCT ON (h.id) h.id, h.group_key, h.location, h.occurred_at, d.id AS area_id
      FROM hit h JOIN area d
        ON d.municipality_code = ${o.municipalityCode} AND d.kind = 'district' AND ST_Covers(d.geom_3006, h.geom_3006)
      ORDER BY h.id, d.name, d.id
    )
    SELECT p.area_id::text AS district_id, ${localQuarter(sql.ref('p.occurred_at'))} AS quarter, p.group_key,
      count(*)::int AS count, count(DISTINCT p.location)::int AS distinct_locations
    FROM placed p
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3`.execute(db);
  return rows;
}

export interface MunicipalityMonthCellRow {
  month: string;
  group_key: string;
  count: number;
  distinct_locations: number;
}

/** Non-empty month × group cells of the whole municipality (every incident of it, district or not). */
export async function listMunicipalityMonthCells(db: Kysely<Database>, o: CouncilCellsOptions): Promise<MunicipalityMonthCellRow[]> {
  const { rows } = await sql<MunicipalityMonthCellRow>`
    WITH hit AS (${hits(o)}),
    inside AS (
      -- Only incidents inside a district: the months must sum to the same total as the districts.
      SELECT h.* FROM hit h
      WHERE EXISTS (SELECT 1 FROM area d WHERE d.municipality_code = ${o.municipalityCode} AND d.kind = 'district' AND ST_Covers(d.geom_3006, h.geom_3006))
    )
    SELECT ${localMonth(sql.ref('inside.occurred_at'))} AS month, inside.group_key,
      count(*)::int AS count, count(DISTINCT inside.location)::int AS distinct_locations
    FROM inside
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(db);
  return rows;
}

export interface DistrictRow {
  id: string;
  name: string;
  code: string | null;
}

/** The municipality's districts, by name. */
export async function listDistricts(db: Kysely<Database>, municipalityCode: string): Promise<DistrictRow[]> {
  return db
    .selectFrom('area')
    .where('municipality_code', '=', municipalityCode)
    .where('kind', '=', 'district')
    .select([sql<string>`id::text`.as('id'), 'name', 'code'])
    .orderBy('name')
    .orderBy('id')
    .execute();
}
