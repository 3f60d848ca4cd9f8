// GET /api/v1/council/csv?chart=trend-quarterly&quarter=2026-Q3 – one dashboard chart's table as CSV (audited export)
import { z } from 'zod';
import { councilQuerySchema, requireCouncilApiViewer } from '@/lib/server/council/council-access';
import { buildDashboardCsv, DASHBOARD_CHARTS } from '@/lib/server/council/dashboard-csv';
import { getCouncilDashboard } from '@/lib/server/council/get-council-dashboard';
import { handleRoute } from '../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

const chartSchema = z.object({ chart: z.enum(DASHBOARD_CHARTS, { error: `chart must be one of ${DASHBOARD_CHARTS.join(', ')}` }) });

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const now = new Date();
    const viewer = await requireCouncilApiViewer('export');
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const { chart } = chartSchema.parse(params);
    const { quarter } = councilQuerySchema(now).parse({ quarter: params.quarter });
    const dto = await getCouncilDashboard(viewer, { quarter, now, view: 'csv', chart });
    // A byte-order mark so spreadsheet programs read the Swedish letters as UTF-8.
    return new Response(`\uFEFF${buildDashboardCsv(dto, chart)}`, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="lagesbild-${chart}-${quarter}.csv"`,
        'cache-control': 'no-store',
      },
    });
  });
}
