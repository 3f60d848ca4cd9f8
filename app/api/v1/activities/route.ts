// GET /api/v1/activities – the activities the viewer may see (a partner: its own organisation's), ?pledge_id=
// POST /api/v1/activities – propose an activity (EST group; status is always 'proposed')
import { z } from 'zod';
import { listActivitiesFor } from '@/lib/server/activities/list-activities-for';
import { proposeActivity } from '@/lib/server/activities/manage-activities';
import { requireLoopAccess } from '@/lib/server/pledges/loop-access';
import { handleRoute } from '../../_lib/handle-route';

export const dynamic = 'force-dynamic';

const querySchema = z.object({ pledge_id: z.guid({ error: 'pledge_id must be a UUID' }).optional() });

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const access = await requireLoopAccess();
    const q = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    return Response.json({ activities: await listActivitiesFor(access, { pledgeId: q.pledge_id }) }, { headers: { 'cache-control': 'no-store' } });
  });
}

export async function POST(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const access = await requireLoopAccess();
    return Response.json(await proposeActivity(access, await request.json().catch(() => ({}))), { status: 201 });
  });
}
