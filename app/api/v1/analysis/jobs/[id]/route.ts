// GET /api/v1/analysis/jobs/:id – the job's state, phase and per cent, and its result when done; DELETE cancels it
import { cancelAnalysisJob, getAnalysisJobStatus } from '@/lib/server/analysis/analysis-jobs';
import { handleAnalysisRoute, noStore } from '../../_lib/analysis-route';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Params): Promise<Response> {
  return handleAnalysisRoute('read', async ({ db, viewer }) => Response.json(await getAnalysisJobStatus(db, viewer, (await params).id), { headers: noStore }));
}

export async function DELETE(_request: Request, { params }: Params): Promise<Response> {
  return handleAnalysisRoute('create', async ({ db, viewer }) => Response.json(await cancelAnalysisJob(db, viewer, (await params).id), { headers: noStore }));
}
