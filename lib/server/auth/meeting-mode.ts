import 'server-only';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { getDb } from '@/lib/server/db';
import { getSignedInUser } from './session';

/** Logs who turned meeting mode on or off (signed-out toggles are ignored: they change nothing). */
export async function recordMeetingMode(on: boolean): Promise<void> {
  const user = await getSignedInUser();
  if (!user) return;
  await appendAuditEvent(await getDb(), { actor: user.email, action: 'update', resource: 'session', details: { meeting_mode: on } });
}
