// GET /api/v1/situation/trend – incidents of the filter per local month (from and to required)
import { filtersSchema, type MapFilters } from '@/lib/schemas/map-filters';
import { getIncidentTrend } from '@/lib/server/situation/get-situation-summary';
import { staffMapFilters } from '../../../_lib/staff-map-filters';
import { handleRoute } from '../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

/** The trend needs its period: the filters with from and to required. */
const trendFiltersSchema = filtersSchema
  .superRefine((f, ctx) => {
    if (!f.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from is required for a trend' });
    if (!f.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to is required for a trend' });
  })
  .transform((f) => f as MapFilters & { from: string; to: string });

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const filters = await staffMapFilters(request, trendFiltersSchema);
    return Response.json(await getIncidentTrend(filters), { headers: { 'cache-control': 'no-store' } });
  });
}
