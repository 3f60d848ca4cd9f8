import 'server-only';
// Built point packs kept in memory, so a pack asked for again (the same map view by the same kind of
// viewer, with no incident of the municipality changed since) costs a cache lookup instead of a query,
// packing, the ids' hash and gzip. Bounded by bytes, least recently used first out. The key is the
// canonical request, everything the viewer's exact access depends on, the category table and the
// municipality's incident revision (bumped by triggers on every committed change), so a pack is never
// shared across access scopes and never outlives the data it was built from. Hits are still audited
// by the caller: the cache only saves the work, never the audit event.
import { canonicalJson } from '@/lib/server/audit/hash-chain';
import type { Viewer } from '@/lib/server/permissions/viewer';

export interface CachedPointPack {
  /** The pack (lib/map/point-pack.ts). */
  body: Uint8Array;
  /** The same gzipped, or null when it is too small to be worth it. */
  gzipped: Uint8Array | null;
  count: number;
  truncated: boolean;
  /** sha256 of the incident ids in the pack (lib/server/audit/hash-chain.ts idsHash), for the read's audit event. */
  idsHash: string;
}

export interface PackCacheKeyParts {
  /** Which query built it ('incident' for GET /api/v1/incidents/points, 'situation' for the full filter). */
  kind: string;
  /** The parsed filters; object keys and arrays are put in a canonical order here. */
  filters: Record<string, unknown>;
  viewer: Viewer;
  /** The categories the viewer may see and asked for, in table order (they follow the category table). */
  categoryKeys: readonly string[];
  /** incident_revision of the filters' municipality. */
  revision: string;
}

const sortedIfScalars = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x !== 'object') ? [...v].sort() : v);

/**
 * The cache key: the request and the viewer's whole access scope (municipality, every role with its
 * organisation, meeting mode), never the user: two viewers share a pack only when the permission
 * rules give them exactly the same records.
 */
export function packCacheKey(parts: PackCacheKeyParts): string {
  const filters = Object.fromEntries(Object.entries(parts.filters).map(([k, v]) => [k, k === 'bbox' ? v : sortedIfScalars(v)]));
  const held = parts.viewer.held.map((h) => `${h.role}:${h.organisationId ?? ''}`).sort();
  return canonicalJson({
    kind: parts.kind,
    filters,
    municipality: parts.viewer.municipalityCode,
    held,
    meetingMode: parts.viewer.meetingMode,
    categories: parts.categoryKeys,
    revision: parts.revision,
  });
}

const entryBytes = (e: CachedPointPack) => e.body.byteLength + (e.gzipped?.byteLength ?? 0) + 256;

export class PackCache {
  private readonly entries = new Map<string, CachedPointPack>();
  private readonly building = new Map<string, Promise<CachedPointPack>>();
  private bytes = 0;

  constructor(readonly maxBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  /**
   * The cached pack for the key, or the one `build` makes (kept when it fits). Requests for a key that
   * is being built wait for that build instead of starting their own.
   */
  async getOrBuild(key: string, build: () => Promise<CachedPointPack>): Promise<{ pack: CachedPointPack; hit: boolean }> {
    const cached = this.entries.get(key);
    if (cached) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return { pack: cached, hit: true };
    }
    const pending = this.building.get(key);
    if (pending) return { pack: await pending, hit: true };
    const promise = build();
    this.building.set(key, promise);
    try {
      const pack = await promise;
      this.put(key, pack);
      return { pack, hit: false };
    } finally {
      this.building.delete(key);
    }
  }

  private put(key: string, pack: CachedPointPack): void {
    const size = entryBytes(pack);
    if (size > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= entryBytes(old);
      this.entries.delete(key);
    }
    this.entries.set(key, pack);
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= entryBytes(v);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

/** 64 MB: about 130 one-year 50k-point viewports (≈ 0.8 MB raw + 0.5 MB gzipped each), or 400 street views. */
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

const globalForCache = globalThis as typeof globalThis & { __lagesbildPackCache?: PackCache };

/** The process's pack cache (one per server process; development reloads keep it). */
export function getPackCache(): PackCache {
  globalForCache.__lagesbildPackCache ??= new PackCache(DEFAULT_MAX_BYTES);
  return globalForCache.__lagesbildPackCache;
}
