// POST /api/v1/activities/{id}/decision – record the council's decision (meeting, date, text): decided or rejected
import { recordCouncilDecision } from '@/lib/server/activities/record-council-decision';
import { requireLoopAccess } from '@/lib/server/pledges/loop-access';
import { errorResponse, handleRoute } from '../../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(async () => {
    const access = await requireLoopAccess();
    const { id } = await params;
    const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
    try {
      return Response.json(await recordCouncilDecision(access, { ...body, activity_id: id }), { status: 201 });
    } catch (err) {
      if (err instanceof Error && err.name === 'DecisionRefusedError') return errorResponse(409, 'not_decidable', err.message);
      throw err;
    }
  });
}
