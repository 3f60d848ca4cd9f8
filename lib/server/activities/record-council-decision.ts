import 'server-only';
// Records the council's decision on a proposed activity (meeting, date, decision text) and moves it to
// decided or rejected, in one transaction with its audit event. Who may record it: whoever may update
// activities (the EST group's staff minute the council's decision); council members read it.
import { insertCouncilDecision } from '@/db/queries/pledges/council-decisions';
import { assertReferencesInTenant } from '@/db/queries/entities/references';
import { councilDecisionInputSchema } from '@/lib/schemas/council-loop';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { assertAllowed, type LoopAccess } from '@/lib/server/pledges/loop-access';

export class DecisionRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecisionRefusedError';
  }
}

export async function recordCouncilDecision(access: LoopAccess, input: unknown): Promise<{ id: string; previousStatus: string }> {
  await assertAllowed(access, 'update', 'activity');
  const v = councilDecisionInputSchema.parse(input);
  return access.db.transaction().execute(async (trx) => {
    await assertReferencesInTenant(trx, access.municipalityCode, [{ field: 'meeting_id', table: 'est_meeting', ids: [v.meeting_id] }]);
    const done = await insertCouncilDecision(trx, {
      municipalityCode: access.municipalityCode,
      activityId: v.activity_id,
      meetingId: v.meeting_id,
      meetingName: v.meeting_name,
      decidedOn: v.decided_on,
      outcome: v.outcome,
      decisionText: v.decision_text,
      recordedBy: access.viewer.actor,
    });
    if (!done) throw new DecisionRefusedError('Aktiviteten finns inte eller är redan påbörjad, avslutad eller avbruten: rådets beslut gäller förslag.');
    await appendAuditEvent(trx, {
      actor: access.viewer.actor,
      action: 'create',
      resource: 'council_decision',
      municipalityCode: access.municipalityCode,
      details: { activity_id: v.activity_id, outcome: v.outcome, from_status: done.previousStatus, decided_on: v.decided_on, meeting_id: v.meeting_id },
      ids: [done.id],
    });
    return done;
  });
}
