// The points query's packed answer: one row with the matches' count and one bytea of fixed-width
// records, instead of 50k rows for the driver to parse (issue 5: parsing the rows of a 50k viewport took
// 350–500 ms of a cold pack's ~600). Decoded here into typed arrays in one pass.
import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { STOCKHOLM_OFFSET_FROM_S, STOCKHOLM_OFFSET_TO_S, getStockholmOffsetSeconds } from '@/lib/domain/stockholm-offset';
import type { Database } from '../schema';

/**
 * Bytes of one record, big-endian (PostgreSQL's send functions): uuid_send(id) 16, int8send(seq) 8,
 * float4send(lon) 4, float4send(lat) 4, int8send(whole seconds of occurred_at since 1970 UTC) 8,
 * int2send(1-based position of the category in the query's key list) 2.
 */
export const POINT_RECORD_BYTES = 42;

/** One record of `table`'s row; a category missing from `categoryKeys` gives position 0. */
export function pointRecord(categoryKeys: readonly string[], table = 'incident'): RawBuilder<Uint8Array> {
  const col = (name: string) => sql.ref(`${table}.${name}`);
  // float4 in SQL rounds like Math.fround (to nearest), so the pack's float32 positions are the same.
  return sql<Uint8Array>`uuid_send(${col('id')}) || int8send(${col('seq')}) || float4send(ST_X(${col('geom')})::float4) || float4send(ST_Y(${col('geom')})::float4)
    || int8send(floor(date_part('epoch', ${col('occurred_at')}))::int8) || int2send(coalesce(array_position(${[...categoryKeys]}::text[], ${col('category_key')}), 0)::int2)`;
}

export interface IncidentPointColumns {
  count: number;
  /** More points matched than were kept (the newest went). */
  truncated: boolean;
  /** The incidents' ids, 16 bytes each (the UUID's bytes), in seq order: for the audit log's ids hash. */
  uuids: Uint8Array;
  /** incident.seq, ascending. */
  seqs: Float64Array;
  /** lon, lat pairs (WGS84). */
  positions: Float32Array;
  /** Days since 1970-01-01 of the date in Europe/Stockholm. */
  days: Int32Array;
  /** Minute of the day in Europe/Stockholm, 0–1439. */
  minutes: Uint16Array;
  /** Index into the query's category keys. */
  categoryIndex: Uint8Array;
}

type PointRecordsQuery = SelectQueryBuilder<Database, 'incident', { rec: Uint8Array }>;

/**
 * The packed records of `parts`: queries of `incident` selecting pointRecord as `rec`, no order, over
 * disjoint sets of rows (e.g. the grid cells of a bbox split in two), run side by side and joined.
 * `ordered`: one query served in time order by an index (the tenant-time index, no grid cells), so
 * the oldest `limit` are cut in SQL — row_number in time order marks the newest of `limit` + 1 and the
 * aggregate leaves it out — and more matches give truncated columns. Unordered (a grid-cell scan: time
 * order would be a sort of every match), more than `limit` matches give null: the caller then cuts
 * rows in time order. Null too when a time lies outside the years whose Stockholm offset is known here
 * (the caller converts in SQL instead).
 */
export async function listPointColumns(
  db: Kysely<Database>,
  parts: readonly PointRecordsQuery[],
  o: { limit: number; categoryCount: number; ordered: boolean },
): Promise<IncidentPointColumns | null> {
  if (o.ordered && parts.length !== 1) throw new Error('An ordered points query is one query: the cut in time order needs every match');
  inFlight.count++;
  let fetched: { count: number; records: Uint8Array }[];
  try {
    fetched = await Promise.all(parts.map((points) => fetchPointRecords(db, points, o)));
  } finally {
    inFlight.count--;
  }
  const count = fetched.reduce((sum, f) => sum + f.count, 0);
  const truncated = count > o.limit;
  if (truncated && !o.ordered) return null;
  const records = fetched.length === 1 ? fetched[0].records : concatBytes(fetched.map((f) => f.records));
  const columns = decodePointRecords(records, Math.min(count, o.limit), o.categoryCount);
  return columns && { ...columns, truncated };
}

/** Point reads of this process under way (on globalThis: Next bundles this module into several route chunks). */
const inFlight: { count: number } = ((globalThis as unknown as Record<symbol, { count: number } | undefined>)[Symbol.for('lagesbild.pointReadsInFlight')] ??= { count: 0 });

/** How many point reads (listPointColumns) this process has under way. */
export function pointReadsInFlight(): number {
  return inFlight.count;
}

async function fetchPointRecords(db: Kysely<Database>, points: PointRecordsQuery, o: { limit: number; ordered: boolean }): Promise<{ count: number; records: Uint8Array }> {
  const capped = o.ordered
    ? points
        .select(sql<number>`row_number() OVER (ORDER BY incident.occurred_at, incident.id)`.as('ord'))
        .orderBy('incident.occurred_at')
        .orderBy('incident.id')
        .limit(o.limit + 1)
    : points.select(sql<number>`1`.as('ord')).limit(o.limit + 1);
  const row = await db
    .selectFrom(capped.as('p'))
    .select([sql<number>`count(*)::int`.as('count'), sql<Uint8Array | null>`string_agg(p.rec, ''::bytea) FILTER (WHERE p.ord <= ${o.limit})`.as('records')])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), records: row.records ?? new Uint8Array(0) };
}

function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const SECONDS_PER_DAY = 86_400;
const TWO_32 = 2 ** 32;
/** seq · 2^18 + index stays an exact float64 below 2^53: one native numeric sort instead of a comparator. */
const INDEX_BITS = 2 ** 18;
const MAX_SEQ_FOR_KEYS = 2 ** 35;

/** Records in any order → columns in seq order, times as Stockholm day and minute. */
export function decodePointRecords(records: Uint8Array, count: number, categoryCount: number): IncidentPointColumns | null {
  if (records.byteLength !== count * POINT_RECORD_BYTES) throw new Error(`Point records of ${records.byteLength} bytes do not hold ${count} points`);
  const view = new DataView(records.buffer, records.byteOffset, records.byteLength);
  const seqIn = new Float64Array(count);
  let maxSeq = 0;
  for (let i = 0, at = 16; i < count; i++, at += POINT_RECORD_BYTES) {
    const seq = view.getUint32(at) * TWO_32 + view.getUint32(at + 4);
    seqIn[i] = seq;
    if (seq > maxSeq) maxSeq = seq;
  }
  const order = seqOrder(seqIn, maxSeq);
  const out: IncidentPointColumns = {
    count,
    truncated: false,
    uuids: new Uint8Array(count * 16),
    seqs: new Float64Array(count),
    positions: new Float32Array(count * 2),
    days: new Int32Array(count),
    minutes: new Uint16Array(count),
    categoryIndex: new Uint8Array(count),
  };
  for (let j = 0; j < count; j++) {
    const i = order[j];
    const at = i * POINT_RECORD_BYTES;
    const utc = view.getInt32(at + 32) * TWO_32 + view.getUint32(at + 36);
    if (!(utc >= STOCKHOLM_OFFSET_FROM_S && utc < STOCKHOLM_OFFSET_TO_S)) return null;
    const local = utc + getStockholmOffsetSeconds(utc);
    const day = Math.floor(local / SECONDS_PER_DAY);
    const category = view.getInt16(at + 40) - 1;
    if (category < 0 || category >= categoryCount) throw new Error(`Point record ${i} has category position ${category + 1} outside the ${categoryCount} asked for`);
    for (let k = 0; k < 16; k++) out.uuids[j * 16 + k] = records[at + k];
    out.seqs[j] = seqIn[i];
    out.positions[2 * j] = view.getFloat32(at + 24);
    out.positions[2 * j + 1] = view.getFloat32(at + 28);
    out.days[j] = day;
    out.minutes[j] = Math.floor((local - day * SECONDS_PER_DAY) / 60);
    out.categoryIndex[j] = category;
  }
  return out;
}

/** Indexes of `seqs` in ascending order (seqs are unique). */
function seqOrder(seqs: Float64Array, maxSeq: number): Uint32Array {
  const n = seqs.length;
  const order = new Uint32Array(n);
  if (maxSeq < MAX_SEQ_FOR_KEYS && n <= INDEX_BITS) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = seqs[i] * INDEX_BITS + i;
    keys.sort();
    for (let j = 0; j < n; j++) order[j] = keys[j] % INDEX_BITS;
    return order;
  }
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => seqs[a] - seqs[b]);
}
