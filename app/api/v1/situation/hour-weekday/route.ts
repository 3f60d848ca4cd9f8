// GET /api/v1/situation/hour-weekday – incidents of the filter per ISO weekday and hour (Stockholm time), a full 7 × 24 matrix
import { buildHourWeekdayMatrix } from '@/lib/map/hour-weekday-matrix';
import { getHourWeekdayCounts } from '@/lib/server/situation/get-hour-weekday-matrix';
import { staffMapFilters } from '../../../_lib/staff-map-filters';
import { handleRoute } from '../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const filters = await staffMapFilters(request);
    const matrix = buildHourWeekdayMatrix(await getHourWeekdayCounts(filters));
    return Response.json(matrix, { headers: { 'cache-control': 'no-store' } });
  });
}
