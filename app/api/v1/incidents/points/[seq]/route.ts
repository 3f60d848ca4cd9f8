// GET /api/v1/incidents/points/:seq – the incident behind a map point (the pack's id), if the viewer may see it exactly (else 404)
import { getIncidentDetailBySeq } from '@/lib/server/situation/get-incident-by-seq';
import { handleRoute } from '../../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ seq: string }> };

export async function GET(_request: Request, { params }: Params): Promise<Response> {
  return handleRoute(async () => {
    const { seq } = await params;
    return Response.json(await getIncidentDetailBySeq(seq), { headers: { 'cache-control': 'no-store' } });
  });
}
