// OpenID Connect sign-in end to end against a real OpenID provider started in the test (the
// `oidc-provider` package on 127.0.0.1): discovery, authorization code with PKCE, an ID token
// checked against the provider's JWKS, the provider's login/consent interaction driven by the test
// (`interactions.url` + `provider.interactionFinished`), and the session on our side.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createAuth, type LagesbildAuth } from '@/lib/server/auth/create-auth';
import { createUser } from '@/lib/server/auth/manage-users';
import { getTestDatabase } from '@/lib/testing/test-database';

const CLIENT_ID = 'lagesbild-test';
const CLIENT_SECRET = 'provider-secret-for-tests';
const BASE_URL = 'http://localhost:3000';
const PROVIDER_ID = 'kommunidp';

/** What the test saw at the provider: interactions it finished and token requests it served. */
const seen = { interactions: [] as string[], tokenRequests: 0, nextEmail: '' };

/** A real oidc-provider whose accounts are e-mail addresses; the test's interaction signs in `seen.nextEmail`. */
async function startProvider(): Promise<{ server: http.Server; issuer: string }> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${BASE_URL}/api/auth/callback/${PROVIDER_ID}`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['cookie-key-for-tests-only'] },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: id, email_verified: true, name: 'Anna Analytiker' }),
    }),
  });
  provider.on('grant.success', () => {
    seen.tokenRequests++;
  });
  const callback = provider.callback();
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      seen.interactions.push(details.prompt.name);
      const accountId = seen.nextEmail;
      const grant = new provider.Grant({ accountId, clientId: CLIENT_ID });
      grant.addOIDCScope('openid email profile');
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
    })().catch((e: unknown) => {
      res.statusCode = 500;
      res.end(String(e));
    });
  });
  return { server, issuer };
}

let h: DatabaseHandle;
let auth: LagesbildAuth;
let idp: { server: http.Server; issuer: string };

beforeAll(async () => {
  h = await getTestDatabase();
  idp = await startProvider();
  auth = createAuth(h.db, {
    secret: 'y'.repeat(40),
    baseURL: BASE_URL,
    oidcProviders: [{ id: PROVIDER_ID, name: 'Kommunens inloggning', issuer: idp.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
  });
});

afterAll(async () => {
  await new Promise((resolve) => idp?.server.close(resolve));
});

function cookiesOf(res: Response, previous = ''): string {
  const jar = new Map(previous.split('; ').filter(Boolean).map((c) => [c.split('=')[0], c] as const));
  for (const c of res.headers.getSetCookie()) jar.set(c.split('=')[0], c.split(';')[0]);
  return [...jar.values()].join('; ');
}

/** Runs the browser's part: start at our sign-in, through the provider's interaction, back to our callback. */
async function oidcSignIn(email: string): Promise<Response> {
  seen.nextEmail = email;
  const start = await auth.handler(
    new Request(`${BASE_URL}/api/auth/sign-in/social`, { method: 'POST', headers: { 'content-type': 'application/json', origin: BASE_URL }, body: JSON.stringify({ provider: PROVIDER_ID, callbackURL: '/karta' }) }),
  );
  expect(start.status).toBe(200);
  const { url } = (await start.json()) as { url: string };
  expect(url.startsWith(`${idp.issuer}/auth?`)).toBe(true);
  // Follow the provider's redirects (authorization → interaction → resume) with its cookies, until it
  // sends the browser back to us.
  let next = url;
  let providerCookies = '';
  for (let hop = 0; hop < 6 && next.startsWith(idp.issuer); hop++) {
    const res = await fetch(next, { redirect: 'manual', headers: { cookie: providerCookies } });
    expect([302, 303]).toContain(res.status);
    providerCookies = cookiesOf(res, providerCookies);
    next = new URL(res.headers.get('location')!, next).toString();
  }
  expect(next.startsWith(`${BASE_URL}/api/auth/callback/${PROVIDER_ID}?`)).toBe(true);
  expect(new URL(next).searchParams.get('code')).toBeTruthy();
  return auth.handler(new Request(next, { headers: { cookie: cookiesOf(start) } }));
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
    expect(seen.tokenRequests).toBeGreaterThan(0);
    expect(seen.interactions).toContain('login');
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
