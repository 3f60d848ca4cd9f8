import 'server-only';
// Who may read the council dashboard and report: the roles with 'report' in the permission table
// (council, police, municipality). Pages answer 404 to others (signed-out visitors go to sign-in);
// routes answer 401/403. Every denial is audited.
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { recordDenied } from '@/lib/server/audit/record-read';
import { forbidden, unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser, requireStaffUser, viewerFor } from '@/lib/server/auth/session';
import { getDb } from '@/lib/server/db';
import { type Action, can } from '@/lib/server/permissions/permission-table';
import { type Viewer, viewerRoles } from '@/lib/server/permissions/viewer';
import { getDefaultMunicipalityCode } from '@/lib/server/situation/get-staff-context';
import { getLastClosedQuarter, isClosedQuarter } from './build-council-dashboard';

/** `?quarter=2026-Q3`: a closed quarter; absent means the last closed one. */
export function councilQuerySchema(now: Date) {
  return z.object({
    quarter: z
      .string()
      .regex(/^\d{4}-Q[1-4]$/, { error: 'quarter must look like 2026-Q3' })
      .refine((q) => Number(q.slice(0, 4)) >= 2000, { error: 'quarter must be 2000 or later' })
      .refine((q) => isClosedQuarter(q, now), { error: 'quarter has not closed yet: the dashboard shows closed quarters only' })
      .default(getLastClosedQuarter(now)),
  });
}

/** For pages: the viewer allowed to `action` the report, else sign-in (signed out) or 404. */
export async function requireCouncilPageViewer(nextPath: string, action: Action = 'read'): Promise<Viewer> {
  const user = await requireStaffUser(nextPath);
  const viewer = viewerFor(user, getDefaultMunicipalityCode());
  if (!can(viewerRoles(viewer), action, 'report')) {
    await recordDenied(await getDb(), { actor: viewer.actor, resource: 'report', municipalityCode: viewer.municipalityCode, reason: 'role', details: { path: nextPath } });
    notFound();
  }
  return viewer;
}

/** For routes: the viewer allowed to `action` the report, else 401 / 403 (audited). */
export async function requireCouncilApiViewer(action: Action): Promise<Viewer> {
  const user = await getSignedInUser();
  if (!user) throw unauthorized();
  const viewer = viewerFor(user, getDefaultMunicipalityCode());
  if (!can(viewerRoles(viewer), action, 'report')) {
    await recordDenied(await getDb(), { actor: viewer.actor, resource: 'report', municipalityCode: viewer.municipalityCode, reason: 'role', details: { action } });
    throw forbidden();
  }
  return viewer;
}
