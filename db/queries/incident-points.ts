// Incident points for the map: position, category and local day, filtered by tenant, period and bbox.
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../schema';

export interface IncidentPointQuery {
  municipalityCode: string;
  /** Local dates (Europe/Stockholm), 'YYYY-MM-DD'; `to` inclusive. */
  from?: string;
  to?: string;
  /** [west, south, east, north] in WGS84. */
  bbox?: readonly [number, number, number, number];
  /** Only these categories (already limited to what the caller may see). */
  categoryKeys: readonly string[];
  visibilities: readonly string[];
  /** Record-level access of the viewer (lib/server/permissions whereExactAccess), applied in SQL. */
  access?: Expression<SqlBool>;
  limit: number;
}

export interface IncidentPointRow {
  /** For the audit log's hash of the ids read; not sent to the browser. */
  id: string;
  lon: number;
  lat: number;
  category_key: string;
  /** Days since 1970-01-01 of the date in Europe/Stockholm. */
  day: number;
}

export async function listIncidentPoints(db: Kysely<Database>, q: IncidentPointQuery): Promise<IncidentPointRow[]> {
  if (!q.categoryKeys.length || !q.visibilities.length) return [];
  return (
    db
      .selectFrom('incident')
      .where('municipality_code', '=', q.municipalityCode)
      .where('category_key', 'in', q.categoryKeys)
      .where('visibility', 'in', q.visibilities)
      .$if(!!q.access, (qb) => qb.where(q.access!))
      // Local midnight of `from` and of the day after `to`: correct across daylight-saving changes.
      .$if(!!q.from, (qb) => qb.where('occurred_at', '>=', sql<Date>`(${q.from}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`))
      .$if(!!q.to, (qb) => qb.where('occurred_at', '<', sql<Date>`(${q.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm'`))
      .$if(!!q.bbox, (qb) => qb.where(sql<boolean>`geom && ST_MakeEnvelope(${q.bbox![0]}, ${q.bbox![1]}, ${q.bbox![2]}, ${q.bbox![3]}, 4326)`))
      .select([
        'id',
        sql<number>`ST_X(geom)::float8`.as('lon'),
        sql<number>`ST_Y(geom)::float8`.as('lat'),
        'category_key',
        sql<number>`((occurred_at AT TIME ZONE 'Europe/Stockholm')::date - DATE '1970-01-01')::int`.as('day'),
      ])
      .orderBy('occurred_at')
      .orderBy('id')
      .limit(q.limit)
      .execute()
  );
}

export interface MapCategoryRow {
  key: string;
  group_key: string;
  sensitivity: string;
}

/** The category table in display order. */
export async function listMapCategories(db: Kysely<Database>): Promise<MapCategoryRow[]> {
  return db.selectFrom('category').select(['key', 'group_key', 'sensitivity']).orderBy('sort_order').orderBy('key').execute();
}
