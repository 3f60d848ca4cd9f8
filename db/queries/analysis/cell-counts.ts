// Incident counts per grid cell, binned IN SQL by arithmetic cell index on geom_3006 (no spatial join):
// only cell aggregates leave the database. Square cells: ix = floor(x/s), iy = floor(y/s). Hexagons: the
// arithmetic of lib/geo/hex.ts (binPointsToHexGrid), operation for operation in float8, so that SQL and the
// pure library put every point in the same ST_HexagonGrid (i, j).
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../schema';

export type CellGrid = 'square' | 'hex';
export type TimeStep = 'quarter' | 'month';

export interface IncidentFilter {
  municipalityCode: string;
  /** Local dates (Europe/Stockholm), 'YYYY-MM-DD'; `to` inclusive. */
  from?: string;
  to?: string;
  /** Only these categories; undefined = all. An empty list selects nothing. */
  categories?: readonly string[];
  /**
   * The viewer's exact-access predicate over `incident` (lib/server/permissions whereExactAccess): an
   * analysis counts only records its viewer may see exactly. Omitted only by the CLI, benches and tests.
   */
  access?: RawBuilder<boolean>;
}

export interface CellCountQuery extends IncidentFilter {
  grid: CellGrid;
  /** Square side or hexagon edge (as ST_HexagonGrid), metres. */
  cellSize: number;
  /** Also group by local calendar step ('YYYY-Qn' or 'YYYY-MM'). */
  step?: TimeStep;
}

export interface CellCountRow {
  /** Square: ix, iy; hexagon: i, j as ST_HexagonGrid numbers them. */
  a: number;
  b: number;
  /** Step key when `step` was asked for, else null. */
  step: string | null;
  count: number;
}

/** Bounding box of the counted points in EPSG:3006 metres (the study rectangle is built from it). */
export interface PointExtent {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface CellCounts {
  /** Cells (and steps) with at least one incident, ordered by step, a, b. */
  rows: CellCountRow[];
  /** Null when no incident was counted. */
  extent: PointExtent | null;
}

const SQRT3 = Math.sqrt(3);

/** The common WHERE of every analysis read: tenant, local period, categories. */
export function incidentWhere(f: IncidentFilter): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [sql`municipality_code = ${f.municipalityCode}`];
  // Local midnight of `from` and of the day after `to`: correct across daylight-saving changes.
  if (f.from) parts.push(sql`occurred_at >= (${f.from}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`);
  if (f.to) parts.push(sql`occurred_at < (${f.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm'`);
  if (f.categories) parts.push(sql`category_key = ANY(${[...f.categories]}::text[])`);
  if (f.access) parts.push(f.access);
  return sql<boolean>`${sql.join(parts, sql` AND `)}`;
}

/** First local day ('YYYY-MM-DD') of every step from the step of `from` to that of `to`, and of the step after. */
export function listStepStarts(from: string, to: string, step: TimeStep): string[] {
  const months = step === 'month' ? 1 : 3;
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  const first = fy * 12 + (fm - 1) - ((fm - 1) % months);
  const last = ty * 12 + (tm - 1) - ((tm - 1) % months) + months;
  const out: string[] = [];
  for (let m = first; m <= last; m += months) out.push(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`);
  return out;
}

/**
 * The cell index (a, b) and step of every filtered incident, as a derived table with columns x, y, s, a, b.
 *
 * Shape (EXPLAIN-checked on PostgreSQL 15): each level is a subquery carrying an empty WITH, which keeps the
 * planner from merging it into the level above (a merged level would repeat ST_X / ST_Y and the shared
 * subexpressions dozens of times per row) but, unlike an OFFSET 0 fence, still lets PostgreSQL run the whole
 * thing in parallel workers under a partial aggregate. The one level that reads the table calls ST_X and ST_Y
 * once per row.
 *
 * Square: a = floor(x/s), b = floor(y/s). Hexagon: the arithmetic of lib/geo/hex.ts getHexCellIndex, operation
 * for operation in float8, so that SQL and the pure library put every point in the same ST_HexagonGrid (i, j):
 * column i = floor(x / 1.5s); the nearest row of an even column is re = round(y/h) and of an odd one
 * ro = round(y/h − ½) (Math.round(v) = floor(v + ½)); the candidates are (i, row of i's parity) and (i + 1, row
 * of the other parity), and the one with the nearer centre wins, ties to column i.
 *
 * The step is the 1-based bucket of occurred_at among the local step starts (width_bucket over a sorted
 * timestamptz array): one binary search per row instead of a time-zone conversion.
 */
function cellPointsSql(q: CellCountQuery, stepStarts: string[] | null): RawBuilder<unknown> {
  // The starts are a bound parameter (local midnight written with its zone, parsed once): a subquery here
  // would be an InitPlan, which keeps PostgreSQL 15 from a parallel plan.
  const stepExpr = stepStarts ? sql`width_bucket(occurred_at, ${stepStarts.map((d) => `${d} 00:00:00 Europe/Stockholm`)}::timestamptz[])` : sql`NULL::int`;
  const points = sql`WITH fence AS (SELECT) SELECT ST_X(geom_3006)::float8 AS x, ST_Y(geom_3006)::float8 AS y, ${stepExpr} AS s FROM incident WHERE ${incidentWhere(q)}`;
  if (q.grid === 'square') {
    const s = sql`${q.cellSize}::float8`;
    return sql`SELECT x, y, s, floor(x / ${s})::int AS a, floor(y / ${s})::int AS b FROM (${points}) p`;
  }
  const cw = sql`${1.5 * q.cellSize}::float8`;
  const hh = sql`${q.cellSize * SQRT3}::float8`;
  // Whether column i + 1 wins: for an even column i its candidate row is ro (odd parity), for an odd one re. The
  // four differences are computed once (a level of their own) and squared as lib/geo/hex.ts squares them.
  const next = sql`CASE WHEN odd = 0 THEN d1 * d1 + eo * eo < d0 * d0 + ee * ee ELSE d1 * d1 + ee * ee < d0 * d0 + eo * eo END`;
  return sql`SELECT x, y, s, (CASE WHEN nx THEN i + 1 ELSE i END)::int AS a, (CASE WHEN nx = (odd = 0) THEN ro ELSE re END)::int AS b FROM (
      WITH fence AS (SELECT) SELECT x, y, s, i, odd, re, ro, ${next} AS nx FROM (
        WITH fence AS (SELECT) SELECT x, y, s, i, odd, re, ro,
          x - ${cw} * i AS d0, x - ${cw} * (i + 1) AS d1, y - ${hh} * re AS ee, y - ${hh} * (ro + 0.5::float8) AS eo FROM (
          WITH fence AS (SELECT) SELECT x, y, s, floor(x / ${cw}) AS i, floor(x / ${cw})::int & 1 AS odd,
            floor(y / ${hh} + 0.5::float8) AS re, floor(y / ${hh} - 0.5::float8 + 0.5::float8) AS ro
          FROM (${points}) p
        ) q
      ) d
    ) r`;
}

/** Local first and last day of the filtered incidents (for steps when the filter has no period), or null. */
async function getLocalDateRange(db: Kysely<Database>, f: IncidentFilter): Promise<{ from: string; to: string } | null> {
  const r = await sql<{ from: string | null; to: string | null }>`
    SELECT to_char(min(occurred_at) AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD') AS "from", to_char(max(occurred_at) AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD') AS "to"
    FROM incident WHERE ${incidentWhere(f)}`.execute(db);
  const row = r.rows[0];
  return row?.from && row.to ? { from: row.from, to: row.to } : null;
}

function extentOf(rows: readonly { minX: number; minY: number; maxX: number; maxY: number }[]): PointExtent | null {
  if (rows.length === 0) return null;
  const e = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const r of rows) {
    const minX = Number(r.minX);
    const minY = Number(r.minY);
    const maxX = Number(r.maxX);
    const maxY = Number(r.maxY);
    if (minX < e.minX) e.minX = minX;
    if (minY < e.minY) e.minY = minY;
    if (maxX > e.maxX) e.maxX = maxX;
    if (maxY > e.maxY) e.maxY = maxY;
  }
  return e;
}

/**
 * The counting statement of listIncidentCellCounts (exported for the bench's EXPLAIN). Without steps: one row
 * per cell with its count and point extent. With step starts: per (cell, step) in the parallel aggregate, then
 * one row per cell with its steps (1-based buckets) and their counts as two arrays in the same (unsorted) order:
 * a hash aggregate, no sort of the (cell, step) rows.
 */
export function cellCountsSql(q: CellCountQuery, stepStarts: string[] | null): RawBuilder<unknown> {
  if (!stepStarts) {
    return sql`
      SELECT c.a, c.b, count(*)::int AS count, min(c.x) AS "minX", min(c.y) AS "minY", max(c.x) AS "maxX", max(c.y) AS "maxY"
      FROM (${cellPointsSql(q, null)}) c
      GROUP BY c.a, c.b
      ORDER BY c.a, c.b`;
  }
  return sql`
    SELECT g.a, g.b, array_agg(g.s) AS steps, array_agg(g.count) AS counts,
      min(g."minX") AS "minX", min(g."minY") AS "minY", max(g."maxX") AS "maxX", max(g."maxY") AS "maxY"
    FROM (
      SELECT c.a, c.b, c.s, count(*)::int AS count, min(c.x) AS "minX", min(c.y) AS "minY", max(c.x) AS "maxX", max(c.y) AS "maxY"
      FROM (${cellPointsSql(q, stepStarts)}) c
      GROUP BY c.a, c.b, c.s
    ) g
    GROUP BY g.a, g.b
    ORDER BY g.a, g.b`;
}

/**
 * Counts of the filtered incidents per cell (and per local calendar step when asked), binned in SQL by an
 * arithmetic cell index in one GROUP BY: only cell aggregates leave the database (with steps, one row per cell
 * carrying its steps and counts as arrays). Cells without incidents are not returned: the caller builds the
 * study area (zero cells included). The viewer's exact access is part of the WHERE (`access`).
 */
export async function listIncidentCellCounts(db: Kysely<Database>, q: CellCountQuery): Promise<CellCounts> {
  if (!(q.cellSize > 0)) throw new RangeError('cell size must be positive');
  if (q.categories && q.categories.length === 0) return { rows: [], extent: null };
  if (!db.isTransaction) return db.transaction().execute((trx) => listIncidentCellCounts(trx, q));
  // A stepped count holds a (cell, step) group per hash entry (135k for 60 months on 250 m hexagons): with the
  // default 4 MB the hash aggregate spills to disk. Local to the transaction.
  await sql`SELECT set_config('work_mem', '64MB', true)`.execute(db);
  if (!q.step) {
    const r = await (cellCountsSql(q, null) as RawBuilder<{ a: number; b: number; count: number; minX: number; minY: number; maxX: number; maxY: number }>).execute(db);
    // pg returns float8 as numbers; count is cast in SQL. Number() guards drivers that send strings.
    return { rows: r.rows.map((row) => ({ a: Number(row.a), b: Number(row.b), step: null, count: Number(row.count) })), extent: extentOf(r.rows) };
  }
  const range = q.from && q.to ? { from: q.from, to: q.to } : await getLocalDateRange(db, q);
  if (!range) return { rows: [], extent: null };
  const starts = listStepStarts(range.from, range.to, q.step);
  const keys = listStepKeys(range.from, range.to, q.step);
  // Per (cell, step) in the parallel aggregate; then one row per cell with its steps and their counts.
  const r = await (cellCountsSql(q, starts) as RawBuilder<{ a: number; b: number; steps: number[]; counts: number[]; minX: number; minY: number; maxX: number; maxY: number }>).execute(db);
  const rows: CellCountRow[] = [];
  for (const row of r.rows) {
    const steps = row.steps;
    const counts = row.counts;
    for (let k = 0; k < steps.length; k += 1) {
      const key = keys[Number(steps[k]) - 1];
      if (key === undefined) throw new Error(`incident outside the steps ${keys[0]}…${keys[keys.length - 1]}`);
      rows.push({ a: Number(row.a), b: Number(row.b), step: key, count: Number(counts[k]) });
    }
  }
  rows.sort((p, o) => (p.step! < o.step! ? -1 : p.step! > o.step! ? 1 : p.a - o.a || p.b - o.b));
  return { rows, extent: extentOf(r.rows) };
}

export interface IncidentPointChunkQuery extends IncidentFilter {
  /** Keyset cursor: the last id of the previous chunk (exclusive). */
  afterId?: string;
  /** Upper end of the id range read (inclusive): a read split into ranges read side by side. */
  throughId?: string;
  limit: number;
  /** Also read each point's category and time (for cluster summaries). */
  withAttributes?: boolean;
}

export interface IncidentPointChunk {
  ids: string[];
  /** EPSG:3006 metres. */
  x: Float64Array;
  y: Float64Array;
  /** The cursor for the next chunk, or null when this was the last. */
  nextAfterId: string | null;
  /** With `withAttributes`: category keys and occurred_at as epoch ms. */
  categories?: string[];
  times?: Float64Array;
}

/** Big-endian float8s (float8send, concatenated) as a Float64Array. */
function unpackFloat8(bytes: Uint8Array | null, n: number): Float64Array {
  const out = new Float64Array(n);
  if (!bytes || n === 0) return out;
  if (bytes.byteLength !== 8 * n) throw new Error(`expected ${8 * n} bytes of float8, got ${bytes.byteLength}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let k = 0; k < n; k += 1) out[k] = view.getFloat64(8 * k);
  return out;
}

/** Microseconds from 1970-01-01 to 2000-01-01, PostgreSQL's timestamp epoch. */
const PG_EPOCH_US = 946_684_800_000_000;

/**
 * Packed timestamptz_send values (big-endian int8 microseconds since 2000-01-01 UTC) as epoch milliseconds.
 * The microseconds since 1970 are an exact integer below 2^53 (until the year 2255), so the one division
 * rounds once, exactly as the float8 cast of extract(epoch) × 1000 does.
 */
function unpackTimestamps(bytes: Uint8Array | null, n: number): Float64Array {
  const out = new Float64Array(n);
  if (!bytes || n === 0) return out;
  if (bytes.byteLength !== 8 * n) throw new Error(`expected ${8 * n} bytes of timestamptz, got ${bytes.byteLength}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let k = 0; k < n; k += 1) out[k] = (view.getInt32(8 * k) * 4_294_967_296 + view.getUint32(8 * k + 4) + PG_EPOCH_US) / 1000;
  return out;
}

/**
 * One short chunk of incident points ordered by id (keyset pagination): each call holds the database for a
 * moment only, so the embedded database's single connection is free between chunks.
 * The chunk comes back as ONE row: ids and categories as comma-joined text (uuids and category keys hold no
 * comma), coordinates as packed big-endian float8 (float8send), times as packed timestamptz (timestamptz_send:
 * no numeric arithmetic per row, as extract(epoch) would need): no per-row parsing on either driver.
 * The viewer's exact access is part of the WHERE (`access`).
 */
export async function listIncidentPointsChunk(db: Kysely<Database>, q: IncidentPointChunkQuery): Promise<IncidentPointChunk> {
  if (!Number.isInteger(q.limit) || q.limit < 1) throw new RangeError('limit must be a positive integer');
  if (q.categories && q.categories.length === 0) return { ids: [], x: new Float64Array(0), y: new Float64Array(0), nextAfterId: null, ...(q.withAttributes ? { categories: [], times: new Float64Array(0) } : {}) };
  const after = sql`${q.afterId ? sql` AND id > ${q.afterId}::uuid` : sql``}${q.throughId ? sql` AND id <= ${q.throughId}::uuid` : sql``}`;
  const attributes = q.withAttributes
    ? sql`, string_agg(c.category_key, ',') AS categories, string_agg(timestamptz_send(c.occurred_at), ''::bytea) AS times`
    : sql``;
  // The aggregates read the id-ordered subquery in its order (no parallel plan under a LIMIT); the order is
  // checked below all the same, since SQL does not promise it.
  const r = await sql<{ n: number; ids: string | null; xs: Uint8Array | null; ys: Uint8Array | null; categories?: string | null; times?: Uint8Array | null }>`
    SELECT count(*)::int AS n, string_agg(c.id::text, ',') AS ids,
      string_agg(float8send(ST_X(c.geom_3006)::float8), ''::bytea) AS xs, string_agg(float8send(ST_Y(c.geom_3006)::float8), ''::bytea) AS ys${attributes}
    FROM (
      SELECT incident.id, incident.geom_3006, incident.category_key, incident.occurred_at FROM incident
      WHERE ${incidentWhere(q)}${after}
      ORDER BY incident.id
      LIMIT ${q.limit}
    ) c`.execute(db);
  const row = r.rows[0];
  const n = Number(row?.n ?? 0);
  const ids = n > 0 && row.ids ? row.ids.split(',') : [];
  if (ids.length !== n) throw new Error(`expected ${n} ids, got ${ids.length}`);
  for (let k = 1; k < n; k += 1) if (!(ids[k - 1] < ids[k])) throw new Error('incident points came back out of id order');
  const x = unpackFloat8(row?.xs ?? null, n);
  const y = unpackFloat8(row?.ys ?? null, n);
  const nextAfterId = n === q.limit ? ids[n - 1] : null;
  if (!q.withAttributes) return { ids, x, y, nextAfterId };
  const categories = n > 0 && row.categories ? row.categories.split(',') : [];
  if (categories.length !== n) throw new Error(`expected ${n} categories, got ${categories.length}`);
  return { ids, x, y, nextAfterId, categories, times: unpackTimestamps(row.times ?? null, n) };
}

/** Up to this many filtered incidents the split id is exact (one short walk); above, it is estimated from a sample. */
const EXACT_SPLIT_MAX = 100_000;

/**
 * An id that splits the filtered incidents into two halves of about equal size, for reading the halves side by
 * side (ids ≤ it, ids > it); null when there is nothing to split. Up to EXACT_SPLIT_MAX incidents it is the
 * median id; above, the median id of a 1 % block sample (TABLESAMPLE SYSTEM, a few hundred pages; any id is
 * correct, the sample only balances the halves), or null when the sample holds none of them.
 */
export async function getIncidentIdSplit(db: Kysely<Database>, f: IncidentFilter, count: number): Promise<string | null> {
  if (count < 2 || (f.categories && f.categories.length === 0)) return null;
  const r =
    count <= EXACT_SPLIT_MAX
      ? await sql<{ id: string | null }>`SELECT id::text AS id FROM incident WHERE ${incidentWhere(f)} ORDER BY id OFFSET ${Math.floor(count / 2) - 1} LIMIT 1`.execute(db)
      : await sql<{ id: string | null }>`SELECT (percentile_disc(0.5) WITHIN GROUP (ORDER BY id))::text AS id FROM incident TABLESAMPLE SYSTEM (1) WHERE ${incidentWhere(f)}`.execute(db);
  return r.rows[0]?.id ?? null;
}

/** Step keys from `from` to `to` inclusive ('YYYY-Qn' or 'YYYY-MM'), as localQuarter / localMonth write them. */
export function listStepKeys(from: string, to: string, step: TimeStep): string[] {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  const keys: string[] = [];
  if (step === 'month') {
    for (let y = fy, m = fm; y < ty || (y === ty && m <= tm); m === 12 ? ((y += 1), (m = 1)) : (m += 1)) keys.push(`${y}-${String(m).padStart(2, '0')}`);
  } else {
    const fq = Math.ceil(fm / 3);
    const tq = Math.ceil(tm / 3);
    for (let y = fy, qq = fq; y < ty || (y === ty && qq <= tq); qq === 4 ? ((y += 1), (qq = 1)) : (qq += 1)) keys.push(`${y}-Q${qq}`);
  }
  return keys;
}

/**
 * How many incidents an analysis reads and a SHA-256 of their ids in id order: saved with a run, and
 * recomputed when it is reopened to tell whether the data it used has changed since (an insert, a delete,
 * a moved date or category, or a change of what the viewer may see all change it).
 */
export async function getIncidentIdsDigest(db: Kysely<Database>, f: IncidentFilter): Promise<{ count: number; hash: string }> {
  if (f.categories && f.categories.length === 0) return { count: 0, hash: EMPTY_IDS_HASH };
  const r = await sql<{ n: number; h: string | null }>`
    SELECT count(*)::int AS n,
      encode(sha256(convert_to(coalesce(string_agg(id::text, ',' ORDER BY id), ''), 'UTF8')), 'hex') AS h
    FROM incident WHERE ${incidentWhere(f)}`.execute(db);
  return { count: Number(r.rows[0]?.n ?? 0), hash: r.rows[0]?.h ?? EMPTY_IDS_HASH };
}

/** SHA-256 of the empty string: the digest of no records. */
export const EMPTY_IDS_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Number of incidents an analysis would read: the denominator of a chunked read's progress. */
export async function countIncidentsForAnalysis(db: Kysely<Database>, f: IncidentFilter): Promise<number> {
  if (f.categories && f.categories.length === 0) return 0;
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM incident WHERE ${incidentWhere(f)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
