// GET /api/v1/follow-ups?quarter=YYYY-Qn – activities that have not reported the quarter (a partner: its own)
// POST /api/v1/follow-ups – report a quarterly follow-up (status, indicator value, what was done)
import { listUnreportedFor } from '@/lib/server/activities/list-unreported-for';
import { reportFollowUp } from '@/lib/server/activities/report-follow-up';
import { requireLoopAccess } from '@/lib/server/pledges/loop-access';
import { handleRoute } from '../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const access = await requireLoopAccess();
    const quarter = new URL(request.url).searchParams.get('quarter');
    return Response.json({ quarter, unreported: await listUnreportedFor(access, { quarter }) }, { headers: { 'cache-control': 'no-store' } });
  });
}

export async function POST(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const access = await requireLoopAccess();
    const r = await reportFollowUp(access, await request.json().catch(() => ({})));
    return Response.json(r, { status: r.created ? 201 : 200 });
  });
}
