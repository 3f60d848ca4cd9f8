// GET /api/public/figures – every published quarter (latest version), focus-area trends of published cells, published survey results
import { assertNoQueryParameters, getPublicFiguresResponse } from '@/lib/server/public/public-api';
import { handleRoute } from '../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    assertNoQueryParameters(new URL(request.url));
    return getPublicFiguresResponse();
  });
}
