import 'server-only';
// The signed-in user of a request, their roles per municipality, and the viewer the permission code
// works with. Roles are read from the database on every request: a revoked role takes effect at once.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { findSessionUser, findUserById, listMemberships, type MembershipRow } from '@/db/queries/auth/users';
import type { Database } from '@/db/schema';
import { type Role, ROLES_REQUIRING_TWO_FACTOR, roleSchema } from '@/lib/schemas/auth';
import { getDb } from '@/lib/server/db';
import type { HeldRole } from '@/lib/server/permissions/permission-table';
import type { Viewer } from '@/lib/server/permissions/viewer';
import type { LagesbildAuth } from './create-auth';
import { getAuth } from './get-auth';

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  isDemo: boolean;
  twoFactorEnabled: boolean;
  /** Has a password: users without one sign in only through an identity provider, whose MFA applies. */
  hasPassword: boolean;
  memberships: MembershipRow[];
  /** Meeting mode (a shared screen in a joint meeting): only `joint` records, whatever the roles allow. */
  meetingMode: boolean;
}

/** The cookie that turns meeting mode on for this browser (set by the header's toggle). */
export const MEETING_MODE_COOKIE = 'lagesbild_meeting';

async function readMeetingMode(requestHeaders?: Headers): Promise<boolean> {
  if (requestHeaders) return /(?:^|;\s*)lagesbild_meeting=1(?:;|$)/.test(requestHeaders.get('cookie') ?? '');
  return (await cookies()).get(MEETING_MODE_COOKIE)?.value === '1';
}

/**
 * The signed-in user, or null. A user whose role requires TOTP and who has not enrolled counts as
 * signed out for everything but the enrolment page (`allowPendingTwoFactor`): a password alone must
 * not reach police or municipality data through an API.
 */
export async function getSignedInUser(requestHeaders?: Headers, options: { allowPendingTwoFactor?: boolean } = {}): Promise<SignedInUser | null> {
  const [auth, db, hdrs] = await Promise.all([getAuth(), getDb(), requestHeaders ?? headers()]);
  const signedIn = await resolveSignedInUser(db, auth, hdrs, await readMeetingMode(requestHeaders));
  return signedIn && (options.allowPendingTwoFactor || !needsTwoFactorEnrolment(signedIn)) ? signedIn : null;
}

/**
 * The request's user and roles (TOTP enrolment not yet considered). A session that better-auth would
 * return unchanged (validly signed cookie, session found, not expired, not due for its sliding
 * refresh) is read in one query with the user and roles; every other case (no such session, expired,
 * due for refresh) goes through better-auth's getSession, which also clears or renews the cookie.
 * Nothing is cached: a revoked role, a disabled user or a deleted session takes effect on the next request.
 */
export async function resolveSignedInUser(db: Kysely<Database>, auth: LagesbildAuth, requestHeaders: Headers, meetingMode: boolean): Promise<SignedInUser | null> {
  const fast = await fastSessionUser(db, auth, requestHeaders.get('cookie') ?? '', meetingMode);
  return fast === undefined ? librarySessionUser(db, auth, requestHeaders, meetingMode) : fast;
}

async function librarySessionUser(db: Kysely<Database>, auth: LagesbildAuth, requestHeaders: Headers, meetingMode: boolean): Promise<SignedInUser | null> {
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const user = session.user as typeof session.user & { is_demo?: boolean | null; disabled?: boolean | null; twoFactorEnabled?: boolean | null };
  if (user.disabled) return null;
  const [memberships, row] = await Promise.all([listMemberships(db, user.id), findUserById(db, user.id)]);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isDemo: Boolean(user.is_demo),
    twoFactorEnabled: Boolean(user.twoFactorEnabled),
    hasPassword: row?.has_password ?? false,
    memberships,
    meetingMode,
  };
}

/** null: no validly signed session cookie (better-auth answers null too); undefined: ask better-auth. */
async function fastSessionUser(db: Kysely<Database>, auth: LagesbildAuth, cookieHeader: string, meetingMode: boolean): Promise<SignedInUser | null | undefined> {
  const context = await auth.$context;
  const signed = cookieValue(cookieHeader, context.authCookies.sessionToken.name);
  if (!signed) return null;
  const token = verifySignedCookieValue(signed, context.secret);
  if (!token) return null;
  const found = await findSessionUser(db, token);
  if (!found) return undefined;
  const now = Date.now();
  const expiresAt = found.expires_at.getTime();
  const { expiresIn, updateAge } = context.sessionConfig;
  // Expired (better-auth deletes it) or due for the sliding refresh (better-auth extends it).
  if (expiresAt < now || expiresAt - expiresIn * 1000 + updateAge * 1000 <= now) return undefined;
  const u = found.user;
  if (u.disabled) return null;
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    isDemo: Boolean(u.is_demo),
    twoFactorEnabled: Boolean(u.two_factor_enabled),
    hasPassword: Boolean(u.has_password),
    memberships: found.memberships,
    meetingMode,
  };
}

/** The first cookie of this name in a Cookie header, percent-decoded (as better-call parses it). */
export function cookieValue(header: string, name: string): string | null {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}

/**
 * The value of a cookie signed as better-call signs it (`value.base64(HMAC-SHA256(secret, value))`),
 * or null when the signature is missing or wrong (compared in constant time).
 */
export function verifySignedCookieValue(signed: string, secret: string): string | null {
  const dot = signed.lastIndexOf('.');
  if (dot < 1) return null;
  const value = signed.slice(0, dot);
  const signature = signed.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith('=')) return null;
  const expected = Buffer.from(crypto.createHmac('sha256', secret).update(value, 'utf8').digest('base64'), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? value : null;
}

/**
 * Whether this user must enrol TOTP before using the staff pages: police, municipality and admin roles
 * with a password. Demo users are excepted (their passwords are public), and so are users without a
 * password, who sign in only through an identity provider whose own MFA is the second factor.
 */
export function needsTwoFactorEnrolment(user: SignedInUser): boolean {
  if (user.isDemo || user.twoFactorEnabled || !user.hasPassword) return false;
  return user.memberships.some((m) => (ROLES_REQUIRING_TWO_FACTOR as readonly string[]).includes(m.role));
}

export function heldRolesIn(user: SignedInUser, municipalityCode: string): HeldRole[] {
  return user.memberships
    .filter((m) => m.municipality_code === municipalityCode)
    .map((m) => ({ role: roleSchema.parse(m.role) as Role, organisationId: m.organisation_id }));
}

export function viewerFor(user: SignedInUser, municipalityCode: string, options: { meetingMode?: boolean } = {}): Viewer {
  return { userId: user.id, actor: user.email, municipalityCode, held: heldRolesIn(user, municipalityCode), meetingMode: options.meetingMode ?? user.meetingMode };
}

/** For the (staff) layout and pages: the user, or a redirect to sign-in (or to TOTP enrolment). */
export async function requireStaffUser(nextPath = '/karta'): Promise<SignedInUser> {
  const user = await getSignedInUser(undefined, { allowPendingTwoFactor: true });
  if (!user) redirect(`/logga-in?next=${encodeURIComponent(nextPath)}`);
  if (needsTwoFactorEnrolment(user)) redirect('/logga-in/tvastegs/aktivera');
  return user;
}
