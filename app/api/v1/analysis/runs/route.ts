// POST /api/v1/analysis/runs – save a finished job as an immutable run, linked to an existing or new EST meeting
import { saveAnalysisRun } from '@/lib/server/analysis/saved-runs';
import { readJsonBody } from '../../../_lib/read-json-body';
import { handleAnalysisRoute, noStore } from '../_lib/analysis-route';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  return handleAnalysisRoute('create', async ({ db, viewer }) => Response.json(await saveAnalysisRun(db, viewer, await readJsonBody(request)), { status: 201, headers: noStore }));
}
