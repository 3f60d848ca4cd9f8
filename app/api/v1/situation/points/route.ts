// GET /api/v1/situation/points – incident points of the full map filter (weekday, hour, source, organisation, area) as the packed binary
import { POINT_PACK_CONTENT_TYPE } from '@/lib/map/point-pack';
import { filtersInputFrom, filtersSchema } from '@/lib/schemas/map-filters';
import { getSituationPointPack } from '@/lib/server/situation/get-situation-point-pack';
import { handleRoute } from '../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const filters = filtersSchema.parse(filtersInputFrom(new URL(request.url).searchParams));
    const pack = await getSituationPointPack(filters);
    return new Response(new Blob([pack.body as Uint8Array<ArrayBuffer>]), {
      headers: {
        'content-type': POINT_PACK_CONTENT_TYPE,
        'cache-control': 'no-store',
        'x-point-count': String(pack.count),
        'x-truncated': pack.truncated ? '1' : '0',
      },
    });
  });
}
