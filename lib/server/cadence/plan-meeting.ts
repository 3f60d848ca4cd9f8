import 'server-only';
// Putting an EST meeting in the year view (a date still to come is a planned meeting; once the date
// has passed it counts as held). Notes and decisions are written elsewhere (the meeting itself).
import { createEstMeeting } from '@/db/queries/entities/est-meeting';
import { estMeetingInputSchema } from '@/lib/schemas/entities/est-meeting';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { assertAllowed, type LoopAccess } from '@/lib/server/pledges/loop-access';

export async function planEstMeeting(access: LoopAccess, input: unknown): Promise<{ id: string }> {
  await assertAllowed(access, 'create', 'est_meeting');
  const v = estMeetingInputSchema.parse(input);
  return access.db.transaction().execute(async (trx) => {
    const m = await createEstMeeting(trx, access.municipalityCode, v);
    await appendAuditEvent(trx, { actor: access.viewer.actor, action: 'create', resource: 'est_meeting', municipalityCode: access.municipalityCode, details: { held_on: v.held_on, kind: v.kind }, ids: [m.id] });
    return { id: m.id };
  });
}
