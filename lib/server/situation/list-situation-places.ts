import 'server-only';
import { listUnsafePlaces, listVandalismReports } from '@/db/queries/situation-places';
import { type PlaceFeatureCollection, unsafePlaceFeatures, vandalismFeatures } from '@/lib/map/place-features';
import { type MapFilters, UNSAFE_PLACE_STATUSES, VANDALISM_STATUSES } from '@/lib/schemas/map-filters';
import { recordRead } from '@/lib/server/audit/record-read';
import { whereExactAccess } from '@/lib/server/permissions/exact-access';
import { requireSituationAccess } from './situation-access';

function statusesOf(filters: MapFilters, own: readonly string[]): string[] | undefined {
  return filters.status ? filters.status.filter((s) => own.includes(s)) : undefined;
}

/** Unsafe places of the filter as GeoJSON (WGS84), only those the viewer may see exactly. */
export async function listSituationUnsafePlaces(filters: MapFilters): Promise<PlaceFeatureCollection> {
  const access = await requireSituationAccess(filters, 'unsafe_place');
  const rows = await listUnsafePlaces(access.db, {
    municipalityCode: filters.municipality,
    from: filters.from,
    to: filters.to,
    bbox: filters.bbox,
    statuses: statusesOf(filters, UNSAFE_PLACE_STATUSES),
    originOrgId: filters.org,
    areaId: filters.area,
    access: whereExactAccess(access.viewer, { table: 'unsafe_place', categoryColumn: null }),
  });
  await recordRead(access.db, access.viewer, { resource: 'unsafe_place', filter: { ...filters }, ids: rows.map((r) => r.id) });
  return unsafePlaceFeatures(rows);
}

/** Vandalism reports of the filter as GeoJSON (WGS84), only those the viewer may see exactly. */
export async function listSituationVandalism(filters: MapFilters): Promise<PlaceFeatureCollection> {
  const access = await requireSituationAccess(filters, 'vandalism_report');
  const rows = await listVandalismReports(access.db, {
    municipalityCode: filters.municipality,
    from: filters.from,
    to: filters.to,
    bbox: filters.bbox,
    statuses: statusesOf(filters, VANDALISM_STATUSES),
    originOrgId: filters.org,
    areaId: filters.area,
    access: whereExactAccess(access.viewer, { table: 'vandalism_report', categoryColumn: null }),
  });
  await recordRead(access.db, access.viewer, { resource: 'vandalism_report', filter: { ...filters }, ids: rows.map((r) => r.id) });
  return vandalismFeatures(rows);
}
