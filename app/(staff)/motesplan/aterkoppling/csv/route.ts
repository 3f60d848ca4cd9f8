// GET /motesplan/aterkoppling/csv?mote=<id> – the återkoppling after an EST meeting as CSV (partner precision)
import { getFeedbackExport, feedbackCsv } from '@/lib/server/cadence/feedback-export';
import { requireLoopAccess } from '@/lib/server/pledges/loop-access';
import { handleRoute } from '../../../../api/_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const access = await requireLoopAccess();
    const id = new URL(request.url).searchParams.get('mote') ?? '';
    const f = await getFeedbackExport(access, id, 'csv');
    return new Response(feedbackCsv(f), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="aterkoppling-${f.meeting.held_on}.csv"`, 'cache-control': 'no-store' },
    });
  });
}
