import 'server-only';
import { ZodError } from 'zod';
import { HttpError } from '@/lib/server/auth/errors';
import { getDatabaseState } from '@/lib/server/db';

/** The error body of every API route (DESIGN.md §9). */
export function errorResponse(status: number, code: string, message: string, issues?: unknown[], headers?: HeadersInit): Response {
  return Response.json({ error: { code, message, ...(issues ? { issues } : {}) } }, { status, headers: { 'cache-control': 'no-store', ...headers } });
}

/**
 * One wrapper for errors: zod → 400 with the issues, database still starting → 503 with Retry-After,
 * signed out / forbidden / not visible → 401 / 403 / 404 (lib/server/auth/errors.ts), anything else →
 * logged 500 with no internals in the body.
 */
export async function handleRoute(run: () => Promise<Response>): Promise<Response> {
  try {
    const phase = getDatabaseState().phase;
    if (phase !== 'ready') {
      return errorResponse(503, 'database_not_ready', `The database is not ready (phase: ${phase}).`, undefined, { 'retry-after': '2' });
    }
    return await run();
  } catch (err) {
    if (err instanceof ZodError) return errorResponse(400, 'invalid_request', 'The request parameters are invalid.', err.issues);
    if (err instanceof HttpError) return errorResponse(err.status, err.code, err.message);
    console.error('API error:', err);
    return errorResponse(500, 'internal_error', 'Internal server error.');
  }
}
