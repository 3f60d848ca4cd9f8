// GET /api/v1/situation/vandalism – vandalism reports of the filter as GeoJSON (only those the viewer may see exactly)
import { listSituationVandalism } from '@/lib/server/situation/list-situation-places';
import { staffMapFilters } from '../../../_lib/staff-map-filters';
import { handleRoute } from '../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const filters = await staffMapFilters(request);
    return Response.json(await listSituationVandalism(filters), { headers: { 'content-type': 'application/geo+json', 'cache-control': 'no-store' } });
  });
}
