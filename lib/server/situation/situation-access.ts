import 'server-only';
// Who is looking at the staff map and which incidents they may count: the same checks as
// get-incident-point-pack.ts (session, permission table, exact access in SQL) for every situation query.
import type { Kysely } from 'kysely';
import { listMapCategories, type MapCategoryRow } from '@/db/queries/incident-points';
import type { SituationIncidentQuery } from '@/db/queries/situation-incidents';
import type { Database } from '@/db/schema';
import type { MapFilters } from '@/lib/schemas/map-filters';
import { recordDenied } from '@/lib/server/audit/record-read';
import { forbidden, unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser, viewerFor } from '@/lib/server/auth/session';
import { visibleSensitivities, whereExactAccess } from '@/lib/server/permissions/exact-access';
import { type Resource, can } from '@/lib/server/permissions/permission-table';
import { type Viewer, viewerRoles } from '@/lib/server/permissions/viewer';
import { getDb } from '../db';

export interface SituationAccess {
  db: Kysely<Database>;
  viewer: Viewer;
}

/**
 * The signed-in viewer of the filter's municipality, allowed to read `resource` exactly; otherwise
 * 401/403 (audited). Roles without exact access (council) get nothing here: their figures come from
 * suppressed server aggregates (TODO(#5)).
 */
export async function requireSituationAccess(filters: MapFilters, resource: Resource): Promise<SituationAccess> {
  const user = await getSignedInUser();
  if (!user) throw unauthorized();
  const db = await getDb();
  const viewer = viewerFor(user, filters.municipality);
  if (!can(viewerRoles(viewer), 'read', resource)) {
    await recordDenied(db, { actor: viewer.actor, resource, municipalityCode: viewer.municipalityCode, reason: 'role' });
    throw forbidden();
  }
  return { db, viewer };
}

/**
 * The incident query of the filters for this viewer: categories they may see, exact access in SQL.
 * `categories` is the category table when the caller has already read it.
 */
export async function incidentQueryFor(access: SituationAccess, filters: MapFilters, categories?: readonly MapCategoryRow[]): Promise<SituationIncidentQuery & { categoryKeys: string[] }> {
  const sensitivities = visibleSensitivities(access.viewer);
  const allowed = (categories ?? (await listMapCategories(access.db))).filter((c) => sensitivities.includes(c.sensitivity));
  const wanted = filters.categories ? allowed.filter((c) => filters.categories!.includes(c.key)) : allowed;
  return {
    municipalityCode: filters.municipality,
    from: filters.from,
    to: filters.to,
    bbox: filters.bbox,
    categoryKeys: wanted.map((c) => c.key),
    weekdays: filters.weekdays,
    hours: filters.hours,
    sources: filters.sources,
    originOrgId: filters.org,
    areaId: filters.area,
    access: whereExactAccess(access.viewer),
  };
}
