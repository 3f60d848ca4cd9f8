// POST /api/v1/analysis/focus-areas – adopt a candidate of a saved priority run as a focus area with its evidence
import { adoptFocusArea } from '@/lib/server/analysis/priorities';
import { readJsonBody } from '../../../_lib/read-json-body';
import { handleAnalysisRoute, noStore } from '../_lib/analysis-route';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  return handleAnalysisRoute('read', async ({ db, viewer }) => Response.json(await adoptFocusArea(db, viewer, await readJsonBody(request)), { status: 201, headers: noStore }));
}
