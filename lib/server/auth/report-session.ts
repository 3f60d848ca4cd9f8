import 'server-only';
// `lagesbild report --as USER`: the operator's command renders the council report in its own headless
// browser with a session it mints for USER instead of signing in with USER's password. Sound because:
// - only someone who can already open the database (and read the auth secret) can mint one — the same
//   operator who runs migrations and `lagesbild users`; nobody signs in with it, the cookie stays in
//   the command's own process and never reaches a person, so 2FA for people is untouched;
// - USER must hold a role that may read the council report (council, police, municipality), must not be
//   disabled, and must not be a police/municipality password user who has not enrolled TOTP (the app
//   refuses such sessions anyway);
// - the session lives at most 10 minutes, is marked by its user agent, is deleted when the PDF is
//   written (expired leftovers are swept on the next run), and both minting and revoking are audited
//   as CLI actions naming the operator and USER.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { deleteExpiredReportSessions, deleteReportSession, insertReportSession } from '@/db/queries/auth/report-sessions';
import { findUserByEmail, listMemberships } from '@/db/queries/auth/users';
import type { Database } from '@/db/schema';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { resolveAuthSecret } from './get-auth';
import { ROLES_REQUIRING_TWO_FACTOR } from '@/lib/schemas/auth';

export const REPORT_SESSION_AGENT = 'lagesbild-cli report';
export const REPORT_SESSION_MAX_SECONDS = 600;
const REPORT_ROLES = ['council', 'police', 'municipality'];

export class ReportSessionRefusedError extends Error {
  override name = 'ReportSessionRefusedError';
}

export interface ReportSession {
  id: string;
  email: string;
  /** The cookie the app reads (better-auth's signed session token). */
  cookie: { name: string; value: string };
  expiresAt: Date;
}

/** better-auth's cookie signature: `token.base64(HMAC-SHA256(token, secret))`, URI-encoded. */
export function signSessionCookie(token: string, secret: string): string {
  const signature = crypto.createHmac('sha256', secret).update(token).digest('base64');
  return encodeURIComponent(`${token}.${signature}`);
}

export async function mintReportSession(
  db: Kysely<Database>,
  o: { email: string; actor: string; quarter: string; secure: boolean; now?: Date; ttlSeconds?: number },
): Promise<ReportSession> {
  const now = o.now ?? new Date();
  const ttl = Math.min(o.ttlSeconds ?? REPORT_SESSION_MAX_SECONDS, REPORT_SESSION_MAX_SECONDS);
  const email = o.email.trim().toLowerCase();
  const user = await findUserByEmail(db, email);
  const refuse = async (reason: string): Promise<never> => {
    await appendAuditEvent(db, { actor: o.actor, action: 'denied', resource: 'session', details: { via: 'cli report', as: email, quarter: o.quarter, reason } });
    throw new ReportSessionRefusedError(`--as ${email}: ${reason}`);
  };
  if (!user) return refuse('no such user');
  if (user.disabled) return refuse('the user is disabled');
  const memberships = await listMemberships(db, user.id);
  if (!memberships.some((m) => REPORT_ROLES.includes(m.role))) return refuse('the user holds no role that may read the council report (council, police or municipality)');
  // The rule of needsTwoFactorEnrolment (./session.ts, which this CLI path cannot load: it pulls in next/navigation).
  const mustEnrol = !user.is_demo && !user.two_factor_enabled && user.has_password && memberships.some((m) => (ROLES_REQUIRING_TWO_FACTOR as readonly string[]).includes(m.role));
  if (mustEnrol) return refuse('the user must enrol a second factor (TOTP) before any session is accepted');
  await deleteExpiredReportSessions(db, REPORT_SESSION_AGENT, now);
  const id = crypto.randomUUID();
  const token = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttl * 1000);
  await db.transaction().execute(async (trx) => {
    await insertReportSession(trx, { id, userId: user.id, token, expiresAt, userAgent: REPORT_SESSION_AGENT });
    await appendAuditEvent(trx, { actor: o.actor, action: 'create', resource: 'session', details: { via: 'cli report', as: email, quarter: o.quarter, expires_at: expiresAt.toISOString(), session_id: id } });
  });
  const secret = await resolveAuthSecret(db);
  return { id, email, expiresAt, cookie: { name: `${o.secure ? '__Secure-' : ''}lagesbild.session_token`, value: signSessionCookie(token, secret) } };
}

/** Deletes the session (done or failed) and records it. */
export async function revokeReportSession(db: Kysely<Database>, o: { session: Pick<ReportSession, 'id' | 'email'>; actor: string; quarter: string; outcome: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const n = await deleteReportSession(trx, o.session.id, REPORT_SESSION_AGENT);
    await appendAuditEvent(trx, { actor: o.actor, action: 'delete', resource: 'session', details: { via: 'cli report', as: o.session.email, quarter: o.quarter, session_id: o.session.id, outcome: o.outcome, deleted: n } });
  });
}
