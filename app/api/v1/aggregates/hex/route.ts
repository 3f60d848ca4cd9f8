// GET /api/v1/aggregates/hex – suppressed incident counts on fixed 500 m hexagons (no points) for the map filter
import { filtersInputFrom, filtersSchema } from '@/lib/schemas/map-filters';
import { getHexAggregates } from '@/lib/server/situation/get-hex-aggregates';
import { handleRoute } from '../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const filters = filtersSchema.parse(filtersInputFrom(new URL(request.url).searchParams));
    return Response.json(await getHexAggregates(filters), { headers: { 'cache-control': 'no-store' } });
  });
}
