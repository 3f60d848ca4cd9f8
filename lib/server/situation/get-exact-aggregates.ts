import 'server-only';
// GET /api/v1/aggregates/exact: the staff map's picture below street zoom for viewers with exact access.
// Counts per hexagon over exactly the incidents the viewer may see as points (whereExactAccess and the
// categories of their sensitivities, in SQL) under the whole map filter: the same incidents the points
// API would send, only binned. No suppression is needed (nothing is counted that the viewer could not
// see one by one), and so no partner or meeting-mode screen learns more than its points would show.
import type { Kysely } from 'kysely';
import { countVisibleIncidentsByHexagon } from '@/db/queries/exact-aggregates';
import type { Database } from '@/db/schema';
import type { ExactHexAggregatesDto } from '@/lib/map/hex-aggregates';
import type { MapFilters } from '@/lib/schemas/map-filters';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { incidentQueryFor, requireSituationAccess } from './situation-access';

/** Counts for the filter over the whole municipality (a bbox in the filter is ignored: the map asks once, not per viewport). */
export async function computeExactAggregates(db: Kysely<Database>, viewer: Viewer, filters: MapFilters, cellSizeM: number): Promise<ExactHexAggregatesDto> {
  const q = await incidentQueryFor({ db, viewer }, { ...filters, bbox: undefined });
  const rows = await countVisibleIncidentsByHexagon(db, q, cellSizeM);
  const cells = new Array<number>(rows.length * 3);
  let total = 0;
  rows.forEach((r, k) => {
    cells[3 * k] = r.i;
    cells[3 * k + 1] = r.j;
    cells[3 * k + 2] = r.count;
    total += r.count;
  });
  return { cellSizeM, from: filters.from ?? null, to: filters.to ?? null, total, cells };
}

/** The signed-in viewer's exact aggregate (403 without exact read access), audited as an aggregate read. */
export async function getExactAggregates(filters: MapFilters, cellSizeM: number): Promise<ExactHexAggregatesDto> {
  const { db, viewer } = await requireSituationAccess(filters, 'incident_point');
  const dto = await computeExactAggregates(db, viewer, filters, cellSizeM);
  await appendAuditEvent(db, {
    actor: viewer.actor,
    action: 'read',
    resource: 'incident_aggregate',
    municipalityCode: viewer.municipalityCode,
    details: { filter: { ...filters, bbox: undefined }, exact: true, cell_size_m: cellSizeM, cells: dto.cells.length / 3, meeting_mode: viewer.meetingMode || undefined },
    resultCount: dto.total,
  });
  return dto;
}
