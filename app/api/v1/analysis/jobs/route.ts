// POST /api/v1/analysis/jobs – start an analysis (Gi*, DBSCAN, KDE, emerging) as a job over the records the viewer may see
import { submitAnalysisJob } from '@/lib/server/analysis/analysis-jobs';
import { readJsonBody } from '../../../_lib/read-json-body';
import { handleAnalysisRoute, noStore } from '../_lib/analysis-route';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  return handleAnalysisRoute('create', async ({ db, viewer }) => Response.json(await submitAnalysisJob(db, viewer, await readJsonBody(request)), { status: 202, headers: noStore }));
}
