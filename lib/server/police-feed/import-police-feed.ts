import 'server-only';
// Import of the police events feed (issue 5): the JSON polisen.se/api/events publishes or the archived
// CSV of it. Permission first; every row checked and any bad row means nothing is stored (each reported
// with its row and field). Only the events placed in the municipality being imported into are kept
// (by place name; the others are counted). Feed types without a category mapping are not imported and
// are reported per type with their rows: the real feed carries traffic accidents, summaries and the
// like that are no crime; a mapping in lib/domain/categories.ts brings a type in. One transaction with
// its audit event; a dry run does the same and rolls back; the same file twice changes nothing.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { getMunicipality } from '@/db/queries/entities/municipality';
import { type PoliceFeedRow, listPoliceEventTypeMappings, upsertPoliceFeedEvents } from '@/db/queries/police-feed/police-feed-events';
import type { Database } from '@/db/schema';
import { type PoliceFeedFormat, type PoliceFeedRowError, parsePoliceFeed, splitByMunicipality } from '@/lib/import/police-feed';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { recordDenied } from '@/lib/server/audit/record-read';
import { forbidden } from '@/lib/server/auth/errors';
import { can } from '@/lib/server/permissions/permission-table';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { decodeImportText } from '@/lib/import/read-import-file';
import { ImportTooLargeError, importMaxBytes } from '@/lib/server/import/run-import';

/** Errors and rows listed in a result (the counts are always complete). */
export const MAX_LISTED = 200;

export interface PoliceFeedImportResult {
  fileName: string;
  fileSha256: string;
  format: PoliceFeedFormat;
  municipalityCode: string;
  municipalityName: string;
  /** Events in the file. */
  totalRows: number;
  errors: PoliceFeedRowError[];
  errorCount: number;
  /** Events placed in the municipality. */
  municipalityRows: number;
  /** Events placed elsewhere (other municipalities or counties): not imported. */
  otherMunicipalityRows: number;
  otherPlaces: { name: string; count: number }[];
  /** The municipality's events whose type has no category mapping: not imported. */
  unmappedTypes: { type: string; count: number; rows: number[] }[];
  /** What is (or would be) stored, per feed type. */
  typeCounts: { type: string; categoryKey: string; count: number }[];
  added: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
  durationMs: number;
}

class DryRunRollback extends Error {}

function owningOrganisation(viewer: Viewer): string | null {
  for (const h of viewer.held) if (h.organisationId && can([h.role], 'create', 'police_feed')) return h.organisationId;
  return null;
}

export async function importPoliceFeed(
  db: Kysely<Database>,
  viewer: Viewer,
  file: { name: string; bytes: Uint8Array },
  options: { dryRun: boolean; format?: PoliceFeedFormat },
): Promise<PoliceFeedImportResult> {
  const started = performance.now();
  const originOrgId = owningOrganisation(viewer);
  if (!can(viewer.held.map((h) => h.role), 'create', 'police_feed') || !originOrgId) {
    await recordDenied(db, { actor: viewer.actor, resource: 'police_feed', municipalityCode: viewer.municipalityCode, reason: 'role', details: { action: 'import', file_name: file.name } });
    throw forbidden();
  }
  const limit = importMaxBytes();
  if (file.bytes.byteLength > limit) throw new ImportTooLargeError(file.bytes.byteLength, limit);

  const fileSha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
  const parsed = parsePoliceFeed(decodeImportText(file.bytes), options.format);
  const municipality = await getMunicipality(db, viewer.municipalityCode);
  const split = splitByMunicipality(parsed.events, municipality.name);
  const mapping = await listPoliceEventTypeMappings(db);

  const unmapped = new Map<string, number[]>();
  const rows: PoliceFeedRow[] = [];
  for (const ev of split.mine) {
    const category = mapping.get(ev.type);
    if (!category) {
      unmapped.set(ev.type, [...(unmapped.get(ev.type) ?? []), ev.row]);
      continue;
    }
    rows.push({
      external_id: ev.id,
      category_key: category,
      occurred_at: ev.occurredAt,
      lon: ev.lon,
      lat: ev.lat,
      event_type: ev.type,
      location_name: ev.locationName,
      name: ev.name,
      url: ev.url,
      summary: ev.summary,
    });
  }
  const typeCounts = new Map<string, { type: string; categoryKey: string; count: number }>();
  for (const r of rows) {
    const t = typeCounts.get(r.event_type) ?? { type: r.event_type, categoryKey: r.category_key, count: 0 };
    t.count++;
    typeCounts.set(r.event_type, t);
  }
  const base = {
    fileName: file.name,
    fileSha256,
    format: parsed.format,
    municipalityCode: municipality.code,
    municipalityName: municipality.name,
    totalRows: parsed.totalRows,
    errors: parsed.errors.slice(0, MAX_LISTED),
    errorCount: parsed.errors.length,
    municipalityRows: split.mine.length,
    otherMunicipalityRows: split.otherCount,
    otherPlaces: split.otherPlaces.slice(0, 20),
    unmappedTypes: [...unmapped]
      .map(([type, r]) => ({ type, count: r.length, rows: r.slice(0, MAX_LISTED) }))
      .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type, 'sv')),
    typeCounts: [...typeCounts.values()].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type, 'sv')),
    dryRun: options.dryRun,
  };
  const details = {
    file_name: file.name,
    file_sha256: fileSha256,
    kind: 'police_feed',
    format: parsed.format,
    rows: parsed.totalRows,
    municipality_rows: split.mine.length,
    other_municipality_rows: split.otherCount,
    unmapped_rows: split.mine.length - rows.length,
  };

  if (parsed.errors.length > 0) {
    await appendAuditEvent(db, {
      actor: viewer.actor,
      action: 'import.rejected',
      resource: 'police_feed',
      municipalityCode: viewer.municipalityCode,
      details: { ...details, error_count: parsed.errors.length, dry_run: options.dryRun || undefined },
      resultCount: 0,
    });
    return { ...base, added: 0, updated: 0, unchanged: 0, durationMs: Math.round(performance.now() - started) };
  }

  let stored = { added: [] as string[], updated: [] as string[], unchanged: 0 };
  try {
    await db.transaction().execute(async (trx) => {
      stored = await upsertPoliceFeedEvents(trx, viewer.municipalityCode, originOrgId, rows);
      if (options.dryRun) throw new DryRunRollback();
      await appendAuditEvent(trx, {
        actor: viewer.actor,
        action: 'import',
        resource: 'police_feed',
        municipalityCode: viewer.municipalityCode,
        details: { ...details, added: stored.added.length, updated: stored.updated.length, unchanged: stored.unchanged, origin_org_id: originOrgId },
        ids: [...stored.added, ...stored.updated],
      });
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
    await appendAuditEvent(db, {
      actor: viewer.actor,
      action: 'import.dry_run',
      resource: 'police_feed',
      municipalityCode: viewer.municipalityCode,
      details: { ...details, would_add: stored.added.length, would_update: stored.updated.length },
      resultCount: stored.added.length + stored.updated.length,
    });
  }
  return {
    ...base,
    added: stored.added.length,
    updated: stored.updated.length,
    unchanged: stored.unchanged,
    durationMs: Math.round(performance.now() - started),
  };
}
