import 'server-only';
import type { PoliceFeedImportOptions } from '@/lib/schemas/police-feed';
import { recordDenied } from '@/lib/server/audit/record-read';
import { forbidden, unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser, type SignedInUser, viewerFor } from '@/lib/server/auth/session';
import { getDb } from '@/lib/server/db';
import { can } from '@/lib/server/permissions/permission-table';
import { roleSchema } from '@/lib/schemas/auth';
import { getDefaultMunicipalityCode } from '@/lib/server/situation/get-staff-context';
import { type PoliceFeedImportResult, importPoliceFeed } from './import-police-feed';

/**
 * Before the body is read: signed in (401) and allowed to import the feed in some municipality (403,
 * audited). importPoliceFeed checks the municipality of the request itself again.
 */
export async function requirePoliceFeedImporter(): Promise<SignedInUser> {
  const user = await getSignedInUser();
  if (!user) throw unauthorized();
  if (!user.memberships.some((m) => can([roleSchema.parse(m.role)], 'create', 'police_feed'))) {
    await recordDenied(await getDb(), { actor: user.email, resource: 'police_feed', municipalityCode: getDefaultMunicipalityCode(), reason: 'role', details: { action: 'import' } });
    throw forbidden();
  }
  return user;
}

/** POST /api/v1/import/police-feed: one feed import (or dry run) by the signed-in user. */
export async function importPoliceFeedForRequest(user: SignedInUser, file: { name: string; bytes: Uint8Array }, options: PoliceFeedImportOptions): Promise<PoliceFeedImportResult> {
  return importPoliceFeed(await getDb(), viewerFor(user, options.municipality, { meetingMode: false }), file, {
    dryRun: options.dry_run,
    format: options.format === 'auto' ? undefined : options.format,
  });
}
