// GET /api/public/citizen-reports/:token – a reporter's view of their report: category, dates, public status and public text
import { getCitizenReportStatus } from '@/lib/server/public/get-citizen-report-status';
import { HttpError } from '@/lib/server/public/public-errors';
import { handleRoute } from '../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  return handleRoute(async () => {
    const status = await getCitizenReportStatus((await params).token);
    if (!status) throw new HttpError(404, 'not_found', 'No report was found for this link.');
    return Response.json(status, { headers: { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });
  });
}
