// The authorisation matrix: every route handler and page, found on the file system, with the expected
// answer for each role and for signed-out visitors, called with a real session per role. A route or
// page missing from the table fails; so does a server action missing from ACTIONS (they are listed
// with the check they make; their behaviour is covered by the sign-in and admin journeys).
import fs from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, expect, request, test } from '@playwright/test';
import { hashPassword } from 'better-auth/crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';

type Audience = 'signed-out' | 'admin' | 'police' | 'municipality' | 'partner' | 'council';
/** A status, or 'signin': a redirect to the sign-in page, or 'redirect': any other redirect. */
type Outcome = number | 'signin' | 'redirect';

const AUDIENCES: Audience[] = ['signed-out', 'admin', 'police', 'municipality', 'partner', 'council'];
const Q = 'municipality=0683&from=2025-01-01&to=2025-12-31';

const all = (o: Outcome): Record<Audience, Outcome> => Object.fromEntries(AUDIENCES.map((a) => [a, o])) as Record<Audience, Outcome>;
const staffPage: Record<Audience, Outcome> = { ...all(200), 'signed-out': 'signin' };
const adminPage: Record<Audience, Outcome> = { ...all(404), 'signed-out': 'signin', admin: 200 };
const exactData: Record<Audience, Outcome> = { 'signed-out': 401, admin: 403, council: 403, police: 200, municipality: 200, partner: 200 };

/** Every route file and page (path relative to app/) → the URL called and the outcome per audience. */
const MATRIX: Record<string, { url: string; expect: Record<Audience, Outcome> }> = {
  'page.tsx': { url: '/', expect: all('redirect') },
  '(staff)/karta/page.tsx': { url: '/karta', expect: staffPage },
  '(staff)/admin/page.tsx': { url: '/admin', expect: adminPage },
  '(staff)/admin/anvandare/page.tsx': { url: '/admin/anvandare', expect: adminPage },
  '(staff)/admin/organisationer/page.tsx': { url: '/admin/organisationer', expect: adminPage },
  '(staff)/admin/logg/page.tsx': { url: '/admin/logg', expect: adminPage },
  '(staff)/admin/publicering/page.tsx': { url: '/admin/publicering', expect: adminPage },
  '(auth)/logga-in/page.tsx': { url: '/logga-in', expect: all(200) },
  '(auth)/logga-in/tvastegs/page.tsx': { url: '/logga-in/tvastegs', expect: all(200) },
  '(auth)/logga-in/tvastegs/aktivera/page.tsx': { url: '/logga-in/tvastegs/aktivera', expect: { ...all(200), 'signed-out': 'signin' } },
  'api/auth/[...all]/route.ts': { url: '/api/auth/get-session', expect: all(200) },
  'api/health/route.ts': { url: '/api/health', expect: all(200) },
  'sprak/route.ts': { url: '/sprak?lang=en&next=%2Fkarta', expect: all('redirect') },
  'api/v1/incidents/points/route.ts': { url: `/api/v1/incidents/points?${Q}`, expect: exactData },
  'api/v1/situation/points/route.ts': { url: `/api/v1/situation/points?${Q}`, expect: exactData },
  'api/v1/situation/hour-weekday/route.ts': { url: `/api/v1/situation/hour-weekday?${Q}`, expect: exactData },
  'api/v1/situation/trend/route.ts': { url: `/api/v1/situation/trend?${Q}`, expect: exactData },
  'api/v1/situation/unsafe-places/route.ts': { url: `/api/v1/situation/unsafe-places?${Q}`, expect: exactData },
  'api/v1/situation/vandalism/route.ts': { url: `/api/v1/situation/vandalism?${Q}`, expect: exactData },
  'api/v1/admin/audit/export/route.ts': { url: '/api/v1/admin/audit/export?action=sign_in', expect: { ...all(403), 'signed-out': 401, admin: 200 } },
};

/** Server actions (file#export) and the check each makes before it changes anything. */
const ACTIONS: Record<string, string> = {
  '(auth)/logga-in/actions.ts#signInAction': 'public: throttled password sign-in',
  '(auth)/logga-in/actions.ts#verifyCodeAction': 'pending two-factor cookie',
  '(auth)/logga-in/actions.ts#enrolmentAction': 'session + password again',
  '(auth)/logga-in/actions.ts#signOutAction': 'session (none: no effect)',
  '(auth)/logga-in/actions.ts#oidcSignInAction': 'public: starts the provider redirect',
  '(auth)/logga-in/actions.ts#setMeetingModeAction': 'narrows only (cookie); audited when signed in',
  '(staff)/admin/actions.ts#createUserAction': 'admin in the membership municipality',
  '(staff)/admin/actions.ts#grantRoleAction': 'admin in the municipality',
  '(staff)/admin/actions.ts#revokeRoleAction': 'admin in the municipality',
  '(staff)/admin/actions.ts#resetPasswordAction': 'admin of a municipality where the user holds a role',
  '(staff)/admin/actions.ts#setDisabledAction': 'admin of a municipality where the user holds a role; not oneself',
  '(staff)/admin/actions.ts#createOrganisationAction': 'admin in the municipality',
  '(staff)/admin/publicering/actions.ts#publishQuarterAction': 'admin in the municipality; the disclosure audit must pass',
  '(staff)/admin/actions.ts#verifyAuditAction': 'admin',
};

const DEMO: Record<Exclude<Audience, 'signed-out'>, { email: string; password: string; orgKind: string | null }> = {
  admin: { email: 'admin@demo.lagesbild.example', password: 'demo-admin-0683', orgKind: null },
  police: { email: 'polis@demo.lagesbild.example', password: 'demo-polis-0683', orgKind: 'police' },
  municipality: { email: 'kommun@demo.lagesbild.example', password: 'demo-kommun-0683', orgKind: 'municipality' },
  partner: { email: 'partner@demo.lagesbild.example', password: 'demo-partner-0683', orgKind: 'housing' },
  council: { email: 'bra@demo.lagesbild.example', password: 'demo-bra-0683', orgKind: null },
};

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const APP = path.resolve('app');
const files = walk(APP).map((f) => path.relative(APP, f).split(path.sep).join('/'));

test('every route handler and page is in the matrix, and nothing else', () => {
  const found = files.filter((f) => /(^|\/)(route\.ts|page\.tsx)$/.test(f)).sort();
  expect(found).toEqual(Object.keys(MATRIX).sort());
});

test('every server action is listed with the check it makes', () => {
  const found: string[] = [];
  for (const f of files.filter((x) => /\.tsx?$/.test(x))) {
    const text = fs.readFileSync(path.join(APP, f), 'utf8');
    if (!/^\s*['"]use server['"]/.test(text)) continue;
    for (const m of text.matchAll(/export async function (\w+)/g)) found.push(`${f}#${m[1]}`);
  }
  expect(found.sort()).toEqual(Object.keys(ACTIONS).sort());
});

test.describe('with a real session per role', () => {
  const contexts = new Map<Audience, APIRequestContext>();

  test.beforeAll(async ({ baseURL }, testInfo) => {
    test.skip(testInfo.project.name !== 'postgres', 'the PGlite data folder belongs to its server process');
    const url = process.env.E2E_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/lagesbild_e2e';
    const db = new Kysely<Record<string, Record<string, unknown>>>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
    try {
      for (const [role, u] of Object.entries(DEMO)) {
        if ((await sql<{ n: number }>`SELECT count(*)::int AS n FROM auth_user WHERE email = ${u.email}`.execute(db)).rows[0].n > 0) continue;
        const id = crypto.randomUUID();
        const org = u.orgKind ? (await sql<{ id: string }>`SELECT id FROM organisation WHERE municipality_code = '0683' AND kind = ${u.orgKind} ORDER BY name LIMIT 1`.execute(db)).rows[0]?.id : null;
        await sql`INSERT INTO auth_user (id, name, email, email_verified, is_demo) VALUES (${id}, ${role}, ${u.email}, true, true)`.execute(db);
        await sql`INSERT INTO auth_account (id, user_id, account_id, provider_id, password) VALUES (${crypto.randomUUID()}, ${id}, ${id}, 'credential', ${await hashPassword(u.password)})`.execute(db);
        await sql`INSERT INTO role_membership (user_id, municipality_code, role, organisation_id) VALUES (${id}, '0683', ${role}, ${org ?? null})`.execute(db);
      }
    } finally {
      await db.destroy();
    }
    for (const audience of AUDIENCES) {
      const ctx = await request.newContext({ baseURL });
      if (audience !== 'signed-out') {
        const u = DEMO[audience];
        const res = await ctx.post('/api/auth/sign-in/email', { data: { email: u.email, password: u.password }, headers: { origin: baseURL! } });
        expect(res.status(), `sign-in as ${audience}`).toBe(200);
      }
      contexts.set(audience, ctx);
    }
  });

  test.afterAll(async () => {
    for (const ctx of contexts.values()) await ctx.dispose();
  });

  for (const [file, entry] of Object.entries(MATRIX)) {
    test(`${entry.url} (${file}) answers each role as the matrix says`, async () => {
      const got: Record<string, Outcome> = {};
      for (const audience of AUDIENCES) {
        const res = await contexts.get(audience)!.get(entry.url, { maxRedirects: 0 });
        const location = res.headers().location ?? '';
        got[audience] = res.status() >= 300 && res.status() < 400 ? (location.includes('/logga-in') ? 'signin' : 'redirect') : res.status();
      }
      expect(got).toEqual(entry.expect);
    });
  }
});
