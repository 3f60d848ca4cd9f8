// Hardening (issue 3 §6) over real pages and API routes of the built app: the CSP with a per-request
// nonce and without eval, frame-ancestors none, the other headers, no-store on everything not public,
// HSTS only behind TLS, request size limits, and error bodies without internals. The pages must still
// work under the policy: no violation is reported while they load.
import fs from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, type Page, expect, request, test } from '@playwright/test';
import { DEMO_LOGINS, signInAs } from './support/sign-in';

const Q = 'municipality=0683&from=2025-01-01&to=2025-12-31';
const MISSING = '00000000-0000-4000-8000-000000000000';

const directive = (csp: string, name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';

async function signedIn(baseURL: string, role: keyof typeof DEMO_LOGINS): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL });
  const res = await ctx.post('/api/auth/sign-in/email', { data: DEMO_LOGINS[role], headers: { origin: baseURL } });
  expect(res.status()).toBe(200);
  return ctx;
}

function expectCommonHeaders(h: Record<string, string>, what: string) {
  expect(h['x-content-type-options'], what).toBe('nosniff');
  expect(h['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(h['x-frame-options'], what).toBe('DENY');
  expect(h['x-powered-by'], what).toBeUndefined();
}

function expectStrictCsp(csp: string | undefined, what: string) {
  expect(csp, what).toBeTruthy();
  expect(csp, what).not.toContain('unsafe-eval');
  expect(directive(csp!, 'script-src'), what).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'$/);
  expect(directive(csp!, 'script-src'), what).not.toContain('unsafe-inline');
  expect(directive(csp!, 'frame-ancestors'), what).toBe("frame-ancestors 'none'");
  expect(directive(csp!, 'object-src'), what).toBe("object-src 'none'");
}

test.describe('headers of pages and API routes', () => {
  let police: APIRequestContext;
  let admin: APIRequestContext;
  let anonymous: APIRequestContext;

  test.beforeAll(async ({ baseURL }) => {
    police = await signedIn(baseURL!, 'police');
    admin = await signedIn(baseURL!, 'admin');
    anonymous = await request.newContext({ baseURL });
  });

  test.afterAll(async () => {
    for (const c of [police, admin, anonymous]) await c.dispose();
  });

  const pages: [string, () => APIRequestContext, string][] = [
    ['sign-in page', () => anonymous, '/logga-in'],
    ['staff map', () => police, '/karta'],
    ['record page (not found)', () => police, `/karta/post/incident/${MISSING}`],
    ['admin audit log', () => admin, '/admin/logg'],
  ];

  for (const [what, ctx, url] of pages) {
    test(`${what}: strict CSP with a fresh nonce on every response, no-store, and the nonce on every script`, async () => {
      const first = await ctx().get(url, { maxRedirects: 0 });
      const second = await ctx().get(url, { maxRedirects: 0 });
      const h = first.headers();
      expectCommonHeaders(h, what);
      expectStrictCsp(h['content-security-policy'], what);
      expect(h['cache-control'], what).toContain('no-store');
      expect(h['strict-transport-security'], `${what} over plain http`).toBeUndefined();
      const nonce = /'nonce-([^']+)'/.exec(h['content-security-policy'])![1];
      expect(/'nonce-([^']+)'/.exec(second.headers()['content-security-policy'])![1]).not.toBe(nonce);
      const html = await first.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, what).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, `${what}: ${tag}`).toContain(`nonce="${nonce}"`);
    });
  }

  const apis: [string, () => APIRequestContext, string, number][] = [
    ['health', () => anonymous, '/api/health', 200],
    ['session', () => police, '/api/auth/get-session', 200],
    ['incident points', () => police, `/api/v1/incidents/points?${Q}`, 200],
    ['record by id', () => police, `/api/v1/records/incident/${MISSING}`, 404],
    ['record by id, signed out', () => anonymous, `/api/v1/records/incident/${MISSING}`, 401],
    ['audit export', () => admin, '/api/v1/admin/audit/export?action=sign_in', 200],
  ];

  for (const [what, ctx, url, status] of apis) {
    test(`API ${what}: no-store and the common headers`, async () => {
      const res = await ctx().get(url);
      expect(res.status(), what).toBe(status);
      const h = res.headers();
      expectCommonHeaders(h, what);
      expect(h['cache-control'], what).toContain('no-store');
      expect(h['content-security-policy'], what).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    });
  }

  test('HSTS is sent when the request came over TLS (x-forwarded-proto), with upgrade-insecure-requests', async () => {
    const res = await anonymous.get('/logga-in', { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers()['strict-transport-security']).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    expect(res.headers()['content-security-policy']).toContain('upgrade-insecure-requests');
  });

  test('static build files carry nosniff and stay cacheable', async () => {
    const html = await (await anonymous.get('/logga-in')).text();
    const src = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(src).toBeTruthy();
    const res = await anonymous.get(src!);
    expect(res.status()).toBe(200);
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    expect(res.headers()['cache-control'] ?? '').not.toContain('no-store');
  });

  test('a body over the limit is refused with 413 before it is read', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    const res = await police.patch(`/api/v1/records/incident/${MISSING}`, { data: big, headers: { 'content-type': 'application/json' } });
    expect(res.status()).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
    // Under the proxy's limit but over the edit route's own (64 KiB).
    const mid = await police.patch(`/api/v1/records/incident/${MISSING}`, { data: JSON.stringify({ description: 'x'.repeat(70_000) }), headers: { 'content-type': 'application/json' } });
    expect(mid.status()).toBe(413);
  });

  test('a chunked body without a declared length is refused with 411 before it is read', async ({ baseURL }) => {
    // Node's http client sends a body written in pieces with Transfer-Encoding: chunked and no Content-Length.
    const { request: httpRequest } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(new URL(`/api/v1/records/incident/${MISSING}`, baseURL), { method: 'PATCH', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"description": ');
      req.end('"x"}');
    });
    expect(status).toBe(411);
  });

  test('error bodies name the problem without stack traces or SQL', async () => {
    const responses = [
      await police.patch(`/api/v1/records/incident/${MISSING}`, { data: '{"description": ', headers: { 'content-type': 'application/json' } }),
      await police.get('/api/v1/incidents/points?municipality=0683&from=not-a-date&to=2025-12-31'),
      await police.get(`/api/v1/records/incident/1'%20OR%20'1'='1`),
      await police.get(`/api/v1/records/no-such-kind/${MISSING}`),
    ];
    expect(responses.map((r) => r.status())).toEqual([400, 400, 404, 404]);
    for (const r of responses) {
      const text = await r.text();
      expect(JSON.parse(text)).toHaveProperty('error.code');
      expect(text).not.toMatch(/\bat .+:\d+:\d+|node_modules|SELECT |syntax error|stack/i);
      expect(r.headers()['cache-control']).toContain('no-store');
    }
  });

  test('signed out, the points API answers 401 before it validates anything', async () => {
    const res = await anonymous.get('/api/v1/incidents/points?municipality=nope&from=x');
    expect(res.status()).toBe(401);
    const body = await res.json();
    expect(body.error.code).toBe('unauthorized');
    expect(body.error.issues).toBeUndefined();
  });
});

/** Collects CSP violations the page reports while it loads and runs. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test('the staff map loads and draws under the CSP with no violation (MapLibre worker included)', async ({ page, baseURL }) => {
  const violations = await watchViolations(page);
  await signInAs(page, 'police', baseURL!);
  await page.goto('/karta?from=2025-01-01&to=2025-12-31');
  await page.waitForFunction(() => (window as unknown as { __lagesbild?: { mapLoaded?: boolean; deckRendered?: boolean } }).__lagesbild?.deckRendered === true, undefined, { timeout: 90_000 });
  expect(violations).toEqual([]);
});

test('the sign-in page works under the CSP: a wrong password is answered in the page, with no violation', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto('/logga-in');
  await page.getByLabel('E-postadress').fill('nobody@example.org');
  await page.getByLabel('Lösenord').fill('wrong-password');
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await expect(page.getByTestId('sign-in-error')).toBeVisible();
  expect(violations).toEqual([]);
});

/** Every page without a dynamic segment, found on the file system (a new page is crawled without a list). */
function staticPageUrls(): string[] {
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  return walk(path.resolve('app'))
    .map((f) => path.relative(path.resolve('app'), f).split(path.sep).join('/'))
    .filter((f) => /(^|\/)page\.tsx$/.test(f) && !f.includes('['))
    .map((f) => `/${f.replace(/(^|\/)page\.tsx$/, '').replace(/\([^)]+\)\/?/g, '')}`.replace(/\/$/, '') || '/')
    .sort();
}

for (const role of ['police', 'council', 'admin'] as const) {
  test(`every page loads under the CSP with no violation, as ${role}`, async ({ page, baseURL }) => {
    test.setTimeout(300_000);
    const violations = await watchViolations(page);
    await signInAs(page, role, baseURL!);
    const visited: string[] = [];
    for (const url of staticPageUrls()) {
      const res = await page.goto(url);
      visited.push(`${url} ${res?.status()}`);
      // Let client components hydrate and fetch.
      await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
    }
    expect(visited.length).toBeGreaterThan(5);
    expect(violations, visited.join(', ')).toEqual([]);
  });
}
