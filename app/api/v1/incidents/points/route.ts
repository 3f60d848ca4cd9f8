// GET /api/v1/incidents/points – incident points of the filter as a compact binary (lib/map/point-pack.ts)
import { filtersInputFrom, filtersSchema } from '@/lib/schemas/map-filters';
import { unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser } from '@/lib/server/auth/session';
import { getIncidentPointPack } from '@/lib/server/situation/get-incident-point-pack';
import { handleRoute } from '../../../_lib/handle-route';
import { pointPackResponse } from '../../../_lib/point-pack-response';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    // Signed out: 401 before any validation detail (the parameters' rules are not public).
    const user = await getSignedInUser();
    if (!user) throw unauthorized();
    const filters = filtersSchema.parse(filtersInputFrom(new URL(request.url).searchParams));
    // The user looked up once per request (the session, roles and user row are three queries).
    return pointPackResponse(request, await getIncidentPointPack(filters, user));
  });
}
