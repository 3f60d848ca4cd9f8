// GET /api/health – database backend, PostGIS version and row counts; 503 until the database is ready
import { getHealth } from '@/lib/server/health';
import { startDatabase } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  startDatabase();
  const health = await getHealth();
  return Response.json(health, {
    status: health.status === 'ready' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
