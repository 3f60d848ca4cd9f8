import 'server-only';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { getDb } from '@/lib/server/db';
import { defaultPeriod, getDefaultMunicipalityCode } from '@/lib/server/situation/get-staff-context';
import { recordMeetingModeOnEstMeeting } from '@/lib/server/situation/record-meeting-on-est';
import { getSignedInUser, viewerFor } from './session';

/**
 * Logs who turned meeting mode on or off (signed-out toggles are ignored: they change nothing); turning
 * it on also records on today's EST meeting that it ran in meeting mode (created if there is none).
 */
export async function recordMeetingMode(on: boolean): Promise<void> {
  const user = await getSignedInUser();
  if (!user) return;
  const db = await getDb();
  await appendAuditEvent(db, { actor: user.email, action: 'update', resource: 'session', details: { meeting_mode: on } });
  if (on) await recordMeetingModeOnEstMeeting(db, viewerFor(user, getDefaultMunicipalityCode()), defaultPeriod(new Date()).to);
}
