import 'server-only';
// The signed-in user's own notifications (in the app, always): list, unread count for the badge, mark read.
import { countUnreadOfUser, listNotificationsOfUser, markReadOfUser, type NotificationRow } from '@/db/queries/notifications/notification-outbox';
import { z } from 'zod';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { getDb } from '@/lib/server/db';
import type { LoopAccess } from '@/lib/server/pledges/loop-access';

export async function listMyNotifications(access: LoopAccess): Promise<NotificationRow[]> {
  return listNotificationsOfUser(access.db, { userId: access.user.id, municipalityCode: access.municipalityCode, limit: 200 });
}

export async function countMyUnread(userId: string): Promise<number> {
  return countUnreadOfUser(await getDb(), userId);
}

const markReadSchema = z.object({ ids: z.array(z.guid({ error: 'ids must be notification ids' })).max(500).nullable() });

/** Marks the user's own notifications read (`ids: null`: all of them). */
export async function markMyNotificationsRead(access: LoopAccess, input: unknown, now: Date): Promise<number> {
  const { ids } = markReadSchema.parse(input);
  const n = await markReadOfUser(access.db, { userId: access.user.id, ids, at: now });
  await appendAuditEvent(access.db, { actor: access.viewer.actor, action: 'update', resource: 'notification', municipalityCode: access.municipalityCode, details: { read: n, all: ids === null } });
  return n;
}
