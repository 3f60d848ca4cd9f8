import 'server-only';
// An organisation reports its quarterly follow-up on an activity it owns or partners in (status,
// indicator value, what was done). A partner's scope is checked in SQL in the same statement's guard:
// another organisation's activity is "not found". The EST group may report on any activity.
import { sql } from 'kysely';
import { upsertFollowUp } from '@/db/queries/pledges/follow-ups';
import { followUpReportInputSchema } from '@/lib/schemas/council-loop';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { recordDenied } from '@/lib/server/audit/record-read';
import { notFound } from '@/lib/server/auth/errors';
import { assertAllowed, type LoopAccess } from '@/lib/server/pledges/loop-access';

export async function reportFollowUp(access: LoopAccess, input: unknown): Promise<{ id: string; created: boolean }> {
  await assertAllowed(access, 'create', 'follow_up');
  const v = followUpReportInputSchema.parse(input);
  if (v.organisation_id !== null && !access.organisationIds.includes(v.organisation_id)) {
    await recordDenied(access.db, { actor: access.viewer.actor, resource: 'follow_up', municipalityCode: access.municipalityCode, reason: 'reports only for own organisation' });
    throw notFound('The activity');
  }
  // Reporting for: the chosen organisation, else the viewer's organisation that takes part, else their first.
  const scope = access.est ? ({ kind: 'all' } as const) : access.scope;
  const result = await access.db.transaction().execute(async (trx) => {
    const taking = await trx
      .selectFrom('activity')
      .select(['owner_org_id'])
      .select(sql<string[]>`ARRAY(SELECT p.organisation_id::text FROM activity_partner p WHERE p.activity_id = activity.id)`.as('partner_ids'))
      .where('municipality_code', '=', access.municipalityCode)
      .where('id', '=', v.activity_id)
      .executeTakeFirst();
    const involved = taking ? [taking.owner_org_id, ...(taking.partner_ids ?? [])] : [];
    const reportedByOrgId = v.organisation_id ?? access.organisationIds.find((o) => involved.includes(o)) ?? access.organisationIds[0] ?? null;
    const written = await upsertFollowUp(trx, {
      municipalityCode: access.municipalityCode,
      activityId: v.activity_id,
      quarter: v.quarter,
      status: v.status,
      indicatorValue: v.indicator_value,
      note: v.note,
      reportedByOrgId,
      reportedBy: access.viewer.actor,
      scope,
    });
    if (!written) return null;
    await appendAuditEvent(trx, {
      actor: access.viewer.actor,
      action: written.created ? 'create' : 'update',
      resource: 'follow_up',
      municipalityCode: access.municipalityCode,
      details: { activity_id: v.activity_id, quarter: v.quarter, status: v.status, organisation_id: reportedByOrgId },
      ids: [written.id],
    });
    return written;
  });
  if (!result) {
    // Outside the transaction: the denial is logged even though nothing was written.
    await recordDenied(access.db, { actor: access.viewer.actor, resource: 'follow_up', municipalityCode: access.municipalityCode, reason: 'activity not in scope', details: { activity_id: v.activity_id } });
    throw notFound('The activity');
  }
  return result;
}
