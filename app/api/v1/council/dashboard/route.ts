// GET /api/v1/council/dashboard?quarter=2026-Q3 – the council dashboard's figures (council-precision aggregates only)
import { councilQuerySchema, requireCouncilApiViewer } from '@/lib/server/council/council-access';
import { getCouncilDashboard } from '@/lib/server/council/get-council-dashboard';
import { handleRoute } from '../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const now = new Date();
    const viewer = await requireCouncilApiViewer('read');
    const { quarter } = councilQuerySchema(now).parse(Object.fromEntries(new URL(request.url).searchParams));
    return Response.json(await getCouncilDashboard(viewer, { quarter, now, view: 'api' }), { headers: { 'cache-control': 'no-store' } });
  });
}
