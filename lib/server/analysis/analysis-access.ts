import 'server-only';
// Who may analyse: the permission table's `analysis` resource (police and municipality), checked in every
// analysis function before anything is read; denials are audited. What they analyse is only what they may
// see exactly (whereExactAccess in the SQL of every read, meeting mode included).
import type { Kysely } from 'kysely';
import { ConstraintViolationError, InvalidReferenceError } from '@/db/queries/entities';
import type { Database } from '@/db/schema';
import { recordDenied } from '@/lib/server/audit/record-read';
import { forbidden, unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser, viewerFor } from '@/lib/server/auth/session';
import { getDb } from '@/lib/server/db';
import { type Action, can, type Resource } from '@/lib/server/permissions/permission-table';
import { type Viewer, viewerRoles } from '@/lib/server/permissions/viewer';

/** Throws 403 (audited) unless the viewer's roles allow the action. */
export async function assertAnalysisPermission(db: Kysely<Database>, viewer: Viewer, action: Action, resource: Resource = 'analysis'): Promise<void> {
  if (can(viewerRoles(viewer), action, resource)) return;
  await recordDenied(db, { actor: viewer.actor, resource, municipalityCode: viewer.municipalityCode, reason: 'role', details: { action } });
  throw forbidden();
}

/** The signed-in viewer of a municipality for a request (401 when signed out, 403 without the permission). */
export async function requireAnalysisViewer(municipalityCode: string, action: Action = 'read', resource: Resource = 'analysis'): Promise<{ db: Kysely<Database>; viewer: Viewer }> {
  const user = await getSignedInUser();
  if (!user) throw unauthorized();
  const db = await getDb();
  const viewer = viewerFor(user, municipalityCode);
  await assertAnalysisPermission(db, viewer, action, resource);
  return { db, viewer };
}

/** A refused reference or constraint as a 400 body (field and message), or null for any other error. */
export function describeInputError(err: unknown): { code: string; message: string; field: string | null } | null {
  if (err instanceof InvalidReferenceError) return { code: 'invalid_reference', message: err.message, field: err.field };
  if (err instanceof ConstraintViolationError) return { code: 'constraint_violation', message: err.message, field: null };
  return null;
}
