import 'server-only';
// Export (issue 5): the records of the map's current filter, or of a selection of ids (the map's lasso),
// as CSV or GeoJSON — only records the viewer may see exactly (whereExactAccess in SQL), and every
// export audited with its filter, format, count and a hash of the ids.
import type { Kysely } from 'kysely';
import {
  type ExportSelection,
  listIncidentExportRows,
  listUnsafePlaceExportRows,
  listVandalismExportRows,
} from '@/db/queries/export/list-export-rows';
import { listMapCategories } from '@/db/queries/incident-points';
import type { SituationIncidentQuery } from '@/db/queries/situation-incidents';
import { listUnsafePlaces, listVandalismReports } from '@/db/queries/situation-places';
import type { Database } from '@/db/schema';
import { type MapFilters, UNSAFE_PLACE_STATUSES, VANDALISM_STATUSES } from '@/lib/schemas/map-filters';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { recordDenied } from '@/lib/server/audit/record-read';
import { forbidden } from '@/lib/server/auth/errors';
import { visibleSensitivities, whereExactAccess } from '@/lib/server/permissions/exact-access';
import { type Resource, can } from '@/lib/server/permissions/permission-table';
import { type Viewer, viewerRoles } from '@/lib/server/permissions/viewer';
import { type ExportBody, type ExportFormat, type ExportRecord, formatExport } from './format-export';

export const EXPORT_KINDS = ['incidents', 'unsafe_places', 'vandalism'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];


const RESOURCE: Record<ExportKind, Resource> = { incidents: 'incident_point', unsafe_places: 'unsafe_place', vandalism: 'vandalism_report' };

/** Headers of an empty export (the same the importer reads). */
const EMPTY_COLUMNS: Record<ExportKind, readonly string[]> = {
  incidents: ['id', 'external_id', 'category', 'occurred_at', 'occurred_to', 'lat', 'lon', 'source', 'visibility', 'description', 'origin_organisation'],
  unsafe_places: ['id', 'external_id', 'title', 'lat', 'lon', 'reasons', 'proposed_measure', 'status', 'source', 'reported_at', 'fixed_at', 'visibility', 'description', 'public_summary', 'origin_organisation'],
  vandalism: ['id', 'external_id', 'kind', 'offensive', 'lat', 'lon', 'status', 'reported_at', 'assigned_at', 'responsible_org', 'remediated_at', 'cost_sek', 'visibility', 'description', 'public_summary', 'origin_organisation'],
};

/** Which records to export: the map's filters (URL), or ids chosen on the map (lasso). */
export type ExportSource = { filters: MapFilters } | { ids: readonly string[] };

export interface ExportResult extends ExportBody {
  fileName: string;
  count: number;
}

function statusesOf(filters: MapFilters, own: readonly string[]): string[] | undefined {
  return filters.status ? filters.status.filter((s) => own.includes(s)) : undefined;
}

/**
 * The incident query of the map's filters for this viewer: the categories they may see and exact access
 * in SQL — what the map's own situation-access builds, without the request session (the CLI exports too).
 */
async function incidentQueryOf(db: Kysely<Database>, viewer: Viewer, filters: MapFilters): Promise<SituationIncidentQuery> {
  const sensitivities = visibleSensitivities(viewer);
  const allowed = (await listMapCategories(db)).filter((c) => sensitivities.includes(c.sensitivity));
  const wanted = filters.categories ? allowed.filter((c) => filters.categories!.includes(c.key)) : allowed;
  return {
    municipalityCode: viewer.municipalityCode,
    from: filters.from,
    to: filters.to,
    bbox: filters.bbox,
    categoryKeys: wanted.map((c) => c.key),
    weekdays: filters.weekdays,
    hours: filters.hours,
    sources: filters.sources,
    originOrgId: filters.org,
    areaId: filters.area,
    access: whereExactAccess(viewer),
  };
}

/** The rows of one kind for the viewer (exact access in SQL), by filters or ids. */
export async function listExportRecords(db: Kysely<Database>, viewer: Viewer, kind: ExportKind, source: ExportSource): Promise<ExportRecord[]> {
  const mc = viewer.municipalityCode;
  if (kind === 'incidents') {
    const selection: ExportSelection =
      'filters' in source
        ? { by: 'filters', query: await incidentQueryOf(db, viewer, source.filters) }
        : { by: 'ids', municipalityCode: mc, ids: source.ids, access: whereExactAccess(viewer) };
    return (await listIncidentExportRows(db, selection)) as unknown as ExportRecord[];
  }
  const table = kind === 'unsafe_places' ? 'unsafe_place' : 'vandalism_report';
  const access = whereExactAccess(viewer, { table, categoryColumn: null });
  let ids: readonly string[];
  if ('filters' in source) {
    const f = source.filters;
    const q = { municipalityCode: mc, from: f.from, to: f.to, bbox: f.bbox, originOrgId: f.org, areaId: f.area, access };
    // The map layer's own query decides which records the filter means (period semantics included).
    ids =
      kind === 'unsafe_places'
        ? (await listUnsafePlaces(db, { ...q, statuses: statusesOf(f, UNSAFE_PLACE_STATUSES) })).map((r) => r.id)
        : (await listVandalismReports(db, { ...q, statuses: statusesOf(f, VANDALISM_STATUSES) })).map((r) => r.id);
  } else ids = source.ids;
  const rows = kind === 'unsafe_places' ? await listUnsafePlaceExportRows(db, mc, access, ids) : await listVandalismExportRows(db, mc, access, ids);
  return rows as unknown as ExportRecord[];
}

/**
 * The export itself: permission ('export' on the kind's resource; denied attempts audited), the rows,
 * the file, and the audit event. wt-map's lasso export calls this with `{ ids }`.
 */
export async function exportRecords(db: Kysely<Database>, viewer: Viewer, kind: ExportKind, source: ExportSource, format: ExportFormat): Promise<ExportResult> {
  const resource = RESOURCE[kind];
  if (!can(viewerRoles(viewer), 'export', resource)) {
    await recordDenied(db, { actor: viewer.actor, resource, municipalityCode: viewer.municipalityCode, reason: 'role', details: { action: 'export', kind } });
    throw forbidden();
  }
  const rows = await listExportRecords(db, viewer, kind, source);
  await appendAuditEvent(db, {
    actor: viewer.actor,
    action: 'export',
    resource,
    municipalityCode: viewer.municipalityCode,
    details: {
      kind,
      format,
      ...('filters' in source ? { filter: { ...source.filters } } : { selection: source.ids.length }),
      meeting_mode: viewer.meetingMode || undefined,
    },
    ids: rows.map((r) => r.id as string),
  });
  const body = formatExport(rows, format, EMPTY_COLUMNS[kind]);
  return { ...body, fileName: `lagesbild-${kind}-${viewer.municipalityCode}.${body.extension}`, count: rows.length };
}
