// GET /api/v1/situation/trend – incidents of the filter per local month (from and to required)
import { z } from 'zod';
import { filtersInputFrom, filtersSchema } from '@/lib/schemas/map-filters';
import { getIncidentTrend } from '@/lib/server/situation/get-situation-summary';
import { handleRoute } from '../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

const periodSchema = z.object({ from: z.string(), to: z.string() });

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const filters = filtersSchema.parse(filtersInputFrom(new URL(request.url).searchParams));
    const period = periodSchema.parse(filters);
    return Response.json(await getIncidentTrend({ ...filters, ...period }), { headers: { 'cache-control': 'no-store' } });
  });
}
