// Incident points for the map: id (seq), position, category, local day and minute, filtered by tenant,
// period and bbox.
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { listBboxIncidentGridCells } from '@/lib/geo/incident-grid-cells';
import { readsInParallel } from '../client';
import type { Database } from '../schema';
import { type IncidentPointColumns, decodePointRecords, listPointColumns, pointReadsInFlight, pointRecord } from './incident-point-records';

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
  /** incident.seq: the id the pack carries (a JS number: exact below 2^53). */
  seq: number;
  lon: number;
  lat: number;
  category_key: string;
  /** Days since 1970-01-01 of the date in Europe/Stockholm. */
  day: number;
  /** Minute of the day in Europe/Stockholm, 0–1439. */
  minute: number;
  /** Rank by time (occurred_at, then id), from 1: a caller cutting the list drops the highest. */
  ord: number;
}

/**
 * The pack's columns of `incident` (or its alias). The local wall-clock time is read once per row, as
 * seconds since 1970-01-01 00:00 local; pointRows splits it into day and minute (one time-zone
 * conversion instead of three: the 50k viewport spent ~140 ms of 430 computing them).
 */
export function pointColumns(table = 'incident') {
  const col = (name: string) => sql.ref(`${table}.${name}`);
  return [
    sql<string>`${col('id')}`.as('id'),
    sql<number>`${col('seq')}::float8`.as('seq'),
    sql<number>`ST_X(${col('geom')})::float8`.as('lon'),
    sql<number>`ST_Y(${col('geom')})::float8`.as('lat'),
    sql<string>`${col('category_key')}`.as('category_key'),
    sql<number>`extract(epoch FROM (${col('occurred_at')} AT TIME ZONE 'Europe/Stockholm'))::float8`.as('local_s'),
  ] as const;
}

/**
 * The incident grid cells (the 20261129T0100 migration) a bbox touches, as a condition that lets the
 * planner scan incident_tenant_cell_time_idx: a year's viewport then reads its own cells instead of the
 * whole year's slice of the time index. Null for a bbox of too many cells (the time index serves it).
 * The bbox test itself stays the exact filter; the cells only narrow the scan.
 */
export function inBboxCells(bbox: readonly [number, number, number, number], table = 'incident'): RawBuilder<boolean> | null {
  return inBboxCellParts(bbox, 1, table)?.[0] ?? null;
}

/**
 * The same condition split into `parts` conditions over disjoint sets of the cells (every `parts`-th
 * cell, so that dense and sparse stretches spread over the parts): queries that together read what one
 * reads, to run side by side on a pool (readsInParallel). Fewer parts when there are fewer cells.
 */
export function inBboxCellParts(bbox: readonly [number, number, number, number], parts: number, table = 'incident'): RawBuilder<boolean>[] | null {
  const cells = listBboxIncidentGridCells(bbox);
  if (!cells) return null;
  const n = Math.max(1, Math.min(parts, cells.length));
  return Array.from({ length: n }, (_, k) => {
    const part = cells.filter((_, i) => i % n === k);
    return sql<boolean>`incident_grid_cell(${sql.ref(`${table}.geom`)}) = ANY(${`{${part.join(',')}}`}::int[])`;
  });
}

/**
 * Parts of a cell-narrowed points read: two on a PostgreSQL pool when no other point read is under way
 * (a spare core reads half: a 50k viewport in about half the time), else one. Under concurrent reads
 * the cores are busy anyway and a split only adds a query: 20 clients read 10k-point boxes about 1.7
 * times as fast unsplit.
 */
export function pointReadParts(db: Kysely<Database>): number {
  return readsInParallel(db) && pointReadsInFlight() === 0 ? 2 : 1;
}

/** The incidents of the filter, as a query to select from. */
function matchingIncidents(db: Kysely<Database>, q: IncidentPointQuery, cells = q.bbox ? inBboxCells(q.bbox) : null) {
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
      .$if(!!cells, (qb) => qb.where(cells!))
  );
}

/**
 * The `limit` oldest matches of the filter (the cut is by time, as before ids: the same filter always
 * cuts at the same point; `ord` tells which), returned in seq order so the pack's delta-coded ids stay
 * small. The database sends them in time order; the seq sort is done here (a sort of wide rows in SQL
 * spilled to disk at 50k).
 */
export async function listIncidentPoints(db: Kysely<Database>, q: IncidentPointQuery): Promise<IncidentPointRow[]> {
  if (!q.categoryKeys.length || !q.visibilities.length) return [];
  const rows = await matchingIncidents(db, q).select(pointColumns()).orderBy('occurred_at').orderBy('id').limit(q.limit).execute();
  return pointRows(rows);
}

/**
 * The same points as listIncidentPoints (rows, days, minutes, seq order, the same cut) as columns,
 * packed in SQL (./incident-point-records.ts); null when listIncidentPoints must do it (more than
 * `q.limit` matches in a grid-cell scan, or a time outside the years converted in Node).
 */
export async function listIncidentPointColumns(db: Kysely<Database>, q: IncidentPointQuery): Promise<IncidentPointColumns | null> {
  if (!q.categoryKeys.length || !q.visibilities.length) return decodePointRecords(new Uint8Array(0), 0, q.categoryKeys.length);
  const cellParts = q.bbox ? inBboxCellParts(q.bbox, pointReadParts(db)) : null;
  const record = pointRecord(q.categoryKeys).as('rec');
  const parts = cellParts ? cellParts.map((cells) => matchingIncidents(db, q, cells).select(record)) : [matchingIncidents(db, q, null).select(record)];
  return listPointColumns(db, parts, { limit: q.limit, categoryCount: q.categoryKeys.length, ordered: !cellParts });
}

const SECONDS_PER_DAY = 86_400;

/** Rows in time order → numbers on both drivers, day and minute from the local time, ord, sorted by seq. */
export function pointRows(rows: readonly { id: string; seq: number | string; lon: number | string; lat: number | string; category_key: string; local_s: number | string }[]): IncidentPointRow[] {
  const out = rows.map((r, i): IncidentPointRow => {
    const local = Number(r.local_s);
    const day = Math.floor(local / SECONDS_PER_DAY);
    return { id: r.id, seq: Number(r.seq), lon: Number(r.lon), lat: Number(r.lat), category_key: r.category_key, day, minute: Math.floor((local - day * SECONDS_PER_DAY) / 60), ord: i + 1 };
  });
  return out.sort((a, b) => a.seq - b.seq);
}

/** The incident of this point number, if the access predicate (exact access, in SQL) lets the viewer see it. */
export async function findIncidentIdBySeq(db: Kysely<Database>, seq: number, access: Expression<SqlBool>): Promise<{ id: string; municipality_code: string } | null> {
  const row = await db
    .selectFrom('incident')
    .select(['id', 'municipality_code'])
    .where(sql<boolean>`incident.seq = ${seq}::int8`)
    .where(access)
    .executeTakeFirst();
  return row ?? null;
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

export interface PointPackContext {
  /** incident_revision of the municipality ('0' before its first change); see the 20261128T0110 migration. */
  revision: string;
  categories: MapCategoryRow[];
}

/**
 * What every point-pack request needs before its cache lookup, in one round trip: the municipality's
 * incident revision and the category table in display order.
 */
export async function getPointPackContext(db: Kysely<Database>, municipalityCode: string): Promise<PointPackContext> {
  const { rows } = await sql<MapCategoryRow & { revision: string | null }>`
    SELECT c.key, c.group_key, c.sensitivity,
      (SELECT r.revision::text FROM incident_revision r WHERE r.municipality_code = ${municipalityCode}) AS revision
    FROM category c ORDER BY c.sort_order, c.key`.execute(db);
  return { revision: rows[0]?.revision ?? '0', categories: rows.map(({ key, group_key, sensitivity }) => ({ key, group_key, sensitivity })) };
}
