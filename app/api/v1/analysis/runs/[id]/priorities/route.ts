// POST /api/v1/analysis/runs/:id/priorities – score focus-area candidates of a saved run (weights given); with save, store them as a priority run
import { scoreFocusAreaCandidates } from '@/lib/server/analysis/priorities';
import { readJsonBody } from '../../../../../_lib/read-json-body';
import { handleAnalysisRoute, noStore } from '../../../_lib/analysis-route';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleAnalysisRoute('read', async ({ db, viewer }) => Response.json(await scoreFocusAreaCandidates(db, viewer, (await params).id, await readJsonBody(request)), { headers: noStore }));
}
