// GET /api/v1/analysis/defaults – suggested cell size, distance band and bandwidth for a period and categories, with what they are based on
import { suggestAnalysisParameters } from '@/lib/server/analysis/suggest-parameters';
import { handleAnalysisRoute, noStore } from '../_lib/analysis-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return handleAnalysisRoute('read', async ({ db, viewer }) => {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    return Response.json(await suggestAnalysisParameters(db, viewer, query), { headers: noStore });
  });
}
