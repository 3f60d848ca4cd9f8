// GET /api/v1/situation/points – incident points of the full map filter (weekday, hour, source, organisation, area) as the packed binary
import { filtersInputFrom, filtersSchema } from '@/lib/schemas/map-filters';
import { getSituationPointPack } from '@/lib/server/situation/get-situation-point-pack';
import { handleRoute } from '../../../_lib/handle-route';
import { pointPackResponse } from '../../../_lib/point-pack-response';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const filters = filtersSchema.parse(filtersInputFrom(new URL(request.url).searchParams));
    return pointPackResponse(request, await getSituationPointPack(filters));
  });
}
