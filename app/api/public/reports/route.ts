// GET /api/public/reports – moderated citizen-report pins (GeoJSON): category, public text, status and its date
import { assertNoQueryParameters, getPublicReportPinsResponse } from '@/lib/server/public/public-api';
import { handleRoute } from '../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    assertNoQueryParameters(new URL(request.url));
    return getPublicReportPinsResponse();
  });
}
