// GET /api/public/pledges – this year's focus areas (GeoJSON), pledges and approved activity summaries
import { assertNoQueryParameters, getPublicPledgesResponse } from '@/lib/server/public/public-api';
import { handleRoute } from '../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    assertNoQueryParameters(new URL(request.url));
    return getPublicPledgesResponse();
  });
}
