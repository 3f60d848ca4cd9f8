// The compact binary in which incident points reach the browser (DESIGN.md §5). Little-endian:
//   0  'LBP2'            magic and format version ('LBP1' packs, without ids and minutes, still read)
//   4  uint32 flags      bit 0: truncated (more points matched than were sent)
//                        bit 1: ids present; bit 2: minutes present
//   8  uint32 count      number of points
//  12  uint32 n          byte length of the category table (UTF-8 JSON array of category keys),
//                        padded with spaces to a multiple of 4 so the arrays below stay aligned
//  16  category table
//      Float32[2·count]  lon, lat pairs (WGS84; float32 is about 1 m at Swedish latitudes)
//      Int32[count]      local day: days since 1970-01-01 of the date in Europe/Stockholm
//      Uint16[count]     (bit 2) local minute of the day, 0–1439, Europe/Stockholm
//      Uint8[count]      index into the category table
//      varints           (bit 1, to the end) the points' ids (incident.seq), ascending: each the
//                        difference from the previous (the first from 0) as an unsigned LEB128 varint
// Points come in id order so the id differences stay small: about one byte a point for a viewport of a
// million-row table. About 16 bytes a point in all; 50k points ≈ 300–400 kB gzipped (bench/map.ts),
// against 8 MB as GeoJSON. Random v4 UUIDs (16 bytes of noise each) would not fit 1 MB.

export const POINT_PACK_MAGIC = 'LBP2';
const POINT_PACK_MAGIC_V1 = 'LBP1';
export const POINT_PACK_CONTENT_TYPE = 'application/octet-stream';
/**
 * Response header naming the pack's compression ('gzip'): the server gzips packs itself (Next drops a
 * route's own Content-Encoding), so the body arrives as sent and decodePointPack inflates it.
 */
export const POINT_PACK_ENCODING_HEADER = 'x-pack-encoding';
/** Uint8 category indexes: a table of at most 256 categories. */
export const MAX_PACKED_CATEGORIES = 256;

const FLAG_TRUNCATED = 1;
const FLAG_IDS = 2;
const FLAG_MINUTES = 4;

export interface PointRow {
  lon: number;
  lat: number;
  /** Index into the category table. */
  category: number;
  /** Days since 1970-01-01 of the local (Europe/Stockholm) date. */
  day: number;
  /** The incident's point number (incident.seq): a non-negative safe integer. Every row or none. */
  id?: number;
  /** Minute of the local (Europe/Stockholm) day, 0–1439. Every row or none. */
  minute?: number;
}

export interface PackedPoints {
  count: number;
  truncated: boolean;
  categories: string[];
  /** lon, lat pairs. */
  positions: Float32Array;
  days: Int32Array;
  categoryIndex: Uint8Array;
  /**
   * Each point's id (incident.seq), ascending; resolve one to its record with
   * GET /api/v1/incidents/points/:id. null for a pack without ids (format LBP1).
   */
  ids: Float64Array | null;
  /** Minute of the local day (0–1439) of each point; null when the pack has none. */
  minutes: Uint16Array | null;
}

const HEADER_BYTES = 16;
const MINUTES_PER_DAY = 1440;

function pad4(n: number): number {
  return (n + 3) & ~3;
}

function varintLength(v: number): number {
  let n = 1;
  while (v >= 128) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

/**
 * Packs rows and their category table. With ids, the rows must come in ascending id order (the
 * server sorts in SQL). Throws when the table is too large, an index is out of it, or ids or minutes
 * are given for some rows only, out of order or out of range.
 */
export function packPoints(rows: readonly PointRow[], categories: readonly string[], options: { truncated?: boolean } = {}): Uint8Array {
  if (categories.length > MAX_PACKED_CATEGORIES) throw new Error(`At most ${MAX_PACKED_CATEGORIES} categories fit in a point pack, got ${categories.length}`);
  const count = rows.length;
  const withIds = count > 0 && rows[0].id !== undefined;
  const withMinutes = count > 0 && rows[0].minute !== undefined;
  let idBytes = 0;
  let previous = 0;
  for (let i = 0; i < count; i++) {
    const r = rows[i];
    if ((r.id !== undefined) !== withIds) throw new Error(`Point ${i} ${withIds ? 'lacks' : 'has'} an id: ids go with every point or none`);
    if ((r.minute !== undefined) !== withMinutes) throw new Error(`Point ${i} ${withMinutes ? 'lacks' : 'has'} a minute: minutes go with every point or none`);
    if (withIds) {
      const id = r.id!;
      if (!Number.isSafeInteger(id) || id < previous) throw new Error(`Point ${i} has id ${id}: ids must be non-negative integers in ascending order`);
      idBytes += varintLength(id - previous);
      previous = id;
    }
    if (withMinutes && !(Number.isInteger(r.minute) && r.minute! >= 0 && r.minute! < MINUTES_PER_DAY)) throw new Error(`Point ${i} has minute ${r.minute} outside 0–1439`);
  }
  const { bytes, view, positionsOffset, daysOffset, minutesOffset, categoryOffset, idsOffset } = packLayout(count, categories, { truncated: !!options.truncated, withIds, withMinutes, idBytes });
  let at = idsOffset;
  previous = 0;
  for (let i = 0; i < count; i++) {
    const r = rows[i];
    if (!Number.isInteger(r.category) || r.category < 0 || r.category >= categories.length) {
      throw new Error(`Point ${i} has category index ${r.category} outside the table of ${categories.length}`);
    }
    view.setFloat32(positionsOffset + i * 8, r.lon, true);
    view.setFloat32(positionsOffset + i * 8 + 4, r.lat, true);
    view.setInt32(daysOffset + i * 4, r.day, true);
    if (withMinutes) view.setUint16(minutesOffset + i * 2, r.minute!, true);
    bytes[categoryOffset + i] = r.category;
    if (withIds) {
      let d = r.id! - previous;
      previous = r.id!;
      while (d >= 128) {
        bytes[at++] = (d % 128) | 128;
        d = Math.floor(d / 128);
      }
      bytes[at++] = d;
    }
  }
  return bytes;
}

interface PackLayout {
  bytes: Uint8Array;
  view: DataView;
  positionsOffset: number;
  daysOffset: number;
  minutesOffset: number;
  categoryOffset: number;
  idsOffset: number;
}

/** The pack's buffer with its header and category table written, and where each array goes. */
function packLayout(count: number, categories: readonly string[], o: { truncated: boolean; withIds: boolean; withMinutes: boolean; idBytes: number }): PackLayout {
  const json = new TextEncoder().encode(JSON.stringify(categories));
  const tableBytes = pad4(json.length);
  const positionsOffset = HEADER_BYTES + tableBytes;
  const daysOffset = positionsOffset + count * 8;
  const minutesOffset = daysOffset + count * 4;
  const categoryOffset = minutesOffset + (o.withMinutes ? count * 2 : 0);
  const idsOffset = categoryOffset + count;
  const buffer = new ArrayBuffer(idsOffset + o.idBytes);
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  for (let i = 0; i < 4; i++) bytes[i] = POINT_PACK_MAGIC.charCodeAt(i);
  view.setUint32(4, (o.truncated ? FLAG_TRUNCATED : 0) | (o.withIds ? FLAG_IDS : 0) | (o.withMinutes ? FLAG_MINUTES : 0), true);
  view.setUint32(8, count, true);
  view.setUint32(12, tableBytes, true);
  bytes.set(json, HEADER_BYTES);
  bytes.fill(0x20, HEADER_BYTES + json.length, positionsOffset);
  return { bytes, view, positionsOffset, daysOffset, minutesOffset, categoryOffset, idsOffset };
}

/** Points as columns (the server's packed query): index i of every array is point i. */
export interface PointColumns {
  /** lon, lat pairs. */
  positions: Float32Array;
  days: Int32Array;
  /** Index into the category table. */
  categoryIndex: Uint8Array;
  /** incident.seq of each point, ascending; null for a pack without ids. */
  ids: Float64Array | null;
  /** Minute of the local day, 0–1439; null for a pack without minutes. */
  minutes: Uint16Array | null;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The typed array's bytes as they sit in memory. */
const bytesOf = (a: Float32Array | Int32Array | Uint16Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * The same pack as packPoints of the same points, from columns: no per-point objects, and the arrays
 * copied whole where the platform's byte order is the pack's (little-endian). The same checks.
 */
export function packPointColumns(columns: PointColumns, categories: readonly string[], options: { truncated?: boolean } = {}): Uint8Array {
  if (categories.length > MAX_PACKED_CATEGORIES) throw new Error(`At most ${MAX_PACKED_CATEGORIES} categories fit in a point pack, got ${categories.length}`);
  const { positions, days, categoryIndex, ids, minutes } = columns;
  const count = days.length;
  if (positions.length !== 2 * count || categoryIndex.length !== count || (ids && ids.length !== count) || (minutes && minutes.length !== count)) {
    throw new Error(`Point columns of different lengths (${count} days)`);
  }
  const withIds = count > 0 && !!ids;
  const withMinutes = count > 0 && !!minutes;
  let idBytes = 0;
  let previous = 0;
  for (let i = 0; i < count; i++) {
    if (withIds) {
      const id = ids![i];
      if (!Number.isSafeInteger(id) || id < previous) throw new Error(`Point ${i} has id ${id}: ids must be non-negative integers in ascending order`);
      idBytes += varintLength(id - previous);
      previous = id;
    }
    if (withMinutes && minutes![i] >= MINUTES_PER_DAY) throw new Error(`Point ${i} has minute ${minutes![i]} outside 0–1439`);
    if (categoryIndex[i] >= categories.length) throw new Error(`Point ${i} has category index ${categoryIndex[i]} outside the table of ${categories.length}`);
  }
  const { bytes, view, positionsOffset, daysOffset, minutesOffset, categoryOffset, idsOffset } = packLayout(count, categories, { truncated: !!options.truncated, withIds, withMinutes, idBytes });
  if (LITTLE_ENDIAN) {
    bytes.set(bytesOf(positions), positionsOffset);
    bytes.set(bytesOf(days), daysOffset);
    if (withMinutes) bytes.set(bytesOf(minutes!), minutesOffset);
  } else {
    for (let i = 0; i < 2 * count; i++) view.setFloat32(positionsOffset + i * 4, positions[i], true);
    for (let i = 0; i < count; i++) view.setInt32(daysOffset + i * 4, days[i], true);
    if (withMinutes) for (let i = 0; i < count; i++) view.setUint16(minutesOffset + i * 2, minutes![i], true);
  }
  bytes.set(categoryIndex, categoryOffset);
  if (withIds) {
    let at = idsOffset;
    previous = 0;
    for (let i = 0; i < count; i++) {
      let d = ids![i] - previous;
      previous = ids![i];
      while (d >= 128) {
        bytes[at++] = (d % 128) | 128;
        d = Math.floor(d / 128);
      }
      bytes[at++] = d;
    }
  }
  return bytes;
}

/** Reads the id block: `count` LEB128 differences from `start` to the end of `bytes`. */
function readIds(bytes: Uint8Array, start: number, count: number): Float64Array {
  const ids = new Float64Array(count);
  let at = start;
  let previous = 0;
  for (let i = 0; i < count; i++) {
    let d = 0;
    let scale = 1;
    for (;;) {
      if (at >= bytes.length) throw new Error(`Point pack ends inside the id of point ${i}`);
      const b = bytes[at++];
      d += (b & 127) * scale;
      if (b < 128) break;
      scale *= 128;
    }
    previous += d;
    ids[i] = previous;
  }
  if (at !== bytes.length) throw new Error(`Point pack of ${bytes.length} bytes does not hold ${count} points`);
  return ids;
}

/** Reads a pack (LBP2, or LBP1 without ids); the typed arrays are copies, aligned whatever the input's offset. */
export function unpackPoints(input: ArrayBuffer | Uint8Array): PackedPoints {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length < HEADER_BYTES) throw new Error('Point pack too short for its header');
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== POINT_PACK_MAGIC && magic !== POINT_PACK_MAGIC_V1) throw new Error(`Not a point pack (magic "${magic}")`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flags = magic === POINT_PACK_MAGIC_V1 ? view.getUint32(4, true) & FLAG_TRUNCATED : view.getUint32(4, true);
  const count = view.getUint32(8, true);
  const tableBytes = view.getUint32(12, true);
  // An empty version-2 pack has (no) ids and minutes whatever its flags say: empty arrays, not null.
  const empty2 = count === 0 && magic === POINT_PACK_MAGIC;
  const withIds = (flags & FLAG_IDS) !== 0;
  const withMinutes = (flags & FLAG_MINUTES) !== 0;
  const positionsOffset = HEADER_BYTES + tableBytes;
  const daysOffset = positionsOffset + count * 8;
  const minutesOffset = daysOffset + count * 4;
  const categoryOffset = minutesOffset + (withMinutes ? count * 2 : 0);
  const idsOffset = categoryOffset + count;
  if (withIds ? bytes.length < idsOffset + count : bytes.length !== idsOffset) throw new Error(`Point pack of ${bytes.length} bytes does not hold ${count} points`);
  const categories = JSON.parse(new TextDecoder().decode(bytes.subarray(HEADER_BYTES, positionsOffset))) as string[];
  // Copied through a fresh array: Node's Buffer.slice shares memory (and a pooled ArrayBuffer).
  const copy = (start: number, end: number) => {
    const out = new Uint8Array(end - start);
    out.set(bytes.subarray(start, end));
    return out.buffer;
  };
  return {
    count,
    truncated: (flags & FLAG_TRUNCATED) !== 0,
    categories,
    positions: new Float32Array(copy(positionsOffset, daysOffset)),
    days: new Int32Array(copy(daysOffset, minutesOffset)),
    categoryIndex: new Uint8Array(copy(categoryOffset, idsOffset)),
    ids: withIds || empty2 ? readIds(bytes, idsOffset, count) : null,
    minutes: withMinutes || empty2 ? new Uint16Array(copy(minutesOffset, categoryOffset)) : null,
  };
}

/** A gzip member starts with 1f 8b; a pack with 'LBP'. */
function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Reads a pack as the points API sends it: gzipped (inflated with the platform's DecompressionStream,
 * in browsers and in Node alike) or plain.
 */
export async function decodePointPack(input: ArrayBuffer | Uint8Array): Promise<PackedPoints> {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (!isGzip(bytes)) return unpackPoints(bytes);
  const inflated = new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')));
  return unpackPoints(new Uint8Array(await inflated.arrayBuffer()));
}
