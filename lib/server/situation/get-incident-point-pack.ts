import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { getPointPackContext, listIncidentPointColumns, listIncidentPoints } from '@/db/queries/incident-points';
import type { MapFilters } from '@/lib/schemas/map-filters';
import { recordDenied } from '@/lib/server/audit/record-read';
import { forbidden, unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser, type SignedInUser, viewerFor } from '@/lib/server/auth/session';
import { visibleSensitivities, whereExactAccess } from '@/lib/server/permissions/exact-access';
import { can } from '@/lib/server/permissions/permission-table';
import { type Viewer, viewerRoles } from '@/lib/server/permissions/viewer';
import { getDb } from '../db';
import { readPointPack } from './pack-cache-read';

export interface IncidentPointPack {
  body: Uint8Array;
  /** The body gzipped, when built with it (cached packs are). */
  gzipped?: Uint8Array | null;
  count: number;
  truncated: boolean;
}

/**
 * Incident points for the map, packed (lib/map/point-pack.ts): only what the signed-in viewer may see
 * exactly (in SQL), audited; built packs are cached per access scope and incident revision
 * (./pack-cache.ts). `user` is the request's signed-in user when the caller has already looked it up.
 */
export async function getIncidentPointPack(filters: MapFilters, signedIn?: SignedInUser): Promise<IncidentPointPack> {
  const user = signedIn ?? (await getSignedInUser());
  if (!user) throw unauthorized();
  return getIncidentPointPackAs(await getDb(), viewerFor(user, filters.municipality), filters);
}

/** The same for a viewer of the filters' municipality (403, audited, without the read grant). */
export async function getIncidentPointPackAs(db: Kysely<Database>, viewer: Viewer, filters: MapFilters): Promise<IncidentPointPack> {
  if (!can(viewerRoles(viewer), 'read', 'incident_point')) {
    await recordDenied(db, { actor: viewer.actor, resource: 'incident_point', municipalityCode: viewer.municipalityCode, reason: 'role' });
    throw forbidden();
  }
  const { revision, categories } = await getPointPackContext(db, filters.municipality);
  const sensitivities = visibleSensitivities(viewer);
  const allowed = categories.filter((c) => sensitivities.includes(c.sensitivity));
  const wanted = filters.categories ? allowed.filter((c) => filters.categories!.includes(c.key)) : allowed;
  const categoryKeys = wanted.map((c) => c.key);
  const query = {
    municipalityCode: filters.municipality,
    from: filters.from,
    to: filters.to,
    bbox: filters.bbox,
    categoryKeys,
    visibilities: ['restricted', 'joint', 'partners'],
    access: whereExactAccess(viewer),
  };
  return readPointPack({
    db,
    viewer,
    kind: 'incident',
    filters,
    queryFilters: { municipality: filters.municipality, from: filters.from, to: filters.to, bbox: filters.bbox },
    categoryKeys,
    revision,
    cacheable: true,
    list: (limit) => listIncidentPoints(db, { ...query, limit }),
    listColumns: (limit) => listIncidentPointColumns(db, { ...query, limit }),
  });
}
