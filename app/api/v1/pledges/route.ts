// GET /api/v1/pledges – pledges per year with focus areas, partners and activities by status (?year=)
// POST /api/v1/pledges – create a pledge (EST group)
import { z } from 'zod';
import { createPledgeAs, listPledgesFor } from '@/lib/server/pledges/manage-pledges';
import { requireLoopAccess } from '@/lib/server/pledges/loop-access';
import { handleRoute } from '../../_lib/handle-route';

export const dynamic = 'force-dynamic';

const querySchema = z.object({ year: z.coerce.number().int().min(2000).max(2200).optional() });

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const access = await requireLoopAccess();
    const q = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    return Response.json({ pledges: await listPledgesFor(access, q) }, { headers: { 'cache-control': 'no-store' } });
  });
}

export async function POST(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const access = await requireLoopAccess();
    return Response.json(await createPledgeAs(access, await request.json().catch(() => ({}))), { status: 201 });
  });
}
