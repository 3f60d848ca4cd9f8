// Short-lived sessions the `lagesbild report` command mints for its own headless browser: one row in
// auth_session, marked by its user agent, deleted when the PDF is written (and swept when left over).
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { withAuthTables } from './tables';

export async function insertReportSession(db: Kysely<Database>, s: { id: string; userId: string; token: string; expiresAt: Date; userAgent: string }): Promise<void> {
  await withAuthTables(db).insertInto('auth_session').values({ id: s.id, user_id: s.userId, token: s.token, expires_at: s.expiresAt, user_agent: s.userAgent, ip_address: '' }).execute();
}

export async function deleteReportSession(db: Kysely<Database>, id: string, userAgent: string): Promise<number> {
  const r = await withAuthTables(db).deleteFrom('auth_session').where('id', '=', id).where('user_agent', '=', userAgent).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Expired sessions of the report command (a run that was killed before it could clean up). */
export async function deleteExpiredReportSessions(db: Kysely<Database>, userAgent: string, now: Date): Promise<number> {
  const r = await withAuthTables(db).deleteFrom('auth_session').where('user_agent', '=', userAgent).where('expires_at', '<', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function countReportSessions(db: Kysely<Database>, userAgent: string): Promise<number> {
  const r = await withAuthTables(db).selectFrom('auth_session').select((eb) => eb.fn.countAll<string>().as('n')).where('user_agent', '=', userAgent).executeTakeFirstOrThrow();
  return Number(r.n);
}
