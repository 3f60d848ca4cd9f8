// GET /api/health – database phase, backend and PostGIS version; 503 until the database is ready
import { getHealth } from '@/lib/server/health';
import { startDatabase } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  startDatabase();
  // No row counts: this route is public, and a live count that moves by one between two requests is a
  // leak (DESIGN.md §8). `lagesbild health` prints them for administrators.
  const { counts: _counts, ...health } = await getHealth();
  return Response.json(health, {
    status: health.status === 'ready' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
