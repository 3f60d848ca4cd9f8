import 'server-only';
import { listIncidentPoints, listMapCategories } from '@/db/queries/incident-points';
import { packPoints } from '@/lib/map/point-pack';
import type { MapFilters } from '@/lib/schemas/map-filters';
import { recordDenied, recordRead } from '@/lib/server/audit/record-read';
import { forbidden, unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser, viewerFor } from '@/lib/server/auth/session';
import { visibleSensitivities, whereExactAccess } from '@/lib/server/permissions/exact-access';
import { can } from '@/lib/server/permissions/permission-table';
import { viewerRoles } from '@/lib/server/permissions/viewer';
import { getDb } from '../db';
import { MAX_POINTS_PER_REQUEST } from './provisional-scope';

export interface IncidentPointPack {
  body: Uint8Array;
  count: number;
  truncated: boolean;
}

/** Incident points for the map, packed (lib/map/point-pack.ts): only what the signed-in viewer may see exactly (in SQL), audited. */
export async function getIncidentPointPack(filters: MapFilters): Promise<IncidentPointPack> {
  const user = await getSignedInUser();
  if (!user) throw unauthorized();
  const db = await getDb();
  const viewer = viewerFor(user, filters.municipality);
  if (!can(viewerRoles(viewer), 'read', 'incident_point')) {
    await recordDenied(db, { actor: viewer.actor, resource: 'incident_point', municipalityCode: viewer.municipalityCode, reason: 'role' });
    throw forbidden();
  }
  const sensitivities = visibleSensitivities(viewer);
  const allowed = (await listMapCategories(db)).filter((c) => sensitivities.includes(c.sensitivity));
  const wanted = filters.categories ? allowed.filter((c) => filters.categories!.includes(c.key)) : allowed;
  const categoryKeys = wanted.map((c) => c.key);
  const rows = await listIncidentPoints(db, {
    municipalityCode: filters.municipality,
    from: filters.from,
    to: filters.to,
    bbox: filters.bbox,
    categoryKeys,
    visibilities: ['restricted', 'joint', 'partners'],
    access: whereExactAccess(viewer),
    limit: MAX_POINTS_PER_REQUEST + 1,
  });
  const truncated = rows.length > MAX_POINTS_PER_REQUEST;
  // The newest match goes (rows come in seq order; ord ranks them by time).
  const kept = truncated ? rows.filter((r) => r.ord <= MAX_POINTS_PER_REQUEST) : rows;
  const index = new Map(categoryKeys.map((k, i) => [k, i]));
  const body = packPoints(
    kept.map((r) => ({ lon: r.lon, lat: r.lat, category: index.get(r.category_key)!, day: r.day, minute: r.minute, id: r.seq })),
    categoryKeys,
    { truncated },
  );
  await recordRead(db, viewer, { resource: 'incident_point', filter: { ...filters }, ids: kept.map((r) => r.id) });
  return { body, count: kept.length, truncated };
}
