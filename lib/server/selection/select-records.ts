import 'server-only';
// The records inside a lasso polygon under the map's filters, for one viewer: every layer's query
// carries the viewer's exact access and the polygon in SQL (db/queries/situation-selection.ts), so a
// partner's lasso over records it may not see answers exactly as a lasso over an empty spot.
import type { Kysely } from 'kysely';
import {
  countSelectedIncidentsByCategory,
  countSelectedUnsafePlaces,
  countSelectedVandalism,
  listSelectedIncidents,
  listSelectedUnsafePlaces,
  listSelectedVandalism,
  type SelectedIncidentRow,
  type SelectedUnsafePlaceRow,
  type SelectedVandalismRow,
} from '@/db/queries/situation-selection';
import type { SituationPlaceQuery } from '@/db/queries/situation-places';
import type { Database } from '@/db/schema';
import { type MapFilters, shownLayers, UNSAFE_PLACE_STATUSES, VANDALISM_STATUSES } from '@/lib/schemas/map-filters';
import { polygonToWkt, type SelectionRequest } from '@/lib/schemas/selection';
import { whereExactAccess } from '@/lib/server/permissions/exact-access';
import { type Action, can, type Resource } from '@/lib/server/permissions/permission-table';
import { type Viewer, viewerRoles } from '@/lib/server/permissions/viewer';
import { incidentQueryFor } from '../situation/situation-access';

export interface SelectedRows {
  /** null: the layer is hidden by the filter or the viewer may not read it exactly. */
  incidents: SelectedIncidentRow[] | null;
  unsafePlaces: SelectedUnsafePlaceRow[] | null;
  vandalism: SelectedVandalismRow[] | null;
  counts: { incidents: number | null; unsafePlaces: number | null; vandalism: number | null };
  byCategory: { key: string; count: number }[];
}

/** The layers of the filter the viewer may `action` exactly (read for the list, export for a file). */
export function selectableLayers(viewer: Viewer, filters: MapFilters, action: Action): { incidents: boolean; unsafePlaces: boolean; vandalism: boolean } {
  const roles = viewerRoles(viewer);
  const shown = shownLayers(filters);
  const may = (r: Resource) => can(roles, action, r);
  return {
    incidents: shown.includes('incidents') && may('incident_point'),
    unsafePlaces: shown.includes('unsafe') && may('unsafe_place'),
    vandalism: shown.includes('vandalism') && may('vandalism_report'),
  };
}

function statusesOf(filters: MapFilters, own: readonly string[]): string[] | undefined {
  return filters.status ? filters.status.filter((s) => own.includes(s)) : undefined;
}

/**
 * The selection for a viewer whose permission was checked by the caller. The viewport (bbox) does not
 * narrow a lasso; every other filter does. Lists hold at most `limit` records per layer; counts are exact.
 */
export async function selectRecords(db: Kysely<Database>, viewer: Viewer, request: SelectionRequest, options: { limit: number; action: Action }): Promise<SelectedRows> {
  const filters: MapFilters = { ...request.filters, bbox: undefined };
  const within = polygonToWkt(request.polygon);
  const layers = selectableLayers(viewer, filters, options.action);
  const place = (table: string, statuses: readonly string[]): SituationPlaceQuery => ({
    municipalityCode: filters.municipality,
    from: filters.from,
    to: filters.to,
    statuses: statusesOf(filters, statuses),
    originOrgId: filters.org,
    areaId: filters.area,
    access: whereExactAccess(viewer, { table, categoryColumn: null }),
    within,
  });
  const incidentQuery = layers.incidents ? { ...(await incidentQueryFor({ db, viewer }, filters)), within } : null;
  const unsafeQuery = layers.unsafePlaces ? place('unsafe_place', UNSAFE_PLACE_STATUSES) : null;
  const vandalismQuery = layers.vandalism ? place('vandalism_report', VANDALISM_STATUSES) : null;
  const [incidents, byCategory, unsafePlaces, unsafeCount, vandalism, vandalismCount] = await Promise.all([
    incidentQuery ? listSelectedIncidents(db, incidentQuery, options.limit) : null,
    incidentQuery ? countSelectedIncidentsByCategory(db, incidentQuery) : [],
    unsafeQuery ? listSelectedUnsafePlaces(db, unsafeQuery, options.limit) : null,
    unsafeQuery ? countSelectedUnsafePlaces(db, unsafeQuery) : null,
    vandalismQuery ? listSelectedVandalism(db, vandalismQuery, options.limit) : null,
    vandalismQuery ? countSelectedVandalism(db, vandalismQuery) : null,
  ]);
  return {
    incidents,
    unsafePlaces,
    vandalism,
    counts: {
      incidents: incidentQuery ? byCategory.reduce((a, c) => a + c.count, 0) : null,
      unsafePlaces: unsafeCount,
      vandalism: vandalismCount,
    },
    byCategory,
  };
}

/** Every id in the rows, for the audit log's count and hash. */
export function selectedIds(rows: SelectedRows): string[] {
  return [...(rows.incidents ?? []), ...(rows.unsafePlaces ?? []), ...(rows.vandalism ?? [])].map((r) => r.id);
}
