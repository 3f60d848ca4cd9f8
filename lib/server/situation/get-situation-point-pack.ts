import 'server-only';
import { getPointPackContext } from '@/db/queries/incident-points';
import { listSituationIncidentPointColumns, listSituationIncidentPoints } from '@/db/queries/situation-incidents';
import type { MapFilters } from '@/lib/schemas/map-filters';
import type { IncidentPointPack } from './get-incident-point-pack';
import { readPointPack } from './pack-cache-read';
import { incidentQueryFor, requireSituationAccess } from './situation-access';

/**
 * Incident points of the full situation filter (weekday, hour, source, organisation, area as well),
 * packed like GET /api/v1/incidents/points: only what the viewer may see exactly (in SQL), audited,
 * cached like it — except with an area, whose outline the incident revision does not follow.
 */
export async function getSituationPointPack(filters: MapFilters): Promise<IncidentPointPack> {
  const access = await requireSituationAccess(filters, 'incident_point');
  const context = await getPointPackContext(access.db, filters.municipality);
  const q = await incidentQueryFor(access, filters, context.categories);
  return readPointPack({
    db: access.db,
    viewer: access.viewer,
    kind: 'situation',
    filters,
    queryFilters: { municipality: filters.municipality, from: filters.from, to: filters.to, bbox: filters.bbox, weekdays: filters.weekdays, hours: filters.hours, sources: filters.sources, org: filters.org, area: filters.area },
    categoryKeys: q.categoryKeys,
    revision: context.revision,
    cacheable: !filters.area,
    list: (limit) => listSituationIncidentPoints(access.db, q, limit),
    listColumns: (limit) => listSituationIncidentPointColumns(access.db, q, limit),
  });
}
