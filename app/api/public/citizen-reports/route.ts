// POST /api/public/citizen-reports – a resident's report of a place (form data, optional photo); 201 with the status link, or 303 to it for a plain form
import { ZodError } from 'zod';
import { HttpError } from '@/lib/server/public/public-errors';
import { submitCitizenReportFromRequest } from '@/lib/server/public/submit-citizen-report';
import { handleRoute } from '../../_lib/handle-route';

export const dynamic = 'force-dynamic';

// JSON is asked for, or the body is not a form (an API client): errors come back as JSON.
const wantsJson = (request: Request) =>
  (request.headers.get('accept') ?? '').includes('application/json') || !/^(multipart\/form-data|application\/x-www-form-urlencoded)/.test(request.headers.get('content-type') ?? '');

export async function POST(request: Request): Promise<Response> {
  if (wantsJson(request)) {
    return handleRoute(async () => {
      const r = await submitCitizenReportFromRequest(request);
      return Response.json({ statusPath: r.statusPath }, { status: 201, headers: { 'cache-control': 'no-store' } });
    });
  }
  // A browser without JavaScript posts the form itself: answer with a page, never with JSON.
  return handleRoute(async () => {
    try {
      const r = await submitCitizenReportFromRequest(request);
      return new Response(null, { status: 303, headers: { location: `${r.statusPath}?ny=1`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });
    } catch (err) {
      const message =
        err instanceof ZodError ? err.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`).join('; ') : err instanceof HttpError ? err.message : null;
      if (message === null) throw err;
      return new Response(null, { status: 303, headers: { location: `/rapportera?${new URLSearchParams({ fel: message }).toString()}`, 'cache-control': 'no-store' } });
    }
  });
}
