// POST /api/v1/selection – the records inside a lasso polygon under the map's filters (exact access only)
import { selectionRequestSchema } from '@/lib/schemas/selection';
import { getSelection } from '@/lib/server/selection/get-selection';
import { handleRoute } from '../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const body = selectionRequestSchema.parse(await request.json().catch(() => null));
    return Response.json(await getSelection(body), { headers: { 'cache-control': 'no-store' } });
  });
}
