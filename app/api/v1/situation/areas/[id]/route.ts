// GET /api/v1/situation/areas/:id – the map's area panel: survey results and counts under the map filter
import { getAreaPanel } from '@/lib/server/situation/get-area-panel';
import { staffMapFilters } from '../../../../_lib/staff-map-filters';
import { handleRoute } from '../../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(async () => {
    const { id } = await context.params;
    const filters = await staffMapFilters(request);
    return Response.json(await getAreaPanel(id, filters), { headers: { 'cache-control': 'no-store' } });
  });
}
