import 'server-only';
// GET /api/v1/aggregates/hex: suppressed counts on fixed hexagons for the map of a viewer without exact
// access (council). Never points: the cells are counted in SQL and suppressed below k (lib/privacy).
import type { Kysely } from 'kysely';
import { listMapCategories } from '@/db/queries/incident-points';
import { countIncidentsByHexagon } from '@/db/queries/situation-aggregates';
import type { Database } from '@/db/schema';
import { AGGREGATE_HEX_SIZE_M, buildHexAggregateCells, type HexAggregatesDto, snapToMonths } from '@/lib/map/hex-aggregates';
import type { DisclosureAudience } from '@/lib/privacy/disclosure-threshold';
import type { MapFilters } from '@/lib/schemas/map-filters';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { getDisclosureConfig } from '@/lib/server/disclosure/get-disclosure-config';
import { type Viewer, viewerRoles } from '@/lib/server/permissions/viewer';
import { defaultPeriod } from './get-staff-context';
import { requireSituationAccess } from './situation-access';

/** Partners are outside organisations and get the stricter partner k; everyone else the council's. */
export function aggregateAudience(viewer: Viewer): DisclosureAudience {
  return viewerRoles(viewer).includes('partner') ? 'partner' : 'council';
}

/**
 * Counts of the filter's period (snapped to whole months), categories and area over every record of a
 * `normal` category: sensitive and police-only categories never enter an aggregate of this kind (as in
 * the published figures), nor does the police events feed. Weekday, hour, source and organisation
 * filters are not applied: each would be one more way to difference two live counts.
 */
export async function computeHexAggregates(db: Kysely<Database>, viewer: Viewer, filters: MapFilters, now: Date): Promise<HexAggregatesDto> {
  const fallback = defaultPeriod(now);
  const period = snapToMonths(filters.from ?? fallback.from, filters.to ?? fallback.to);
  const normal = (await listMapCategories(db)).filter((c) => c.sensitivity === 'normal').map((c) => c.key);
  const categoryKeys = filters.categories ? normal.filter((k) => filters.categories!.includes(k)) : normal;
  const config = await getDisclosureConfig(db, { municipalityCode: viewer.municipalityCode, audience: aggregateAudience(viewer) });
  const rows = await countIncidentsByHexagon(db, {
    municipalityCode: viewer.municipalityCode,
    ...period,
    categoryKeys,
    areaId: filters.area,
    cellSizeM: AGGREGATE_HEX_SIZE_M,
    locationRoundingM: config.locationRoundingM,
  });
  return { k: config.k, cellSizeM: AGGREGATE_HEX_SIZE_M, ...period, cells: buildHexAggregateCells(rows, config.k, AGGREGATE_HEX_SIZE_M) };
}

export async function getHexAggregates(filters: MapFilters): Promise<HexAggregatesDto> {
  const { db, viewer } = await requireSituationAccess(filters, 'incident_aggregate');
  const dto = await computeHexAggregates(db, viewer, filters, new Date());
  await appendAuditEvent(db, {
    actor: viewer.actor,
    action: 'read',
    resource: 'incident_aggregate',
    municipalityCode: viewer.municipalityCode,
    details: { filter: { ...filters, bbox: undefined }, k: dto.k, cell_size_m: dto.cellSizeM },
    resultCount: dto.cells.length,
  });
  return dto;
}
