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
  /** Extent of the cell's points in EPSG:3006 metres (the study rectangle is the union of these). */
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
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

/**
 * Points with their cell index columns (a, b) and step. Hexagon: column i0 = floor(x / 1.5s); the
 * nearest-rounded row in i0 and in i0 + 1 (odd columns shifted half a row); the nearer of the two centres
 * wins, ties to i0 — exactly binPointsToHexGrid. Math.round(v) is floor(v + 0.5), not SQL round() (half away
 * from zero). Each level is a derived table kept apart by OFFSET 0: otherwise PostgreSQL inlines the
 * levels into one expression that calls ST_X and ST_Y dozens of times per row.
 */
function cellPointsSql(q: CellCountQuery): RawBuilder<unknown> {
  // Rows carry the local month's first instant (cheap); the step key is written once per cell in listIncidentCellCounts.
  const stepExpr = q.step ? sql`date_trunc(${q.step}, occurred_at AT TIME ZONE 'Europe/Stockholm')` : sql`NULL::timestamp`;
  const points = sql`SELECT ST_X(geom_3006)::float8 AS x, ST_Y(geom_3006)::float8 AS y, ${stepExpr} AS step FROM incident WHERE ${incidentWhere(q)} OFFSET 0`;
  if (q.grid === 'square') {
    const s = q.cellSize;
    return sql`SELECT p.x, p.y, p.step, floor(p.x / ${s}::float8)::int AS a, floor(p.y / ${s}::float8)::int AS b FROM (${points}) p`;
  }
  const cw = sql`${1.5 * q.cellSize}::float8`;
  const hh = sql`${q.cellSize * SQRT3}::float8`;
  return sql`SELECT x, y, step, CASE WHEN nx THEN i0 + 1 ELSE i0 END AS a, CASE WHEN nx THEN j1 ELSE j0 END AS b FROM (
      SELECT x, y, step, i0, j0, j1, (dx0 - ${cw}) * (dx0 - ${cw}) + dy1 * dy1 < dx0 * dx0 + dy0 * dy0 AS nx FROM (
        SELECT x, y, step, i0, j0, j1, x - ${cw} * i0 AS dx0, y - ${hh} * (j0 + 0.5::float8 * p0) AS dy0, y - ${hh} * (j1 + 0.5::float8 * (1 - p0)) AS dy1 FROM (
          SELECT x, y, step, i0, p0,
            floor(y / ${hh} - 0.5::float8 * p0 + 0.5::float8)::int AS j0,
            floor(y / ${hh} - 0.5::float8 * (1 - p0) + 0.5::float8)::int AS j1 FROM (
            SELECT x, y, step, i0, i0 & 1 AS p0 FROM (
              SELECT x, y, step, floor(x / ${cw})::int AS i0 FROM (${points}) pts OFFSET 0
            ) p1 OFFSET 0
          ) p2 OFFSET 0
        ) p3 OFFSET 0
      ) p4 OFFSET 0
    ) p5`;
}

/**
 * Counts of the filtered incidents per cell (and per local calendar step when asked), binned in SQL.
 * Cells without incidents are not returned: the caller builds the study area (zero cells included).
 * The viewer's exact access is part of the WHERE (`access`): only records they may see are counted.
 */
export async function listIncidentCellCounts(db: Kysely<Database>, q: CellCountQuery): Promise<CellCountRow[]> {
  if (!(q.cellSize > 0)) throw new RangeError('cell size must be positive');
  if (q.categories && q.categories.length === 0) return [];
  // The key of a local step start, as localQuarter / localMonth write it (they take a timestamptz; this is local already).
  const stepKey = q.step === 'quarter' ? sql`to_char(g.step, 'YYYY-"Q"Q')` : q.step === 'month' ? sql`to_char(g.step, 'YYYY-MM')` : sql`NULL::text`;
  const r = await sql<CellCountRow>`
    SELECT g.a, g.b, ${stepKey} AS step, g.count, g."minX", g."minY", g."maxX", g."maxY" FROM (
      SELECT c.a, c.b, c.step, count(*)::int AS count,
        min(c.x) AS "minX", min(c.y) AS "minY", max(c.x) AS "maxX", max(c.y) AS "maxY"
      FROM (${cellPointsSql(q)}) c
      GROUP BY c.a, c.b, c.step
    ) g
    ORDER BY g.step, g.a, g.b`.execute(db);
  // pg returns float8 as numbers; count is cast in SQL. Number() guards drivers that send strings.
  return r.rows.map((row) => ({
    a: Number(row.a),
    b: Number(row.b),
    step: row.step ?? null,
    count: Number(row.count),
    minX: Number(row.minX),
    minY: Number(row.minY),
    maxX: Number(row.maxX),
    maxY: Number(row.maxY),
  }));
}

export interface IncidentPointChunkQuery extends IncidentFilter {
  /** Keyset cursor: the last id of the previous chunk (exclusive). */
  afterId?: string;
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

/**
 * One short chunk of incident points ordered by id (keyset pagination): each call holds the database for a
 * moment only, so the embedded database's single connection is free between chunks.
 * The viewer's exact access is part of the WHERE (`access`).
 */
export async function listIncidentPointsChunk(db: Kysely<Database>, q: IncidentPointChunkQuery): Promise<IncidentPointChunk> {
  if (!Number.isInteger(q.limit) || q.limit < 1) throw new RangeError('limit must be a positive integer');
  if (q.categories && q.categories.length === 0) return { ids: [], x: new Float64Array(0), y: new Float64Array(0), nextAfterId: null, ...(q.withAttributes ? { categories: [], times: new Float64Array(0) } : {}) };
  const after = q.afterId ? sql` AND id > ${q.afterId}::uuid` : sql``;
  const attributes = q.withAttributes ? sql`, category_key AS category, (extract(epoch FROM occurred_at) * 1000)::float8 AS t` : sql``;
  const r = await sql<{ id: string; x: number; y: number; category?: string; t?: number }>`
    SELECT id::text AS id, ST_X(geom_3006)::float8 AS x, ST_Y(geom_3006)::float8 AS y${attributes}
    FROM incident WHERE ${incidentWhere(q)}${after}
    ORDER BY id
    LIMIT ${q.limit}`.execute(db);
  const n = r.rows.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const ids = new Array<string>(n);
  const categories = q.withAttributes ? new Array<string>(n) : undefined;
  const times = q.withAttributes ? new Float64Array(n) : undefined;
  r.rows.forEach((row, k) => {
    ids[k] = row.id;
    x[k] = Number(row.x);
    y[k] = Number(row.y);
    if (categories && times) {
      categories[k] = String(row.category);
      times[k] = Number(row.t);
    }
  });
  return { ids, x, y, nextAfterId: n === q.limit ? ids[n - 1] : null, ...(categories && times ? { categories, times } : {}) };
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
