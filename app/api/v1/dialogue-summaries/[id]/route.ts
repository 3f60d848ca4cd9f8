// PATCH /api/v1/dialogue-summaries/:id – correct a dialogue summary (the roles that may add one; every field the form writes)
import { editDialogueSummaryForRequest } from '@/lib/server/dialogue/dialogue-for-request';
import { getSignedInUser } from '@/lib/server/auth/session';
import { unauthorized } from '@/lib/server/auth/errors';
import { handleRoute } from '../../../_lib/handle-route';
import { readJsonBody } from '../../../_lib/read-json-body';

export const dynamic = 'force-dynamic';

export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(async () => {
    const { id } = await params;
    // Sign-in first: a signed-out caller learns nothing about the body's shape or the summary.
    if (!(await getSignedInUser())) throw unauthorized();
    const body = await readJsonBody(request);
    return Response.json({ summary: await editDialogueSummaryForRequest(id, body) }, { headers: { 'cache-control': 'no-store' } });
  });
}
