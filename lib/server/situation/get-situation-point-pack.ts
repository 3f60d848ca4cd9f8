import 'server-only';
import { listSituationIncidentPoints } from '@/db/queries/situation-incidents';
import { packPoints } from '@/lib/map/point-pack';
import type { MapFilters } from '@/lib/schemas/map-filters';
import { recordRead } from '@/lib/server/audit/record-read';
import type { IncidentPointPack } from './get-incident-point-pack';
import { MAX_POINTS_PER_REQUEST } from './provisional-scope';
import { incidentQueryFor, requireSituationAccess } from './situation-access';

/**
 * Incident points of the full situation filter (weekday, hour, source, organisation, area as well),
 * packed like GET /api/v1/incidents/points: only what the viewer may see exactly (in SQL), audited.
 */
export async function getSituationPointPack(filters: MapFilters): Promise<IncidentPointPack> {
  const access = await requireSituationAccess(filters, 'incident_point');
  const q = await incidentQueryFor(access, filters);
  const rows = await listSituationIncidentPoints(access.db, q, MAX_POINTS_PER_REQUEST + 1);
  const truncated = rows.length > MAX_POINTS_PER_REQUEST;
  // The newest match goes (rows come in seq order; ord ranks them by time).
  const kept = truncated ? rows.filter((r) => r.ord <= MAX_POINTS_PER_REQUEST) : rows;
  const index = new Map(q.categoryKeys.map((k, i) => [k, i]));
  const body = packPoints(
    kept.map((r) => ({ lon: r.lon, lat: r.lat, category: index.get(r.category_key)!, day: r.day, minute: r.minute, id: r.seq })),
    q.categoryKeys,
    { truncated },
  );
  await recordRead(access.db, access.viewer, { resource: 'incident_point', filter: { ...filters }, ids: kept.map((r) => r.id) });
  return { body, count: kept.length, truncated };
}
