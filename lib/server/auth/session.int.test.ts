// The request's user in one query (resolveSignedInUser's fast path) against better-auth's getSession,
// on both databases: the same user and roles for a fresh session, and better-auth itself for every
// case it must handle (expired, due for refresh, unknown token); no cache, so revocations apply at once.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { listMemberships } from '@/db/queries/auth/users';
import { createTestMunicipality, getTestDatabase } from '@/lib/testing/test-database';
import { createAuth, type LagesbildAuth, SESSION_MAX_AGE_SECONDS } from './create-auth';
import { createUser, grantRole, revokeRole, setUserDisabled } from './manage-users';
import { cookieValue, resolveSignedInUser, verifySignedCookieValue } from './session';

let h: DatabaseHandle;
let auth: LagesbildAuth;
let code: string;
let policeOrg: string;
const PASSWORD = 'correct horse battery';
const SECRET = 's'.repeat(40);

beforeAll(async () => {
  h = await getTestDatabase();
  code = await createTestMunicipality(h, 'Sessionskommun');
  policeOrg = (await h.db.insertInto('organisation').values({ municipality_code: code, name: 'Polisen', kind: 'police' }).returning('id').executeTakeFirstOrThrow()).id;
  auth = createAuth(h.db, { secret: SECRET, baseURL: 'http://localhost:3000' });
});

/** A new partner-less police user (demo, so no TOTP) signed in: its Cookie header and session token. */
async function signedInUser(): Promise<{ email: string; cookie: string; token: string }> {
  const email = `session-${crypto.randomBytes(4).toString('hex')}@test.example`;
  await createUser(h.db, auth, { email, name: 'Analytiker', password: PASSWORD, memberships: [{ municipality_code: code, role: 'police', organisation_id: policeOrg }] }, { actor: 'cli:test', isDemo: true });
  const address = `10.9.${crypto.randomInt(255)}.${crypto.randomInt(1, 255)}`;
  const res = await auth.api.signInEmail({ body: { email, password: PASSWORD }, headers: new Headers({ 'x-forwarded-for': address, origin: 'http://localhost:3000' }), asResponse: true });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const signed = cookieValue(cookie, 'lagesbild.session_token')!;
  return { email, cookie, token: verifySignedCookieValue(signed, SECRET)! };
}

const resolve = (cookie: string) => resolveSignedInUser(h.db, auth, new Headers({ cookie }), false);

async function sessionExpiry(token: string): Promise<Date | null> {
  const { rows } = await sql<{ expires_at: Date | string }>`SELECT expires_at FROM auth_session WHERE token = ${token}`.execute(h.db);
  return rows[0] ? new Date(rows[0].expires_at) : null;
}

describe('the signed-in user in one query', () => {
  it('a fresh session gives the same user and roles as better-auth, without asking better-auth', async () => {
    const { email, cookie } = await signedInUser();
    const library = await auth.api.getSession({ headers: new Headers({ cookie }) });
    const spy = vi.spyOn(auth.api, 'getSession');
    try {
      const user = await resolve(`theme=dark; ${cookie}; other="x"`);
      expect(spy).not.toHaveBeenCalled();
      expect(user).toMatchObject({ id: library!.user.id, email, name: 'Analytiker', isDemo: true, twoFactorEnabled: false, hasPassword: true, meetingMode: false });
      expect(user!.memberships).toEqual(await listMemberships(h.db, library!.user.id));
      expect(user!.memberships).toEqual([{ municipality_code: code, role: 'police', organisation_id: policeOrg, organisation_name: 'Polisen' }]);
    } finally {
      spy.mockRestore();
    }
  });

  it('a forged or unsigned cookie, and no cookie, are signed out', async () => {
    const { cookie, token } = await signedInUser();
    const forged = cookie.replace(/lagesbild\.session_token=[^;]+/, `lagesbild.session_token=${encodeURIComponent(`${token}.${crypto.createHmac('sha256', 'another secret of forty characters......').update(token).digest('base64')}`)}`);
    expect(await resolve(forged)).toBeNull();
    expect(await auth.api.getSession({ headers: new Headers({ cookie: forged }) })).toBeNull();
    expect(await resolve(`lagesbild.session_token=${token}`)).toBeNull();
    expect(await resolve('')).toBeNull();
  });

  it('roles, the disabled flag and the session row are read on every request: changes take effect at once', async () => {
    const { email, cookie, token } = await signedInUser();
    expect(await grantRole(h.db, email, { municipality_code: code, role: 'council', organisation_id: null }, { actor: 'admin@test' })).toBe(true);
    expect((await resolve(cookie))!.memberships.map((m) => m.role)).toEqual(['council', 'police']);
    // A role removed underneath (revokeRole also deletes the sessions, below).
    await sql`DELETE FROM role_membership WHERE role = 'police' AND user_id = (SELECT id FROM auth_user WHERE email = ${email})`.execute(h.db);
    expect((await resolve(cookie))!.memberships.map((m) => m.role)).toEqual(['council']);
    await sql`UPDATE auth_user SET disabled = true WHERE email = ${email}`.execute(h.db);
    expect(await resolve(cookie)).toBeNull();
    await sql`UPDATE auth_user SET disabled = false WHERE email = ${email}`.execute(h.db);
    expect(await resolve(cookie)).not.toBeNull();
    expect(await revokeRole(h.db, email, { municipality_code: code, role: 'council' }, { actor: 'admin@test' })).toBe(true);
    expect(await resolve(cookie)).toBeNull();
    expect(await sessionExpiry(token)).toBeNull();
    const other = await signedInUser();
    await setUserDisabled(h.db, other.email, true, { actor: 'admin@test' });
    expect(await resolve(other.cookie)).toBeNull();
    const third = await signedInUser();
    await sql`DELETE FROM auth_session WHERE token = ${third.token}`.execute(h.db);
    expect(await resolve(third.cookie)).toBeNull();
  });

  it('an expired session goes through better-auth, which signs the user out and deletes it', async () => {
    const { cookie, token } = await signedInUser();
    await sql`UPDATE auth_session SET expires_at = now() - interval '1 minute' WHERE token = ${token}`.execute(h.db);
    const spy = vi.spyOn(auth.api, 'getSession');
    try {
      expect(await resolve(cookie)).toBeNull();
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
    expect(await sessionExpiry(token)).toBeNull();
  });

  it('a session due for its sliding refresh goes through better-auth, which extends it', async () => {
    const { email, cookie, token } = await signedInUser();
    // Two hours old: past better-auth's update age of one hour.
    await sql`UPDATE auth_session SET expires_at = now() + ${`${SESSION_MAX_AGE_SECONDS - 2 * 3600} seconds`}::interval WHERE token = ${token}`.execute(h.db);
    const before = (await sessionExpiry(token))!;
    const spy = vi.spyOn(auth.api, 'getSession');
    try {
      expect((await resolve(cookie))!.email).toBe(email);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
    expect((await sessionExpiry(token))!.getTime()).toBeGreaterThan(before.getTime() + 3600_000);
  });
});

describe('cookie parsing and signature', () => {
  it('reads the first cookie of the name, unquoted and percent-decoded', () => {
    expect(cookieValue('a=1; lagesbild.session_token=t%2Bx.y; lagesbild.session_token=second', 'lagesbild.session_token')).toBe('t+x.y');
    expect(cookieValue('lagesbild.session_token="q"', 'lagesbild.session_token')).toBe('q');
    expect(cookieValue('xlagesbild.session_token=1', 'lagesbild.session_token')).toBeNull();
  });

  it('accepts exactly better-call signatures', () => {
    const sig = crypto.createHmac('sha256', SECRET).update('token').digest('base64');
    expect(verifySignedCookieValue(`token.${sig}`, SECRET)).toBe('token');
    expect(verifySignedCookieValue(`token.${sig}`, `${SECRET}x`)).toBeNull();
    expect(verifySignedCookieValue(`token.${sig.replace(/\+/g, '-').replace(/\//g, '_')}`, SECRET)).toBe(/[+/]/.test(sig) ? null : 'token');
    expect(verifySignedCookieValue(`tokeN.${sig}`, SECRET)).toBeNull();
    expect(verifySignedCookieValue(sig, SECRET)).toBeNull();
  });
});
