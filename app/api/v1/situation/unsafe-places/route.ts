// GET /api/v1/situation/unsafe-places – unsafe places of the filter as GeoJSON (only those the viewer may see exactly)
import { listSituationUnsafePlaces } from '@/lib/server/situation/list-situation-places';
import { staffMapFilters } from '../../../_lib/staff-map-filters';
import { handleRoute } from '../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const filters = await staffMapFilters(request);
    return Response.json(await listSituationUnsafePlaces(filters), { headers: { 'content-type': 'application/geo+json', 'cache-control': 'no-store' } });
  });
}
