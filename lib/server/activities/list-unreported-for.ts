import 'server-only';
// Who has not reported the quarter's follow-up: every organisation for the EST group (the security
// coordinator's list), the viewer's own activities for a partner. Audited.
import { listUnreported, type UnreportedRow } from '@/db/queries/pledges/follow-ups';
import { quarterQuerySchema } from '@/lib/schemas/council-loop';
import { recordRead } from '@/lib/server/audit/record-read';
import { assertAllowed, type LoopAccess } from '@/lib/server/pledges/loop-access';

export async function listUnreportedFor(access: LoopAccess, input: { quarter: unknown }): Promise<UnreportedRow[]> {
  await assertAllowed(access, 'read', 'follow_up');
  const { quarter } = quarterQuerySchema.parse(input);
  const rows = await listUnreported(access.db, { municipalityCode: access.municipalityCode, quarter, scope: access.scope });
  await recordRead(access.db, access.viewer, { resource: 'follow_up_unreported', filter: { quarter }, ids: rows.map((r) => r.activity_id) });
  return rows;
}
