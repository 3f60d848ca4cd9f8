import 'server-only';
// POST /api/v1/selection: the lasso's records for the signed-in viewer, audited as a read.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import type { SelectedRecordDto, SelectionDto } from '@/lib/map/selection';
import { SELECTION_LIST_LIMIT, type SelectionRequest } from '@/lib/schemas/selection';
import { recordDenied, recordRead } from '@/lib/server/audit/record-read';
import { forbidden, unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser, viewerFor } from '@/lib/server/auth/session';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { getDb } from '../db';
import { selectableLayers, selectedIds, selectRecords, type SelectedRows } from './select-records';

/** The polygon as the audit log keeps it: vertices rounded to about a metre. */
export function auditPolygon(request: SelectionRequest): number[][] {
  return request.polygon.coordinates[0].map(([x, y]) => [Math.round(x * 1e5) / 1e5, Math.round(y * 1e5) / 1e5]);
}

/** The viewer of the request's municipality, or 401; 403 (audited) when no layer is readable exactly. */
export async function requireSelectionViewer(request: SelectionRequest, action: 'read' | 'export'): Promise<{ db: Kysely<Database>; viewer: Viewer }> {
  const user = await getSignedInUser();
  if (!user) throw unauthorized();
  const db = await getDb();
  const viewer = viewerFor(user, request.filters.municipality);
  const layers = selectableLayers(viewer, request.filters, 'read');
  // Council and admin see no single record: a free-form polygon never becomes a count for them (DESIGN §8).
  const anyLayer = layers.incidents || layers.unsafePlaces || layers.vandalism;
  // An export holds exactly the selection, or nothing: never a part of it without saying so.
  if (!anyLayer || (action === 'export' && !canExportSelection(viewer, request))) {
    await recordDenied(db, { actor: viewer.actor, resource: 'selection', municipalityCode: viewer.municipalityCode, reason: 'role', details: { action } });
    throw forbidden();
  }
  return { db, viewer };
}

/** Every layer the viewer reads in this selection may also be exported by them. */
export function canExportSelection(viewer: Viewer, request: SelectionRequest): boolean {
  const readable = selectableLayers(viewer, request.filters, 'read');
  const exportable = selectableLayers(viewer, request.filters, 'export');
  return LAYERS.every((l) => !readable[l] || exportable[l]);
}

const LAYERS = ['incidents', 'unsafePlaces', 'vandalism'] as const;

export function toSelectionDto(rows: SelectedRows, canExport: boolean): SelectionDto {
  const records: SelectedRecordDto[] = [
    ...(rows.incidents ?? []).map((r) => ({ kind: 'incident' as const, id: r.id, lon: r.lon, lat: r.lat, label: r.category_key, status: null, at: r.occurred_at })),
    ...(rows.unsafePlaces ?? []).map((r) => ({ kind: 'unsafe-place' as const, id: r.id, lon: r.lon, lat: r.lat, label: r.title, status: r.status, at: r.reported_at })),
    ...(rows.vandalism ?? []).map((r) => ({ kind: 'vandalism' as const, id: r.id, lon: r.lon, lat: r.lat, label: r.kind, status: r.status, at: r.reported_at })),
  ];
  const truncated = LAYERS.some((l) => (rows.counts[l] ?? 0) > (rows[l]?.length ?? 0));
  return { counts: rows.counts, byCategory: rows.byCategory, records, truncated, canExport };
}

export async function getSelection(request: SelectionRequest): Promise<SelectionDto> {
  const { db, viewer } = await requireSelectionViewer(request, 'read');
  const rows = await selectRecords(db, viewer, request, { limit: SELECTION_LIST_LIMIT, action: 'read' });
  await recordRead(db, viewer, { resource: 'selection', filter: { ...request.filters, bbox: undefined, polygon: auditPolygon(request) }, ids: selectedIds(rows) });
  return toSelectionDto(rows, canExportSelection(viewer, request));
}
