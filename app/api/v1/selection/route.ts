// POST /api/v1/selection – the records inside a lasso polygon under the map's filters (exact access only)
import { SELECTION_BODY_LIMIT_BYTES, selectionRequestSchema } from '@/lib/schemas/selection';
import { getSelection } from '@/lib/server/selection/get-selection';
import { handleRoute } from '../../_lib/handle-route';
import { readJsonBody } from '../../_lib/read-json-body';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const body = selectionRequestSchema.parse(await readJsonBody(request, SELECTION_BODY_LIMIT_BYTES));
    return Response.json(await getSelection(body), { headers: { 'cache-control': 'no-store' } });
  });
}
