import 'server-only';
// One point-pack read for both points APIs: from the pack cache when the same request of the same
// access scope was built at the same incident revision, else built (query, pack, ids' hash, gzip) and
// kept. Either way the read is audited — with the hash and count of exactly the ids sent.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Kysely } from 'kysely';
import type { IncidentPointRow } from '@/db/queries/incident-points';
import type { Database } from '@/db/schema';
import { packPoints } from '@/lib/map/point-pack';
import type { MapFilters } from '@/lib/schemas/map-filters';
import { idsHash } from '@/lib/server/audit/hash-chain';
import { recordRead } from '@/lib/server/audit/record-read';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { type CachedPointPack, getPackCache, packCacheKey } from './pack-cache';
import { MAX_POINTS_PER_REQUEST } from './provisional-scope';

const gzip = promisify(zlib.gzip);

/** Below this a pack is sent as it is: compressing it costs more than it saves. */
export const MIN_COMPRESS_BYTES = 1024;
/** Level 4: within a few per cent of level 9 on point packs at a fraction of the time (bench/map.ts). */
export const PACK_GZIP_LEVEL = 4;

export async function gzipPack(body: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await gzip(body, { level: PACK_GZIP_LEVEL }));
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
  /** At most `limit` points of the filter, exact access applied in SQL. */
  list: (limit: number) => Promise<IncidentPointRow[]>;
}

async function buildPack(read: PointPackRead): Promise<CachedPointPack> {
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
