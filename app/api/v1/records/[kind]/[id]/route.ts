// GET /api/v1/records/:kind/:id – one incident, unsafe place or vandalism report the viewer may see exactly (else 404)
// PATCH /api/v1/records/:kind/:id – edit it (update grant + exact access; partners their own organisation's records)
import { isRecordKind } from '@/lib/schemas/record-detail';
import { notFound, unauthorized } from '@/lib/server/auth/errors';
import { getRecordDetail } from '@/lib/server/records/get-record-detail';
import { updateRecord } from '@/lib/server/records/update-record';
import { getSignedInUser } from '@/lib/server/auth/session';
import { handleRoute } from '../../../../_lib/handle-route';
import { readJsonBody } from '../../../../_lib/read-json-body';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ kind: string; id: string }> };

export async function GET(_request: Request, { params }: Params): Promise<Response> {
  return handleRoute(async () => {
    const { kind, id } = await params;
    if (!isRecordKind(kind)) {
      // An unknown kind is answered like a hidden record, after the session check.
      if (!(await getSignedInUser())) throw unauthorized();
      throw notFound();
    }
    return Response.json(await getRecordDetail(kind, id), { headers: { 'cache-control': 'no-store' } });
  });
}

export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  return handleRoute(async () => {
    const { kind, id } = await params;
    // Sign-in first: a signed-out caller learns nothing about the body's shape or the record.
    if (!(await getSignedInUser())) throw unauthorized();
    if (!isRecordKind(kind)) throw notFound();
    const patch = await readJsonBody(request);
    return Response.json(await updateRecord(kind, id, patch), { headers: { 'cache-control': 'no-store' } });
  });
}
