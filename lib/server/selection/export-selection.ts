import 'server-only';
// POST /api/v1/selection/export: exactly the lasso's records as CSV or GeoJSON, audited as an export.
import { SELECTION_EXPORT_LIMIT, type SelectionExportRequest } from '@/lib/schemas/selection';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { csvCell } from '@/lib/server/audit/audit-csv';
import { auditPolygon, requireSelectionViewer } from './get-selection';
import { selectedIds, selectRecords, type SelectedRows } from './select-records';

export const SELECTION_CSV_COLUMNS = [
  'layer',
  'id',
  'category_or_kind',
  'title',
  'status',
  'occurred_or_reported_at',
  'occurred_to',
  'lon',
  'lat',
  'source',
  'visibility',
  'organisation',
  'offensive',
  'cost_sek',
  'description',
] as const;
type Column = (typeof SELECTION_CSV_COLUMNS)[number];
type Flat = Record<Column, string | number | boolean | null>;

/** One flat row per record, the same fields in the CSV and in the GeoJSON properties. */
export function flattenSelection(rows: SelectedRows): (Flat & { lon: number; lat: number })[] {
  const empty = Object.fromEntries(SELECTION_CSV_COLUMNS.map((c) => [c, null])) as Flat;
  return [
    ...(rows.incidents ?? []).map((r) => ({
      ...empty,
      layer: 'incident',
      id: r.id,
      category_or_kind: r.category_key,
      occurred_or_reported_at: r.occurred_at,
      occurred_to: r.occurred_to,
      lon: r.lon,
      lat: r.lat,
      source: r.source,
      visibility: r.visibility,
      organisation: r.organisation,
      description: r.description,
    })),
    ...(rows.unsafePlaces ?? []).map((r) => ({
      ...empty,
      layer: 'unsafe-place',
      id: r.id,
      category_or_kind: r.reasons.join(';'),
      title: r.title,
      status: r.status,
      occurred_or_reported_at: r.reported_at,
      lon: r.lon,
      lat: r.lat,
      source: r.source,
      visibility: r.visibility,
      organisation: r.organisation,
      description: r.description,
    })),
    ...(rows.vandalism ?? []).map((r) => ({
      ...empty,
      layer: 'vandalism',
      id: r.id,
      category_or_kind: r.kind,
      status: r.status,
      occurred_or_reported_at: r.reported_at,
      lon: r.lon,
      lat: r.lat,
      visibility: r.visibility,
      organisation: r.organisation,
      offensive: r.offensive,
      cost_sek: r.cost_sek,
      description: r.description,
    })),
  ];
}

/** CSV (RFC 4180, CRLF, every cell quoted, formula cells neutralised by the audit export's csvCell). */
export function selectionToCsv(rows: SelectedRows): string {
  const lines = [SELECTION_CSV_COLUMNS.join(',')];
  for (const r of flattenSelection(rows)) lines.push(SELECTION_CSV_COLUMNS.map((c) => csvCell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** RFC 7946 FeatureCollection (WGS84 points). */
export function selectionToGeoJson(rows: SelectedRows): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: flattenSelection(rows).map((r) => ({ type: 'Feature', id: r.id, geometry: { type: 'Point', coordinates: [r.lon, r.lat] }, properties: r })),
  });
}

export type SelectionExport = { status: 'ok'; body: string; contentType: string; filename: string; count: number } | { status: 'too_large'; limit: number };

export async function exportSelection(request: SelectionExportRequest): Promise<SelectionExport> {
  const { db, viewer } = await requireSelectionViewer(request, 'export');
  const rows = await selectRecords(db, viewer, request, { limit: SELECTION_EXPORT_LIMIT + 1, action: 'export' });
  const ids = selectedIds(rows);
  const total = (rows.counts.incidents ?? 0) + (rows.counts.unsafePlaces ?? 0) + (rows.counts.vandalism ?? 0);
  if (total > SELECTION_EXPORT_LIMIT) return { status: 'too_large', limit: SELECTION_EXPORT_LIMIT };
  await appendAuditEvent(db, {
    actor: viewer.actor,
    action: 'export',
    resource: 'selection',
    municipalityCode: viewer.municipalityCode,
    details: { format: request.format, filter: { ...request.filters, bbox: undefined, polygon: auditPolygon(request) }, meeting_mode: viewer.meetingMode || undefined },
    ids,
  });
  const stamp = `${request.filters.municipality}-${request.filters.from ?? 'start'}-${request.filters.to ?? 'end'}`;
  return request.format === 'csv'
    ? { status: 'ok', body: selectionToCsv(rows), contentType: 'text/csv; charset=utf-8', filename: `urval-${stamp}.csv`, count: ids.length }
    : { status: 'ok', body: selectionToGeoJson(rows), contentType: 'application/geo+json', filename: `urval-${stamp}.geojson`, count: ids.length };
}
