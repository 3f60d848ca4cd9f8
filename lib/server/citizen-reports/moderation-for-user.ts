import 'server-only';
// The moderation queue for the signed-in user of a staff page or route, in the configured municipality.
import { appendAuditEvent } from '../audit/append-audit-event';
import type { SignedInUser } from '../auth/session';
import { viewerFor } from '../auth/session';
import { getDb } from '../db';
import { can } from '../permissions/permission-table';
import { type Viewer, viewerRoles } from '../permissions/viewer';
import { getDefaultMunicipalityCode } from '../situation/get-staff-context';
import { getModerationPhoto, listModerationQueue, moderateCitizenReport, type QueueReport } from './moderate-citizen-report';

export function moderationViewer(user: SignedInUser): Viewer {
  return viewerFor(user, getDefaultMunicipalityCode());
}

/** Whether the user's roles may read the queue (for the navigation link). */
export function mayModerate(user: SignedInUser): boolean {
  return can(viewerRoles(moderationViewer(user)), 'read', 'citizen_report');
}

/** The queue, or null (the attempt audited) when the user's roles do not allow it. */
export async function getModerationQueueForUser(user: SignedInUser, now: Date): Promise<{ pending: QueueReport[]; handled: QueueReport[] } | null> {
  const viewer = moderationViewer(user);
  const db = await getDb();
  if (!can(viewerRoles(viewer), 'read', 'citizen_report')) {
    await appendAuditEvent(db, { actor: viewer.actor, action: 'denied', resource: 'citizen_report', municipalityCode: viewer.municipalityCode, details: { what: 'read queue' } });
    return null;
  }
  return listModerationQueue(db, viewer, now);
}

export async function moderateAsUser(user: SignedInUser, input: unknown, now: Date) {
  return moderateCitizenReport(await getDb(), moderationViewer(user), input, now);
}

export async function getModerationPhotoForUser(user: SignedInUser, reportId: string) {
  return getModerationPhoto(await getDb(), moderationViewer(user), reportId);
}
