// GET /api/v1/notifications – the signed-in user's notifications and unread count
// POST /api/v1/notifications – mark own notifications read ({ "ids": [...] } or { "ids": null } for all)
import { listMyNotifications, markMyNotificationsRead } from '@/lib/server/notifications/user-notifications';
import { requireLoopAccess } from '@/lib/server/pledges/loop-access';
import { handleRoute } from '../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  return handleRoute(async () => {
    const access = await requireLoopAccess();
    const rows = await listMyNotifications(access);
    return Response.json({ unread: rows.filter((r) => r.read_at === null).length, notifications: rows }, { headers: { 'cache-control': 'no-store' } });
  });
}

export async function POST(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const access = await requireLoopAccess();
    return Response.json({ marked: await markMyNotificationsRead(access, await request.json().catch(() => ({})), new Date()) });
  });
}
