// GET /api/v1/aggregates/exact – exact incident counts per hexagon (cell = edge in metres) of what the viewer may see, for the map below street zoom
import { z } from 'zod';
import { EXACT_CELL_SIZES_M } from '@/lib/map/viewport-tiles';
import { filtersInputFrom, filtersSchema } from '@/lib/schemas/map-filters';
import { unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser } from '@/lib/server/auth/session';
import { getExactAggregates } from '@/lib/server/situation/get-exact-aggregates';
import { handleRoute } from '../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

const cellSchema = z.object({
  cell: z.coerce
    .number()
    .refine((n) => EXACT_CELL_SIZES_M.includes(n), `cell must be one of ${EXACT_CELL_SIZES_M.join(', ')} (metres)`),
});

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    // Signed out: 401 before any validation detail (the parameters' rules are not public).
    if (!(await getSignedInUser())) throw unauthorized();
    const params = filtersInputFrom(new URL(request.url).searchParams);
    const filters = filtersSchema.parse(params);
    const { cell } = cellSchema.parse(params);
    return Response.json(await getExactAggregates(filters, cell), { headers: { 'cache-control': 'private, no-store' } });
  });
}
