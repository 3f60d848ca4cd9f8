// GET /api/v1/situation/unsafe-places – unsafe places of the filter as GeoJSON (only those the viewer may see exactly)
import { filtersInputFrom, filtersSchema } from '@/lib/schemas/map-filters';
import { listSituationUnsafePlaces } from '@/lib/server/situation/list-situation-places';
import { handleRoute } from '../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const filters = filtersSchema.parse(filtersInputFrom(new URL(request.url).searchParams));
    return Response.json(await listSituationUnsafePlaces(filters), { headers: { 'content-type': 'application/geo+json', 'cache-control': 'no-store' } });
  });
}
