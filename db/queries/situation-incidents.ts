// Incidents of the staff map's full filter (period, categories, weekday and hour in Stockholm time,
// source, organisation, area) and their aggregates: hour × weekday, month, and the points themselves.
import { type Expression, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { SelectionPolygonWkt } from '@/lib/schemas/selection';
import type { Database } from '../schema';
import { type IncidentPointColumns, decodePointRecords, listPointColumns, pointRecord } from './incident-point-records';
import { type IncidentPointRow, inBboxCellParts, inBboxCells, pointColumns, pointReadParts, pointRows } from './incident-points';
import { localHour, localMonth, localWeekday } from './time-buckets';

export interface SituationIncidentQuery {
  municipalityCode: string;
  /** Local dates (Europe/Stockholm), 'YYYY-MM-DD'; `to` inclusive. */
  from?: string;
  to?: string;
  /** [west, south, east, north] in WGS84. */
  bbox?: readonly [number, number, number, number];
  /** Only these categories (already limited to what the caller may see). */
  categoryKeys: readonly string[];
  /** ISO weekdays 1–7 and hours 0–23 of occurred_at in Stockholm time. */
  weekdays?: readonly number[];
  hours?: readonly number[];
  sources?: readonly string[];
  originOrgId?: string;
  /** Only incidents this area (of the same municipality) covers. */
  areaId?: string;
  /** Record-level access of the viewer (lib/server/permissions whereExactAccess), applied in SQL. */
  access: Expression<SqlBool>;
  /** Only incidents inside this WGS84 polygon (a lasso; see withinPolygon). */
  within?: SelectionPolygonWkt;
}

/**
 * The record's geometry lies inside the polygon, in SQL (ST_Within on the indexed WGS84 column). A
 * hand-drawn lasso may cross itself: ST_MakeValid splits it into valid parts instead of failing.
 */
export function withinPolygon(table: string, wkt: SelectionPolygonWkt): RawBuilder<boolean> {
  return sql<boolean>`ST_Within(${sql.ref(`${table}.geom`)}, ST_CollectionExtract(ST_MakeValid(ST_GeomFromText(${wkt}, 4326)), 3))`;
}

type IncidentSelect = SelectQueryBuilder<Database, 'incident', object>;

/** An incident known only within a time window: occurred_to after occurred_at. */
const WINDOWED = sql<boolean>`(incident.occurred_to IS NOT NULL AND incident.occurred_to > incident.occurred_at)`;

/**
 * Weekday and hour filters aware of time windows: an incident at an instant matches by its local
 * weekday and hour; one known only within a window matches when any local hour of the window is
 * selected (a window of a week or more covers every weekday and hour). The window's hours are walked
 * with generate_series from the whole hour it starts in (whole hours are whole local hours in Stockholm).
 */
function weekdayHourFilter(q: SituationIncidentQuery): RawBuilder<boolean> {
  const match = (ts: Expression<Date>) => {
    const parts: RawBuilder<boolean>[] = [];
    if (q.weekdays?.length) parts.push(sql<boolean>`${localWeekday(ts)} IN (${sql.join(q.weekdays)})`);
    if (q.hours?.length) parts.push(sql<boolean>`${localHour(ts)} IN (${sql.join(q.hours)})`);
    return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
  };
  const h = sql.ref<Date>('wh.h');
  return sql<boolean>`(CASE WHEN ${WINDOWED} THEN (
      incident.occurred_to - incident.occurred_at >= interval '7 days'
      OR EXISTS (SELECT 1 FROM generate_series(date_trunc('hour', incident.occurred_at), incident.occurred_to - interval '1 microsecond', interval '1 hour') AS wh(h) WHERE ${match(h)})
    ) ELSE ${match(sql.ref<Date>('incident.occurred_at'))} END)`;
}

/** The filtered incidents as a query to select from; every aggregate below starts here. */
export function filteredIncidents(db: Kysely<Database>, q: SituationIncidentQuery): IncidentSelect {
  return (
    db
      .selectFrom('incident')
      .where('incident.municipality_code', '=', q.municipalityCode)
      .where(q.access)
      .where(q.categoryKeys.length ? sql<boolean>`incident.category_key IN (${sql.join(q.categoryKeys)})` : sql<boolean>`false`)
      // Local midnight of `from` and of the day after `to`: correct across daylight-saving changes.
      .$if(!!q.from, (qb) => qb.where('incident.occurred_at', '>=', sql<Date>`(${q.from}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`))
      .$if(!!q.to, (qb) => qb.where('incident.occurred_at', '<', sql<Date>`(${q.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm'`))
      .$if(!!q.bbox, (qb) =>
        qb.where(sql<boolean>`incident.geom && ST_MakeEnvelope(${q.bbox![0]}, ${q.bbox![1]}, ${q.bbox![2]}, ${q.bbox![3]}, 4326)`),
      )
      .$if(!!q.weekdays?.length || !!q.hours?.length, (qb) => qb.where(weekdayHourFilter(q)))
      .$if(!!q.sources?.length, (qb) => qb.where('incident.source', 'in', q.sources!))
      .$if(!!q.originOrgId, (qb) => qb.where('incident.origin_org_id', '=', q.originOrgId!))
      .$if(!!q.areaId, (qb) =>
        qb.where(
          sql<boolean>`EXISTS (SELECT 1 FROM area a WHERE a.id = ${q.areaId}::uuid AND a.municipality_code = ${q.municipalityCode} AND ST_Covers(a.geom, incident.geom))`,
        ),
      )
      .$if(!!q.within, (qb) => qb.where(withinPolygon('incident', q.within!)))
  );
}

export interface HourWeekdayCountRow {
  weekday: number;
  hour: number;
  count: number;
}

/**
 * Counts per (ISO weekday, hour) in Stockholm time of the incidents known at an instant; empty cells are
 * absent. Incidents known only within a window are not here: listIncidentWindows gives them for
 * aoristic weighting.
 */
export async function countIncidentsByHourWeekday(db: Kysely<Database>, q: SituationIncidentQuery): Promise<HourWeekdayCountRow[]> {
  const occurred = sql.ref<Date>('incident.occurred_at');
  const rows = await filteredIncidents(db, q)
    .where(sql<boolean>`NOT ${WINDOWED}`)
    .select([localWeekday(occurred).as('weekday'), localHour(occurred).as('hour'), sql<number>`count(*)::int`.as('count')])
    .groupBy([sql`1`, sql`2`])
    .orderBy(sql`1`)
    .orderBy(sql`2`)
    .execute();
  return rows.map((r) => ({ weekday: Number(r.weekday), hour: Number(r.hour), count: Number(r.count) }));
}

export interface IncidentWindowRow {
  /** Epoch milliseconds of occurred_at and occurred_to. */
  from_ms: number;
  to_ms: number;
}

/** The filtered incidents known only within a time window, as [from, to) in epoch milliseconds. */
export async function listIncidentWindows(db: Kysely<Database>, q: SituationIncidentQuery): Promise<IncidentWindowRow[]> {
  if (!q.categoryKeys.length) return [];
  const rows = await filteredIncidents(db, q)
    .where(WINDOWED)
    .select([
      sql<number>`(extract(epoch FROM incident.occurred_at) * 1000)::float8`.as('from_ms'),
      sql<number>`(extract(epoch FROM incident.occurred_to) * 1000)::float8`.as('to_ms'),
    ])
    .execute();
  return rows.map((r) => ({ from_ms: Number(r.from_ms), to_ms: Number(r.to_ms) }));
}

export interface MonthCountRow {
  /** 'YYYY-MM' in Stockholm time. */
  month: string;
  count: number;
}

/** Counts per local month; months without incidents are absent. */
export async function countIncidentsByMonth(db: Kysely<Database>, q: SituationIncidentQuery): Promise<MonthCountRow[]> {
  const rows = await filteredIncidents(db, q)
    .select([localMonth(sql.ref<Date>('incident.occurred_at')).as('month'), sql<number>`count(*)::int`.as('count')])
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  return rows.map((r) => ({ month: r.month, count: Number(r.count) }));
}

export type SituationPointRow = IncidentPointRow;

/** The points themselves (for the packed binary): the `limit` oldest matches, in seq order (see listIncidentPoints). */
export async function listSituationIncidentPoints(db: Kysely<Database>, q: SituationIncidentQuery, limit: number): Promise<SituationPointRow[]> {
  if (!q.categoryKeys.length) return [];
  const rows = await filteredPoints(db, q).select(pointColumns()).orderBy('incident.occurred_at').orderBy('incident.id').limit(limit).execute();
  return pointRows(rows);
}

/** The same as columns, packed in SQL (see listIncidentPointColumns). */
export async function listSituationIncidentPointColumns(db: Kysely<Database>, q: SituationIncidentQuery, limit: number): Promise<IncidentPointColumns | null> {
  if (!q.categoryKeys.length) return decodePointRecords(new Uint8Array(0), 0, 0);
  const cellParts = q.bbox ? inBboxCellParts(q.bbox, pointReadParts(db)) : null;
  const record = pointRecord(q.categoryKeys).as('rec');
  const parts = cellParts ? cellParts.map((cells) => filteredIncidents(db, q).where(cells).select(record)) : [filteredIncidents(db, q).select(record)];
  return listPointColumns(db, parts, { limit, categoryCount: q.categoryKeys.length, ordered: !cellParts });
}

/** filteredIncidents, with a bbox narrowed to its grid cells (inBboxCells) for the points' index scan. */
function filteredPoints(db: Kysely<Database>, q: SituationIncidentQuery): IncidentSelect {
  const cells = q.bbox ? inBboxCells(q.bbox) : null;
  return cells ? filteredIncidents(db, q).where(cells) : filteredIncidents(db, q);
}

/** Number of filtered incidents. */
export async function countSituationIncidents(db: Kysely<Database>, q: SituationIncidentQuery): Promise<number> {
  if (!q.categoryKeys.length) return 0;
  const row = await filteredIncidents(db, q).select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}
