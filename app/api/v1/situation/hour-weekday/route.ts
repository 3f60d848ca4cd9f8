// GET /api/v1/situation/hour-weekday – incidents of the filter per ISO weekday and hour (Stockholm time), a full 7 × 24 matrix
import { buildHourWeekdayMatrix } from '@/lib/map/hour-weekday-matrix';
import { filtersInputFrom, filtersSchema } from '@/lib/schemas/map-filters';
import { getHourWeekdayCounts } from '@/lib/server/situation/get-hour-weekday-matrix';
import { handleRoute } from '../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const filters = filtersSchema.parse(filtersInputFrom(new URL(request.url).searchParams));
    const matrix = buildHourWeekdayMatrix(await getHourWeekdayCounts(filters));
    return Response.json(matrix, { headers: { 'cache-control': 'no-store' } });
  });
}
