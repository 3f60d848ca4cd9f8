import 'server-only';
// One import (issue 5): permission first, then every row checked; any bad row means nothing is stored
// and every bad row is reported with its row, column and reason. Otherwise all rows are stored in one
// transaction with the audit event that records them (file name, rows, SHA-256 of the file). The
// importing organisation owns the rows. A dry run does the same and rolls back.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { listImportContext } from '@/db/queries/import/import-context';
import {
  insertAreaRows,
  insertIncidentRows,
  insertSurveyRows,
  insertUnsafePlaceRows,
  insertVandalismRows,
  listForeignExternalIds,
  listInvalidAreaGeometries,
  type ExternalIdKind,
  type UpsertedIds,
} from '@/db/queries/import/insert-import-rows';
import type { Database } from '@/db/schema';
import { type ColumnMatch, decodeImportText, readImportFile } from '@/lib/import/read-import-file';
import { MAX_REPORTED_ERRORS, validateImport } from '@/lib/import/validate-import';
import { type ImportKind, type ImportOptions, type ImportRowError, DEFAULT_IMPORT_MAX_BYTES } from '@/lib/schemas/import';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { recordDenied } from '@/lib/server/audit/record-read';
import { forbidden } from '@/lib/server/auth/errors';
import { visibleSensitivities } from '@/lib/server/permissions/exact-access';
import { type Resource, can } from '@/lib/server/permissions/permission-table';
import type { Viewer } from '@/lib/server/permissions/viewer';

/** The permission an import of each kind needs: creating records of that resource. */
export const IMPORT_RESOURCE: Record<ImportKind, Resource> = {
  incidents: 'incident_point',
  unsafe_places: 'unsafe_place',
  vandalism: 'vandalism_report',
  areas: 'area',
  survey: 'survey_indicator',
};

/** A file over the size limit (answered with 413 and the limit). */
export class ImportTooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`The file is ${formatMb(bytes)}; the import limit is ${formatMb(limit)}. Split the file, or raise LAGESBILD_IMPORT_MAX_BYTES.`);
    this.name = 'ImportTooLargeError';
  }
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function importMaxBytes(): number {
  const v = Number(process.env.LAGESBILD_IMPORT_MAX_BYTES);
  return Number.isInteger(v) && v > 0 ? v : DEFAULT_IMPORT_MAX_BYTES;
}

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportResult {
  kind: ImportKind;
  fileName: string;
  fileSha256: string;
  format: 'csv' | 'geojson';
  delimiter: string | null;
  crs: string | null;
  columns: ColumnMatch[];
  /** Data rows (CSV) or features (GeoJSON) in the file. */
  totalRows: number;
  /** The first rows as read, by header, for the preview. */
  preview: Record<string, string>[];
  /** Every bad row (up to MAX_REPORTED_ERRORS); when there are any, nothing was stored. */
  errors: ImportRowError[];
  errorCount: number;
  /** Rows stored now as new records (or that would be, in a dry run). */
  added: number;
  /** Rows whose stored record (same external id, area name or survey key) had other values and was updated. */
  updated: number;
  /** Rows already stored with the same values by an earlier import (same key or same content): left alone. */
  alreadyPresent: number;
  dryRun: boolean;
  durationMs: number;
  /** Where the time went: reading and checking the rows, and storing them (ms). */
  timings: { validateMs: number; storeMs: number };
}

/** The organisation that will own the rows: that of a held role allowed to create them. */
function owningOrganisation(viewer: Viewer, resource: Resource): string | null {
  for (const h of viewer.held) if (h.organisationId && can([h.role], 'create', resource)) return h.organisationId;
  return null;
}

class DryRunRollback extends Error {}

export async function runImport(db: Kysely<Database>, viewer: Viewer, file: ImportFile, options: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const resource = IMPORT_RESOURCE[options.kind];
  const roles = viewer.held.map((h) => h.role);
  const pointKind = options.kind === 'incidents' || options.kind === 'unsafe_places' || options.kind === 'vandalism';
  const originOrgId = owningOrganisation(viewer, resource);
  if (!can(roles, 'create', resource) || (pointKind && !originOrgId)) {
    await recordDenied(db, { actor: viewer.actor, resource, municipalityCode: viewer.municipalityCode, reason: 'role', details: { action: 'import', file_name: file.name } });
    throw forbidden();
  }
  const limit = importMaxBytes();
  if (file.bytes.byteLength > limit) throw new ImportTooLargeError(file.bytes.byteLength, limit);

  const fileSha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
  const table = readImportFile(options.kind, file.name, decodeImportText(file.bytes), options.mapping);
  const ctx = await listImportContext(db, viewer.municipalityCode);
  const validated = validateImport(options.kind, table, options, {
    categories: ctx.categories,
    allowedSensitivities: visibleSensitivities({ ...viewer, meetingMode: false }),
    organisations: ctx.organisations,
    areas: ctx.areas,
    originOrgId: pointKind ? originOrgId : null,
  });
  const validatedAt = performance.now();
  const errors = [...validated.errors];
  if (validated.data.kind === 'areas' && errors.length === 0) {
    for (const bad of await listInvalidAreaGeometries(db, validated.data.rows.map((r) => ({ row: r.row, geom: r.geom })))) {
      errors.push({ row: bad.row, column: table.headerOf.get('geometry') ?? 'geometry', message: `the outline is not valid: ${bad.reason}` });
    }
  }
  const keyedKind = validated.data.kind === 'incidents' || validated.data.kind === 'unsafe_places' || validated.data.kind === 'vandalism';
  if (keyedKind && errors.length === 0) {
    const rows = validated.data.rows as readonly { row: number; external_id: string | null; source?: string }[];
    for (const foreign of await listForeignExternalIds(db, validated.data.kind as ExternalIdKind, viewer.municipalityCode, originOrgId, rows)) {
      errors.push({
        row: foreign.row,
        column: table.headerOf.get('external_id') ?? 'external_id',
        message: `external_id "${foreign.external_id}" is already a record of another organisation: an import updates only your organisation's records`,
      });
    }
  }
  const base = {
    kind: options.kind,
    fileName: file.name,
    fileSha256,
    format: table.format,
    delimiter: table.delimiter,
    crs: validated.crs,
    columns: table.columns,
    totalRows: table.rows.length,
    preview: table.rows.slice(0, 5).map((r) => Object.fromEntries([...r.cells].map(([field, v]) => [table.headerOf.get(field) ?? field, v]))),
    dryRun: options.dry_run,
  };
  const mapped = Object.keys(options.mapping).length > 0 ? options.mapping : undefined;
  const details = { file_name: file.name, file_sha256: fileSha256, kind: options.kind, format: table.format, crs: validated.crs, rows: table.rows.length, mapping: mapped };

  if (errors.length > 0) {
    await appendAuditEvent(db, {
      actor: viewer.actor,
      action: 'import.rejected',
      resource,
      municipalityCode: viewer.municipalityCode,
      details: { ...details, error_count: errors.length, dry_run: options.dry_run || undefined },
      resultCount: 0,
    });
    const ms = Math.round(performance.now() - started);
    return { ...base, errors: errors.slice(0, MAX_REPORTED_ERRORS), errorCount: errors.length, added: 0, updated: 0, alreadyPresent: 0, durationMs: ms, timings: { validateMs: ms, storeMs: 0 } };
  }

  const mc = viewer.municipalityCode;
  let ids: UpsertedIds = { added: [], updated: [] };
  try {
    await db.transaction().execute(async (trx) => {
      const data = validated.data;
      switch (data.kind) {
        case 'incidents':
          ids = await insertIncidentRows(trx, mc, originOrgId, data.rows);
          break;
        case 'unsafe_places':
          ids = await insertUnsafePlaceRows(trx, mc, originOrgId, data.rows);
          break;
        case 'vandalism':
          ids = await insertVandalismRows(trx, mc, originOrgId, data.rows);
          break;
        case 'areas':
          ids = await insertAreaRows(trx, mc, data.rows);
          break;
        case 'survey':
          ids = await insertSurveyRows(trx, mc, data.rows);
          break;
      }
      if (options.dry_run) throw new DryRunRollback();
      await appendAuditEvent(trx, {
        actor: viewer.actor,
        action: 'import',
        resource,
        municipalityCode: mc,
        details: {
          ...details,
          added: ids.added.length,
          updated: ids.updated.length,
          already_present: table.rows.length - ids.added.length - ids.updated.length,
          origin_org_id: pointKind ? originOrgId : undefined,
        },
        ids: [...ids.added, ...ids.updated],
      });
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
    await appendAuditEvent(db, {
      actor: viewer.actor,
      action: 'import.dry_run',
      resource,
      municipalityCode: mc,
      details: { ...details, would_add: ids.added.length, would_update: ids.updated.length },
      resultCount: ids.added.length + ids.updated.length,
    });
  }
  const ended = performance.now();
  return {
    ...base,
    errors: [],
    errorCount: 0,
    added: ids.added.length,
    updated: ids.updated.length,
    alreadyPresent: table.rows.length - ids.added.length - ids.updated.length,
    durationMs: Math.round(ended - started),
    timings: { validateMs: Math.round(validatedAt - started), storeMs: Math.round(ended - validatedAt) },
  };
}
