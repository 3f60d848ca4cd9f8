import 'server-only';
import type { MapFilters } from '@/lib/schemas/map-filters';
import { unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser, viewerFor } from '@/lib/server/auth/session';
import { getDb } from '@/lib/server/db';
import { type ExportKind, type ExportResult, exportRecords } from './export-records';
import type { ExportFormat } from './format-export';

/** GET /api/v1/export/[kind]: the signed-in user's export of the map's filters (meeting mode applies). */
export async function exportFiltersForRequest(kind: ExportKind, filters: MapFilters, format: ExportFormat): Promise<ExportResult> {
  const user = await getSignedInUser();
  if (!user) throw unauthorized();
  return exportRecords(await getDb(), viewerFor(user, filters.municipality), kind, { filters }, format);
}
