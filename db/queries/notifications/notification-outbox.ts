// The notification outbox: one row per reminder and recipient user; the unique dedupe key makes
// filling idempotent (ON CONFLICT DO NOTHING). In-app reads and e-mail delivery state live on the row.
import { type Kysely, sql } from 'kysely';
import type { Database } from '@/db/schema';
import { withAuthTables } from '../auth/tables';

export type NotificationKind = 'follow_up_due' | 'activity_overdue' | 'vandalism_assigned' | 'cleanup_due';

export interface NewNotification {
  municipalityCode: string;
  organisationId: string;
  kind: NotificationKind;
  dedupeKey: string;
  subjectId: string | null;
  title: string;
  body: string;
  link: string | null;
  dueAt: Date | null;
}

/**
 * One row per active user of the notification's organisation (any role held for it in the
 * municipality). Returns how many rows were added; existing (user, dedupe key) pairs are left alone.
 */
export async function insertNotificationsForOrganisations(db: Kysely<Database>, items: readonly NewNotification[], queuedAt: Date): Promise<number> {
  let added = 0;
  for (const n of items) {
    const { rows } = await sql<{ id: string }>`
      INSERT INTO notification (municipality_code, user_id, organisation_id, kind, dedupe_key, subject_id, title, body, link, due_at, queued_at)
      SELECT DISTINCT ${n.municipalityCode}, m.user_id, ${n.organisationId}::uuid, ${n.kind}, ${n.dedupeKey}, ${n.subjectId}::uuid, ${n.title}, ${n.body}, ${n.link}, ${n.dueAt}::timestamptz, ${queuedAt}::timestamptz
      FROM role_membership m JOIN auth_user u ON u.id = m.user_id
      WHERE m.municipality_code = ${n.municipalityCode} AND m.organisation_id = ${n.organisationId}::uuid AND NOT u.disabled
      ON CONFLICT (municipality_code, user_id, dedupe_key) DO NOTHING
      RETURNING id`.execute(db);
    added += rows.length;
  }
  return added;
}

export interface PendingEmail {
  id: string;
  email: string;
  title: string;
  body: string;
  link: string | null;
  attempts: number;
}

/** Rows whose e-mail is still to send (or failed fewer than `maxAttempts` times), oldest first. */
export async function listPendingEmails(db: Kysely<Database>, o: { maxAttempts: number; limit: number }): Promise<PendingEmail[]> {
  return withAuthTables(db)
    .selectFrom('notification')
    .innerJoin('auth_user', 'auth_user.id', 'notification.user_id')
    .select(['notification.id', 'auth_user.email', 'notification.title', 'notification.body', 'notification.link', 'notification.email_attempts as attempts'])
    .where((eb) => eb.or([eb('notification.email_status', '=', 'pending'), eb.and([eb('notification.email_status', '=', 'failed'), eb('notification.email_attempts', '<', o.maxAttempts)])]))
    .where('auth_user.disabled', '=', false)
    .orderBy('notification.queued_at')
    .orderBy('notification.id')
    .limit(o.limit)
    .execute();
}

export async function markEmail(db: Kysely<Database>, id: string, outcome: { status: 'sent' | 'failed' | 'not_configured'; at: Date; error?: string }): Promise<void> {
  await db
    .updateTable('notification')
    .set({
      email_status: outcome.status,
      email_attempts: outcome.status === 'not_configured' ? sql`email_attempts` : sql`email_attempts + 1`,
      email_sent_at: outcome.status === 'sent' ? outcome.at : null,
      email_error: outcome.error?.slice(0, 500) ?? null,
    })
    .where('id', '=', id)
    .execute();
}

/** Marks every still-pending row as not sent because no SMTP server is configured. */
export async function markPendingNotConfigured(db: Kysely<Database>): Promise<number> {
  const r = await db.updateTable('notification').set({ email_status: 'not_configured' }).where('email_status', '=', 'pending').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  due_at: string | null;
  queued_at: string;
  read_at: string | null;
  email_status: string;
}

export async function listNotificationsOfUser(db: Kysely<Database>, o: { userId: string; municipalityCode: string; limit: number }): Promise<NotificationRow[]> {
  const rows = await db
    .selectFrom('notification')
    .select(['id', 'kind', 'title', 'body', 'link', 'email_status'])
    .select(sql<string | null>`to_char(due_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD HH24:MI')`.as('due_at'))
    .select(sql<string>`to_char(queued_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD HH24:MI')`.as('queued_at'))
    .select(sql<string | null>`to_char(read_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD HH24:MI')`.as('read_at'))
    .where('user_id', '=', o.userId)
    .where('municipality_code', '=', o.municipalityCode)
    .orderBy(sql`read_at IS NOT NULL`)
    .orderBy('queued_at', 'desc')
    .limit(o.limit)
    .execute();
  return rows.map((r) => ({ ...r, kind: r.kind as NotificationKind }));
}

export async function countUnreadOfUser(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db.selectFrom('notification').select(sql<number>`count(*)::int`.as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the user's own notifications read (all when `ids` is null); another user's ids change nothing. */
export async function markReadOfUser(db: Kysely<Database>, o: { userId: string; ids: readonly string[] | null; at: Date }): Promise<number> {
  if (o.ids !== null && o.ids.length === 0) return 0;
  const r = await db
    .updateTable('notification')
    .set({ read_at: o.at })
    .where('user_id', '=', o.userId)
    .where('read_at', 'is', null)
    .$if(o.ids !== null, (q) => q.where('id', 'in', o.ids!))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
