import 'server-only';
// Who may do what in the council loop (pledges, activities, decisions, follow-ups): the permission
// table decides the action; the scope of activities and whether free text is shown follow the role
// (DESIGN.md §2): the EST group sees everything, the council everything but free text, a partner only
// the activities its organisation owns or partners in.
import type { Kysely } from 'kysely';
import type { ActivityScope } from '@/db/queries/pledges/activity-scope';
import type { Database } from '@/db/schema';
import { recordDenied } from '@/lib/server/audit/record-read';
import { ZodError } from 'zod';
import { ConstraintViolationError, InvalidReferenceError } from '@/db/queries/entities/errors';
import { forbidden, HttpError, unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser, requireStaffUser, type SignedInUser, viewerFor } from '@/lib/server/auth/session';
import { type Action, can, type Resource } from '@/lib/server/permissions/permission-table';
import { type Viewer, viewerRoles } from '@/lib/server/permissions/viewer';
import { getDb } from '@/lib/server/db';
import { getTranslator, type Translate } from '@/lib/i18n/translate';
import { getDefaultMunicipalityCode } from '@/lib/server/situation/get-staff-context';

export interface LoopAccess {
  db: Kysely<Database>;
  user: SignedInUser;
  viewer: Viewer;
  municipalityCode: string;
  /** Police or municipality in this municipality: the EST group. */
  est: boolean;
  scope: ActivityScope;
  /** Internal notes and follow-up texts: not for the council. */
  includeInternal: boolean;
  /** The organisations the user acts for here (memberships with an organisation). */
  organisationIds: string[];
}

export function loopAccessFor(db: Kysely<Database>, user: SignedInUser, municipalityCode = getDefaultMunicipalityCode()): LoopAccess {
  const viewer = viewerFor(user, municipalityCode);
  const roles = viewerRoles(viewer);
  const est = roles.includes('police') || roles.includes('municipality');
  const organisationIds = [...new Set(viewer.held.map((h) => h.organisationId).filter((id): id is string => id !== null))];
  const partnerOrgs = [...new Set(viewer.held.filter((h) => h.role === 'partner' && h.organisationId).map((h) => h.organisationId!))];
  const seesAll = est || roles.includes('council');
  return {
    db,
    user,
    viewer,
    municipalityCode,
    est,
    scope: seesAll ? { kind: 'all' } : { kind: 'organisations', organisationIds: partnerOrgs },
    includeInternal: est || (!seesAll && partnerOrgs.length > 0),
    organisationIds,
  };
}

/** True when the viewer's roles allow the action on the resource. */
export function allows(access: LoopAccess, action: Action, resource: Resource): boolean {
  return can(viewerRoles(access.viewer), action, resource);
}

/** Throws 403 (audited) unless the roles allow the action. */
export async function assertAllowed(access: LoopAccess, action: Action, resource: Resource): Promise<void> {
  if (allows(access, action, resource)) return;
  await recordDenied(access.db, { actor: access.viewer.actor, resource, municipalityCode: access.municipalityCode, reason: `role may not ${action}` });
  throw forbidden();
}

/** For route handlers: the signed-in user's access, or 401. */
export async function requireLoopAccess(): Promise<LoopAccess> {
  const user = await getSignedInUser();
  if (!user) throw unauthorized();
  return loopAccessFor(await getDb(), user);
}

/** For pages: the signed-in user's access (sign-in redirect otherwise); null when the roles may not read the resource. */
export async function getPageLoopAccess(path: string, resource: Resource): Promise<LoopAccess | null> {
  const user = await requireStaffUser(path);
  const access = loopAccessFor(await getDb(), user);
  if (allows(access, 'read', resource)) return access;
  await recordDenied(access.db, { actor: access.viewer.actor, resource, municipalityCode: access.municipalityCode, reason: 'role may not read (page)' });
  return null;
}

/** For server actions: the access of the signed-in user, or null when signed out (the action redirects to sign-in). */
export async function findLoopAccess(): Promise<LoopAccess | null> {
  const user = await getSignedInUser();
  return user ? loopAccessFor(await getDb(), user) : null;
}

/** The municipality's organisations (for the owner/partner pickers). */
export async function listLoopOrganisations(access: LoopAccess): Promise<{ id: string; name: string; kind: string }[]> {
  return access.db.selectFrom('organisation').select(['id', 'name', 'kind']).where('municipality_code', '=', access.municipalityCode).orderBy('name').execute();
}

/** A readable message for an error a loop action may expect (bad input, refused, not found); null for the rest. */
export function describeLoopError(err: unknown, t: Translate = getTranslator('sv')): string | null {
  if (err instanceof ZodError) return err.issues.map((i) => `${i.path.join('.') || t('loop.error.input')}: ${i.message}`).join('; ');
  if (err instanceof HttpError) return err.status === 403 ? t('loop.error.forbidden') : err.status === 404 ? t('loop.error.notFound') : err.message;
  if (err instanceof InvalidReferenceError || err instanceof ConstraintViolationError) return err.message;
  if (err instanceof Error && /RefusedError$/.test(err.name)) return err.message;
  return null;
}
