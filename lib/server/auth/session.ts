import 'server-only';
// The signed-in user of a request, their roles per municipality, and the viewer the permission code
// works with. Roles are read from the database on every request: a revoked role takes effect at once.
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { findUserById, listMemberships, type MembershipRow } from '@/db/queries/auth/users';
import { type Role, ROLES_REQUIRING_TWO_FACTOR, roleSchema } from '@/lib/schemas/auth';
import { getDb } from '@/lib/server/db';
import type { HeldRole } from '@/lib/server/permissions/permission-table';
import type { Viewer } from '@/lib/server/permissions/viewer';
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
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: requestHeaders ?? (await headers()) });
  if (!session) return null;
  const user = session.user as typeof session.user & { is_demo?: boolean | null; disabled?: boolean | null; twoFactorEnabled?: boolean | null };
  if (user.disabled) return null;
  const db = await getDb();
  const [memberships, row] = await Promise.all([listMemberships(db, user.id), findUserById(db, user.id)]);
  const signedIn: SignedInUser = {
    id: user.id,
    email: user.email,
    name: user.name,
    isDemo: Boolean(user.is_demo),
    twoFactorEnabled: Boolean(user.twoFactorEnabled),
    hasPassword: row?.has_password ?? false,
    memberships,
    meetingMode: await readMeetingMode(requestHeaders),
  };
  return options.allowPendingTwoFactor || !needsTwoFactorEnrolment(signedIn) ? signedIn : null;
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
