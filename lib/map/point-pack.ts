// The compact binary in which incident points reach the browser (DESIGN.md §5). Little-endian:
//   0  'LBP1'            magic and format version
//   4  uint32 flags      bit 0: truncated (more points matched than were sent)
//   8  uint32 count      number of points
//  12  uint32 n          byte length of the category table (UTF-8 JSON array of category keys),
//                        padded with spaces to a multiple of 4 so the arrays below stay aligned
//  16  category table
//      Float32[2·count]  lon, lat pairs (WGS84; float32 is about 1 m at Swedish latitudes)
//      Int32[count]      local day: days since 1970-01-01 of the date in Europe/Stockholm
//      Uint8[count]      index into the category table
// About 13 bytes a point: 50k points are 650 kB before compression, against 8 MB as GeoJSON.

export const POINT_PACK_MAGIC = 'LBP1';
export const POINT_PACK_CONTENT_TYPE = 'application/octet-stream';
/**
 * Response header naming the pack's compression ('gzip'): the server gzips packs itself (Next drops a
 * route's own Content-Encoding), so the body arrives as sent and decodePointPack inflates it.
 */
export const POINT_PACK_ENCODING_HEADER = 'x-pack-encoding';
/** Uint8 category indexes: a table of at most 256 categories. */
export const MAX_PACKED_CATEGORIES = 256;

export interface PointRow {
  lon: number;
  lat: number;
  /** Index into the category table. */
  category: number;
  /** Days since 1970-01-01 of the local (Europe/Stockholm) date. */
  day: number;
}

export interface PackedPoints {
  count: number;
  truncated: boolean;
  categories: string[];
  /** lon, lat pairs. */
  positions: Float32Array;
  days: Int32Array;
  categoryIndex: Uint8Array;
}

const HEADER_BYTES = 16;

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** Packs rows and their category table; throws when the table is too large or an index is out of it. */
export function packPoints(rows: readonly PointRow[], categories: readonly string[], options: { truncated?: boolean } = {}): Uint8Array {
  if (categories.length > MAX_PACKED_CATEGORIES) throw new Error(`At most ${MAX_PACKED_CATEGORIES} categories fit in a point pack, got ${categories.length}`);
  const json = new TextEncoder().encode(JSON.stringify(categories));
  const tableBytes = pad4(json.length);
  const count = rows.length;
  const positionsOffset = HEADER_BYTES + tableBytes;
  const daysOffset = positionsOffset + count * 8;
  const categoryOffset = daysOffset + count * 4;
  const buffer = new ArrayBuffer(categoryOffset + count);
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  for (let i = 0; i < 4; i++) bytes[i] = POINT_PACK_MAGIC.charCodeAt(i);
  view.setUint32(4, options.truncated ? 1 : 0, true);
  view.setUint32(8, count, true);
  view.setUint32(12, tableBytes, true);
  bytes.set(json, HEADER_BYTES);
  bytes.fill(0x20, HEADER_BYTES + json.length, positionsOffset);
  for (let i = 0; i < count; i++) {
    const r = rows[i];
    if (!Number.isInteger(r.category) || r.category < 0 || r.category >= categories.length) {
      throw new Error(`Point ${i} has category index ${r.category} outside the table of ${categories.length}`);
    }
    view.setFloat32(positionsOffset + i * 8, r.lon, true);
    view.setFloat32(positionsOffset + i * 8 + 4, r.lat, true);
    view.setInt32(daysOffset + i * 4, r.day, true);
    bytes[categoryOffset + i] = r.category;
  }
  return bytes;
}

/** Reads a pack; the typed arrays are copies, aligned whatever the input's offset. */
export function unpackPoints(input: ArrayBuffer | Uint8Array): PackedPoints {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length < HEADER_BYTES) throw new Error('Point pack too short for its header');
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== POINT_PACK_MAGIC) throw new Error(`Not a point pack (magic "${magic}")`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flags = view.getUint32(4, true);
  const count = view.getUint32(8, true);
  const tableBytes = view.getUint32(12, true);
  const positionsOffset = HEADER_BYTES + tableBytes;
  const daysOffset = positionsOffset + count * 8;
  const categoryOffset = daysOffset + count * 4;
  if (bytes.length !== categoryOffset + count) throw new Error(`Point pack of ${bytes.length} bytes does not hold ${count} points`);
  const categories = JSON.parse(new TextDecoder().decode(bytes.subarray(HEADER_BYTES, positionsOffset))) as string[];
  // Copied through a fresh array: Node's Buffer.slice shares memory (and a pooled ArrayBuffer).
  const copy = (start: number, end: number) => {
    const out = new Uint8Array(end - start);
    out.set(bytes.subarray(start, end));
    return out.buffer;
  };
  return {
    count,
    truncated: (flags & 1) === 1,
    categories,
    positions: new Float32Array(copy(positionsOffset, daysOffset)),
    days: new Int32Array(copy(daysOffset, categoryOffset)),
    categoryIndex: new Uint8Array(copy(categoryOffset, categoryOffset + count)),
  };
}

/** A gzip member starts with 1f 8b; a pack with 'LBP1'. */
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
