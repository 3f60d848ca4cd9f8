import 'server-only';
import { IMPORT_COLUMNS, IMPORT_KINDS, type ImportColumn, type ImportKind, type ImportOptions } from '@/lib/schemas/import';
import { recordDenied } from '@/lib/server/audit/record-read';
import { forbidden, unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser, type SignedInUser, viewerFor } from '@/lib/server/auth/session';
import { getDb } from '@/lib/server/db';
import { can } from '@/lib/server/permissions/permission-table';
import { viewerRoles } from '@/lib/server/permissions/viewer';
import { getDefaultMunicipalityCode } from '@/lib/server/situation/get-staff-context';
import { IMPORT_RESOURCE, type ImportResult, importMaxBytes, runImport } from './run-import';

/** The kinds this user may import in the municipality (create permission on the kind's resource). */
export function listImportableKinds(user: SignedInUser, municipalityCode: string): ImportKind[] {
  const roles = viewerRoles(viewerFor(user, municipalityCode));
  return IMPORT_KINDS.filter((k) => can(roles, 'create', IMPORT_RESOURCE[k]));
}

export interface ImportSpec {
  municipality: string;
  maxBytes: number;
  kinds: { kind: ImportKind; columns: readonly ImportColumn[] }[];
}

/** GET /api/v1/import: what the signed-in user may import and the documented columns. */
export async function getImportSpecForRequest(): Promise<ImportSpec> {
  const user = await getSignedInUser();
  if (!user) throw unauthorized();
  const municipality = getDefaultMunicipalityCode();
  const kinds = listImportableKinds(user, municipality);
  if (kinds.length === 0) {
    await recordDenied(await getDb(), { actor: user.email, resource: 'incident_point', municipalityCode: municipality, reason: 'role', details: { action: 'import' } });
    throw forbidden();
  }
  return { municipality, maxBytes: importMaxBytes(), kinds: kinds.map((kind) => ({ kind, columns: IMPORT_COLUMNS[kind] })) };
}

/** POST /api/v1/import: one import (or dry run) by the signed-in user. */
export async function importForRequest(file: { name: string; bytes: Uint8Array }, options: ImportOptions): Promise<ImportResult> {
  const user = await getSignedInUser();
  if (!user) throw unauthorized();
  return runImport(await getDb(), viewerFor(user, options.municipality, { meetingMode: false }), file, options);
}
