// OpenID Connect sign-in end to end against an identity provider started in the test: discovery,
// authorization code with PKCE, an RS256 ID token checked against the provider's JWKS, and the
// session. A minimal provider written here (node:http + node:crypto): the `oidc-provider` package is
// not a dependency (see the issue's closing note).
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createAuth, type LagesbildAuth } from '@/lib/server/auth/create-auth';
import { createUser } from '@/lib/server/auth/manage-users';
import { getTestDatabase } from '@/lib/testing/test-database';

const CLIENT_ID = 'lagesbild-test';
const CLIENT_SECRET = 'provider-secret-for-tests';
const BASE_URL = 'http://localhost:3000';

interface Grant {
  email: string;
  nonce?: string;
  challenge?: string;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** A tiny OpenID provider: every authorization request signs in `nextEmail` at once. */
function startProvider() {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(publicKey.export({ format: 'jwk' }) as object), kid: 'k1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, Grant>();
  const state = { nextEmail: '', issuer: '', tokenRequests: 0 };
  const sign = (claims: object) => {
    const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'k1' }));
    const body = b64url(JSON.stringify(claims));
    return `${head}.${body}.${b64url(crypto.sign('sha256', Buffer.from(`${head}.${body}`), privateKey))}`;
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', state.issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: state.issuer,
        authorization_endpoint: `${state.issuer}/authorize`,
        token_endpoint: `${state.issuer}/token`,
        userinfo_endpoint: `${state.issuer}/userinfo`,
        jwks_uri: `${state.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        code_challenge_methods_supported: ['S256'],
        scopes_supported: ['openid', 'email', 'profile'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const code = crypto.randomBytes(16).toString('hex');
      codes.set(code, { email: state.nextEmail, nonce: url.searchParams.get('nonce') ?? undefined, challenge: url.searchParams.get('code_challenge') ?? undefined });
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      state.tokenRequests++;
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const form = new URLSearchParams(raw);
      const basic = req.headers.authorization?.startsWith('Basic ') ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString().split(':').map(decodeURIComponent) : null;
      const [id, secret] = basic ?? [form.get('client_id'), form.get('client_secret')];
      if (id !== CLIENT_ID || secret !== CLIENT_SECRET) return json(401, { error: 'invalid_client' });
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (!grant) return json(400, { error: 'invalid_grant' });
      const verifier = form.get('code_verifier') ?? '';
      if (grant.challenge && b64url(crypto.createHash('sha256').update(verifier).digest()) !== grant.challenge) return json(400, { error: 'invalid_grant', error_description: 'PKCE' });
      const now = Math.floor(Date.now() / 1000);
      const sub = crypto.createHash('sha256').update(grant.email).digest('hex').slice(0, 20);
      const idToken = sign({ iss: state.issuer, sub, aud: CLIENT_ID, iat: now, exp: now + 300, nonce: grant.nonce, email: grant.email, email_verified: true, name: 'Anna Analytiker' });
      return json(200, { access_token: `at-${sub}`, token_type: 'Bearer', expires_in: 300, id_token: idToken, scope: 'openid email profile' });
    }
    if (url.pathname === '/userinfo') {
      const sub = (req.headers.authorization ?? '').replace('Bearer at-', '');
      const email = [...new Set([state.nextEmail])].find((e) => crypto.createHash('sha256').update(e).digest('hex').slice(0, 20) === sub);
      return email ? json(200, { sub, email, email_verified: true, name: 'Anna Analytiker' }) : json(401, { error: 'invalid_token' });
    }
    json(404, { error: 'not_found' });
  });
  return { server, state };
}

let h: DatabaseHandle;
let auth: LagesbildAuth;
let provider: ReturnType<typeof startProvider>;

beforeAll(async () => {
  h = await getTestDatabase();
  provider = startProvider();
  await new Promise<void>((resolve) => provider.server.listen(0, '127.0.0.1', resolve));
  provider.state.issuer = `http://127.0.0.1:${(provider.server.address() as AddressInfo).port}`;
  auth = createAuth(h.db, {
    secret: 'y'.repeat(40),
    baseURL: BASE_URL,
    oidcProviders: [{ id: 'kommunidp', name: 'Kommunens inloggning', issuer: provider.state.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
  });
});

afterAll(async () => {
  await new Promise((resolve) => provider?.server.close(resolve));
});

function cookiesOf(res: Response, previous = ''): string {
  const jar = new Map(previous.split('; ').filter(Boolean).map((c) => [c.split('=')[0], c] as const));
  for (const c of res.headers.getSetCookie()) jar.set(c.split('=')[0], c.split(';')[0]);
  return [...jar.values()].join('; ');
}

/** Runs the browser's part: start at our sign-in, follow the provider's redirect back to our callback. */
async function oidcSignIn(email: string): Promise<Response> {
  provider.state.nextEmail = email;
  const start = await auth.handler(
    new Request(`${BASE_URL}/api/auth/sign-in/social`, { method: 'POST', headers: { 'content-type': 'application/json', origin: BASE_URL }, body: JSON.stringify({ provider: 'kommunidp', callbackURL: '/karta' }) }),
  );
  expect(start.status).toBe(200);
  const { url } = (await start.json()) as { url: string };
  expect(url.startsWith(`${provider.state.issuer}/authorize`)).toBe(true);
  const atProvider = await fetch(url, { redirect: 'manual' });
  const callback = atProvider.headers.get('location')!;
  expect(callback.startsWith(`${BASE_URL}/api/auth/callback/kommunidp`)).toBe(true);
  return auth.handler(new Request(callback, { headers: { cookie: cookiesOf(start) } }));
}

describe('OpenID Connect sign-in', () => {
  it('a provisioned user signs in through the identity provider and gets a session', async () => {
    const email = `anna-${crypto.randomBytes(3).toString('hex')}@kommun.example`;
    // Provisioned without a password: this user signs in only through the identity provider.
    await createUser(h.db, auth, { email, name: 'Anna' }, { actor: 'cli:test' });
    const done = await oidcSignIn(email);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toMatch(/\/karta$/);
    const session = await auth.api.getSession({ headers: new Headers({ cookie: cookiesOf(done) }) });
    expect(session?.user.email).toBe(email);
    expect(provider.state.tokenRequests).toBeGreaterThan(0);
  });

  it('someone the provider knows but no administrator provisioned gets no account and no session', async () => {
    const email = `stranger-${crypto.randomBytes(3).toString('hex')}@kommun.example`;
    const done = await oidcSignIn(email);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toMatch(/error/);
    expect(await auth.api.getSession({ headers: new Headers({ cookie: cookiesOf(done) }) })).toBeNull();
    const row = await h.db.withTables<{ auth_user: { email: string } }>().selectFrom('auth_user').select('email').where('email', '=', email).executeTakeFirst();
    expect(row).toBeUndefined();
  });
});
