// Unsafe places and vandalism reports for the staff map: few enough to send as GeoJSON. The viewer's
// record-level access comes in as an SQL predicate (whereExactAccess with categoryColumn null).
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../schema';
import type { SelectionPolygonWkt } from '@/lib/schemas/selection';
import { withinPolygon } from './situation-incidents';

export interface SituationPlaceQuery {
  municipalityCode: string;
  /** Local dates (Europe/Stockholm), 'YYYY-MM-DD'; `to` inclusive. */
  from?: string;
  to?: string;
  bbox?: readonly [number, number, number, number];
  /** Statuses of this layer to keep (all when absent). */
  statuses?: readonly string[];
  originOrgId?: string;
  areaId?: string;
  access: Expression<SqlBool>;
  /** Only records inside this WGS84 polygon (a lasso). */
  within?: SelectionPolygonWkt;
}

const fromTs = (d: string) => sql<Date>`(${d}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`;
const toTs = (d: string) => sql<Date>`(${d}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm'`;

function areaCovers(table: string, q: SituationPlaceQuery) {
  return sql<boolean>`EXISTS (SELECT 1 FROM area a WHERE a.id = ${q.areaId}::uuid AND a.municipality_code = ${q.municipalityCode} AND ST_Covers(a.geom, ${sql.ref(`${table}.geom`)}))`;
}

function bboxOverlaps(table: string, b: readonly [number, number, number, number]) {
  return sql<boolean>`${sql.ref(`${table}.geom`)} && ST_MakeEnvelope(${b[0]}, ${b[1]}, ${b[2]}, ${b[3]}, 4326)`;
}

export interface UnsafePlaceRow {
  id: string;
  lon: number;
  lat: number;
  title: string;
  status: string;
  reasons: string[];
  reported_at: string;
}

/**
 * The filtered unsafe places as a query to select from (the map layer and a lasso selection): those
 * that existed in the period, reported before its end and not fixed (or rejected) before its start; a
 * place fixed in the period shows, as fixed.
 */
export function filteredUnsafePlaces(db: Kysely<Database>, q: SituationPlaceQuery) {
  return db
    .selectFrom('unsafe_place')
    .where('unsafe_place.municipality_code', '=', q.municipalityCode)
    .where(q.access)
    .$if(!!q.to, (qb) => qb.where('unsafe_place.reported_at', '<', toTs(q.to!)))
    .$if(!!q.from, (qb) =>
      qb.where(
        sql<boolean>`(unsafe_place.status IN ('open', 'planned') OR coalesce(unsafe_place.fixed_at, unsafe_place.status_changed_at, unsafe_place.reported_at) >= ${fromTs(q.from!)})`,
      ),
    )
    .$if(!!q.statuses, (qb) => qb.where('unsafe_place.status', 'in', q.statuses!))
    .$if(!!q.originOrgId, (qb) => qb.where('unsafe_place.origin_org_id', '=', q.originOrgId!))
    .$if(!!q.areaId, (qb) => qb.where(areaCovers('unsafe_place', q)))
    .$if(!!q.bbox, (qb) => qb.where(bboxOverlaps('unsafe_place', q.bbox!)))
    .$if(!!q.within, (qb) => qb.where(withinPolygon('unsafe_place', q.within!)));
}

export async function listUnsafePlaces(db: Kysely<Database>, q: SituationPlaceQuery): Promise<UnsafePlaceRow[]> {
  if (q.statuses && q.statuses.length === 0) return [];
  const rows = await filteredUnsafePlaces(db, q)
    .select([
      'unsafe_place.id',
      sql<number>`ST_X(ST_PointOnSurface(unsafe_place.geom))::float8`.as('lon'),
      sql<number>`ST_Y(ST_PointOnSurface(unsafe_place.geom))::float8`.as('lat'),
      'unsafe_place.title',
      'unsafe_place.status',
      'unsafe_place.reasons',
      sql<string>`to_char(unsafe_place.reported_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD')`.as('reported_at'),
    ])
    .orderBy('unsafe_place.reported_at')
    .orderBy('unsafe_place.id')
    .execute();
  return rows.map((r) => ({ ...r, lon: Number(r.lon), lat: Number(r.lat), reasons: r.reasons ?? [] }));
}

export interface VandalismRow {
  id: string;
  lon: number;
  lat: number;
  kind: string;
  status: string;
  offensive: boolean;
  reported_at: string;
}

/** The filtered vandalism reports (reported in the period) as a query to select from. */
export function filteredVandalism(db: Kysely<Database>, q: SituationPlaceQuery) {
  return db
    .selectFrom('vandalism_report')
    .where('vandalism_report.municipality_code', '=', q.municipalityCode)
    .where(q.access)
    .$if(!!q.from, (qb) => qb.where('vandalism_report.reported_at', '>=', fromTs(q.from!)))
    .$if(!!q.to, (qb) => qb.where('vandalism_report.reported_at', '<', toTs(q.to!)))
    .$if(!!q.statuses, (qb) => qb.where('vandalism_report.status', 'in', q.statuses!))
    .$if(!!q.originOrgId, (qb) => qb.where('vandalism_report.origin_org_id', '=', q.originOrgId!))
    .$if(!!q.areaId, (qb) => qb.where(areaCovers('vandalism_report', q)))
    .$if(!!q.bbox, (qb) => qb.where(bboxOverlaps('vandalism_report', q.bbox!)))
    .$if(!!q.within, (qb) => qb.where(withinPolygon('vandalism_report', q.within!)));
}

/** Vandalism reported in the period. */
export async function listVandalismReports(db: Kysely<Database>, q: SituationPlaceQuery): Promise<VandalismRow[]> {
  if (q.statuses && q.statuses.length === 0) return [];
  const rows = await filteredVandalism(db, q)
    .select([
      'vandalism_report.id',
      sql<number>`ST_X(ST_PointOnSurface(vandalism_report.geom))::float8`.as('lon'),
      sql<number>`ST_Y(ST_PointOnSurface(vandalism_report.geom))::float8`.as('lat'),
      'vandalism_report.kind',
      'vandalism_report.status',
      'vandalism_report.offensive',
      sql<string>`to_char(vandalism_report.reported_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD')`.as('reported_at'),
    ])
    .orderBy('vandalism_report.reported_at')
    .orderBy('vandalism_report.id')
    .execute();
  return rows.map((r) => ({ ...r, lon: Number(r.lon), lat: Number(r.lat), offensive: Boolean(r.offensive) }));
}

/** Numbers of filtered unsafe places and vandalism reports (null where the query is not given). */
export async function countSituationPlaces(db: Kysely<Database>, unsafe: SituationPlaceQuery | null, vandalism: SituationPlaceQuery | null): Promise<[number | null, number | null]> {
  const count = sql<number>`count(*)::int`.as('count');
  const empty = (q: SituationPlaceQuery) => !!q.statuses && q.statuses.length === 0;
  return Promise.all([
    unsafe ? (empty(unsafe) ? 0 : filteredUnsafePlaces(db, unsafe).select(count).executeTakeFirstOrThrow().then((r) => Number(r.count))) : null,
    vandalism ? (empty(vandalism) ? 0 : filteredVandalism(db, vandalism).select(count).executeTakeFirstOrThrow().then((r) => Number(r.count))) : null,
  ]);
}
