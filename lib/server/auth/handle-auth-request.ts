import 'server-only';
import { getDatabaseState, startDatabase } from '@/lib/server/db';
import { getAuth } from './get-auth';

/** better-auth's HTTP handler, answering 503 while the database starts; never cached. */
export async function handleAuthRequest(request: Request): Promise<Response> {
  startDatabase();
  const phase = getDatabaseState().phase;
  if (phase !== 'ready') {
    return Response.json({ error: { code: 'database_not_ready', message: `The database is not ready (phase: ${phase}).` } }, { status: 503, headers: { 'retry-after': '2', 'cache-control': 'no-store' } });
  }
  try {
    const response = await (await getAuth()).handler(request);
    const headers = new Headers(response.headers);
    headers.set('cache-control', 'no-store');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  } catch (err) {
    console.error('Auth error:', err);
    return Response.json({ error: { code: 'internal_error', message: 'Internal server error.' } }, { status: 500, headers: { 'cache-control': 'no-store' } });
  }
}
