import 'server-only';
// The activities a viewer may see (scope in SQL), with decisions and reported quarters; audited.
import { type ActivityListRow, listActivities } from '@/db/queries/pledges/list-activities';
import { recordRead } from '@/lib/server/audit/record-read';
import { assertAllowed, type LoopAccess } from '@/lib/server/pledges/loop-access';

export async function listActivitiesFor(access: LoopAccess, filter: { pledgeId?: string } = {}): Promise<ActivityListRow[]> {
  await assertAllowed(access, 'read', 'activity');
  const rows = await listActivities(access.db, { municipalityCode: access.municipalityCode, scope: access.scope, includeInternal: access.includeInternal, pledgeId: filter.pledgeId });
  await recordRead(access.db, access.viewer, { resource: 'activity', filter: { ...filter, scope: access.scope.kind }, ids: rows.map((r) => r.id) });
  return rows;
}
