import 'server-only';
// One point-pack read for both points APIs: from the pack cache when the same request of the same
// access scope was built at the same incident revision, else built (query, pack, ids' hash, gzip) and
// kept (issue 5: the points come packed from SQL and are packed again without per-point objects). Either way the read is audited — with the hash and count of exactly the ids sent.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Kysely } from 'kysely';
import type { IncidentPointColumns } from '@/db/queries/incident-point-records';
import type { IncidentPointRow } from '@/db/queries/incident-points';
import type { Database } from '@/db/schema';
import { packPointColumns, packPoints } from '@/lib/map/point-pack';
import type { MapFilters } from '@/lib/schemas/map-filters';
import { idsHash, idsHashOfUuidBytes } from '@/lib/server/audit/hash-chain';
import { recordRead } from '@/lib/server/audit/record-read';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { type CachedPointPack, getPackCache, packCacheKey } from './pack-cache';
import { MAX_POINTS_PER_REQUEST } from './provisional-scope';

const gzip = promisify(zlib.gzip);

/** Below this a pack is sent as it is: compressing it costs more than it saves. */
export const MIN_COMPRESS_BYTES = 1024;
/**
 * Level 1: on the 50k-point viewport pack (804 kB) level 1 took 15 ms for 501 kB, level 2 16 ms for
 * 500 kB, level 4 20 ms for 489 kB, level 6 28 ms for 480 kB (issue 5, tmp probe at load 5): 2 % more
 * bytes for a quarter less time on every uncached pack.
 */
export const PACK_GZIP_LEVEL = 1;
const GZIP_CHUNK_BYTES = 1 << 20;

export async function gzipPack(body: Uint8Array): Promise<Uint8Array> {
  // One thread-pool job for the whole pack (the default 16 kB chunks each come back to this thread).
  return new Uint8Array(await gzip(body, { level: PACK_GZIP_LEVEL, chunkSize: GZIP_CHUNK_BYTES }));
}

export interface PointPackRead {
  db: Kysely<Database>;
  viewer: Viewer;
  kind: 'incident' | 'situation';
  /** The request's filters as the audit event records them. */
  filters: MapFilters;
  /** Only what the query uses (the cache key's request part). */
  queryFilters: Record<string, unknown>;
  /** The categories the pack's table lists (visible to the viewer and asked for), in table order. */
  categoryKeys: string[];
  /** incident_revision of the municipality, read in the same request. */
  revision: string;
  /** False when the result depends on data the revision does not follow (an area's outline). */
  cacheable: boolean;
  /** At most `limit` points of the filter, exact access applied in SQL, the oldest when more match. */
  list: (limit: number) => Promise<IncidentPointRow[]>;
  /** The same points as `list` as columns, packed in SQL; null when `list` must cut them (see listPointColumns). */
  listColumns: (limit: number) => Promise<IncidentPointColumns | null>;
}

async function buildPack(read: PointPackRead): Promise<CachedPointPack> {
  const columns = await read.listColumns(MAX_POINTS_PER_REQUEST);
  if (columns) {
    const { positions, days, minutes, categoryIndex, seqs } = columns;
    const body = packPointColumns({ positions, days, minutes, categoryIndex, ids: seqs }, read.categoryKeys, { truncated: columns.truncated });
    // gzip runs on libuv's thread pool while this thread hashes the ids: on two cores, side by side.
    const gzipping = body.length >= MIN_COMPRESS_BYTES ? gzipPack(body) : null;
    const hash = idsHashOfUuidBytes(columns.uuids);
    return { body, gzipped: gzipping && (await gzipping), count: columns.count, truncated: columns.truncated, idsHash: hash };
  }
  // More than the cap matched in a grid-cell scan: the oldest are kept, which needs the rows in time order.
  const rows = await read.list(MAX_POINTS_PER_REQUEST + 1);
  const truncated = rows.length > MAX_POINTS_PER_REQUEST;
  // The newest match goes (rows come in seq order; ord ranks them by time).
  const kept = truncated ? rows.filter((r) => r.ord <= MAX_POINTS_PER_REQUEST) : rows;
  const index = new Map(read.categoryKeys.map((k, i) => [k, i]));
  const body = packPoints(
    kept.map((r) => ({ lon: r.lon, lat: r.lat, category: index.get(r.category_key)!, day: r.day, minute: r.minute, id: r.seq })),
    read.categoryKeys,
    { truncated },
  );
  return {
    body,
    gzipped: body.length >= MIN_COMPRESS_BYTES ? await gzipPack(body) : null,
    count: kept.length,
    truncated,
    idsHash: idsHash(kept.map((r) => r.id)),
  };
}

/** The pack for this viewer and filter, cached when allowed; the read audited every time. */
export async function readPointPack(read: PointPackRead): Promise<CachedPointPack> {
  const pack = read.cacheable
    ? (await getPackCache().getOrBuild(packCacheKey({ kind: read.kind, filters: read.queryFilters, viewer: read.viewer, categoryKeys: read.categoryKeys, revision: read.revision }), () => buildPack(read))).pack
    : await buildPack(read);
  await recordRead(read.db, read.viewer, { resource: 'incident_point', filter: { ...read.filters }, idsHash: pack.idsHash, count: pack.count });
  return pack;
}
