// GET /api/v1/dialogue-summaries?area=ID – the dialogue summaries of an area (EST group only)
// POST /api/v1/dialogue-summaries – attach a summary (focus group, digital safety walk …) to an area and optionally an EST meeting
import { ZodError } from 'zod';
import { addDialogueSummaryForRequest, listDialogueSummariesForRequest } from '@/lib/server/dialogue/dialogue-for-request';
import { handleRoute } from '../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => Response.json({ summaries: await listDialogueSummariesForRequest(new URL(request.url).searchParams) }, { headers: { 'cache-control': 'no-store' } }));
}

export async function POST(request: Request): Promise<Response> {
  return handleRoute(async () => {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      throw new ZodError([{ code: 'custom', path: [], message: 'send the summary as a JSON object', input: undefined }]);
    }
    return Response.json({ summary: await addDialogueSummaryForRequest(body) }, { status: 201, headers: { 'cache-control': 'no-store' } });
  });
}
