import 'server-only';
// One activity with its decisions and follow-ups, if the viewer's scope includes it (else 404).
import { type CouncilDecisionRow, listCouncilDecisions } from '@/db/queries/pledges/council-decisions';
import { type FollowUpRow, listFollowUps } from '@/db/queries/pledges/follow-ups';
import { type ActivityListRow, listActivities } from '@/db/queries/pledges/list-activities';
import { uuidSchema } from '@/lib/schemas/common';
import { recordRead } from '@/lib/server/audit/record-read';
import { notFound } from '@/lib/server/auth/errors';
import { assertAllowed, type LoopAccess } from '@/lib/server/pledges/loop-access';

export interface ActivityDetail {
  activity: ActivityListRow;
  decisions: CouncilDecisionRow[];
  followUps: FollowUpRow[];
  /** The viewer's organisations that take part (owner or partner): they may report. */
  reportingOrganisationIds: string[];
}

export async function getActivityDetail(access: LoopAccess, id: string): Promise<ActivityDetail> {
  await assertAllowed(access, 'read', 'activity');
  if (!uuidSchema.safeParse(id).success) throw notFound('The activity');
  const [activity] = await listActivities(access.db, { municipalityCode: access.municipalityCode, scope: access.scope, includeInternal: access.includeInternal, activityId: id });
  if (!activity) throw notFound('The activity');
  const decisions = await listCouncilDecisions(access.db, { municipalityCode: access.municipalityCode, activityId: id });
  const followUps = await listFollowUps(access.db, { municipalityCode: access.municipalityCode, activityId: id, includeNotes: access.includeInternal });
  await recordRead(access.db, access.viewer, { resource: 'activity', filter: { id }, ids: [id] });
  const taking = new Set([activity.owner_org_id, ...activity.partner_org_ids]);
  return { activity, decisions, followUps, reportingOrganisationIds: access.organisationIds.filter((o) => taking.has(o)) };
}
