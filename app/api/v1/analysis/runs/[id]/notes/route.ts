// POST /api/v1/analysis/runs/:id/notes – a cause note (orsaksanalys) on one hotspot of a saved run, at a meeting
import { addHotspotNote } from '@/lib/server/analysis/saved-runs';
import { readJsonBody } from '../../../../../_lib/read-json-body';
import { handleAnalysisRoute, noStore } from '../../../_lib/analysis-route';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleAnalysisRoute('read', async ({ db, viewer }) => Response.json(await addHotspotNote(db, viewer, (await params).id, await readJsonBody(request)), { status: 201, headers: noStore }));
}
