// GET /api/v1/situation/areas/:id – the map's area panel: survey results and counts under the map filter
import { filtersInputFrom, filtersSchema } from '@/lib/schemas/map-filters';
import { getAreaPanel } from '@/lib/server/situation/get-area-panel';
import { handleRoute } from '../../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(async () => {
    const { id } = await context.params;
    const filters = filtersSchema.parse(filtersInputFrom(new URL(request.url).searchParams));
    return Response.json(await getAreaPanel(id, filters), { headers: { 'cache-control': 'no-store' } });
  });
}
