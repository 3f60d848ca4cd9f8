import 'server-only';
// EST meetings for the year view and the decision form; the group's notes stay out (only whether there are any).
import { type EstMeetingListRow, listEstMeetings } from '@/db/queries/cadence/est-meetings';
import { recordRead } from '@/lib/server/audit/record-read';
import { allows, type LoopAccess } from '@/lib/server/pledges/loop-access';

export async function listEstMeetingsFor(access: LoopAccess, o: { year: number | null }): Promise<EstMeetingListRow[]> {
  if (!allows(access, 'read', 'est_meeting')) return [];
  const rows = await listEstMeetings(access.db, { municipalityCode: access.municipalityCode, year: o.year });
  await recordRead(access.db, access.viewer, { resource: 'est_meeting', filter: { year: o.year }, ids: rows.map((r) => r.id) });
  return rows;
}
