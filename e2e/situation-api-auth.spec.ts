// The staff map's situation APIs answer a signed-out caller 401 whatever the parameters: their
// validation rules (and so the shape of the filter) are told only to a signed-in user, as 400 naming
// the parameter.
import { type APIRequestContext, expect, request, test } from '@playwright/test';
import { DEMO_LOGINS } from './support/sign-in';

const BAD = 'municipality=0683&from=not-a-date&to=2025-12-31';
const ROUTES = [
  '/api/v1/situation/trend',
  '/api/v1/situation/hour-weekday',
  '/api/v1/situation/unsafe-places',
  '/api/v1/situation/vandalism',
  '/api/v1/situation/areas/00000000-0000-4000-8000-000000000000',
];

test.describe('situation APIs: authentication before validation', () => {
  let anonymous: APIRequestContext;
  let police: APIRequestContext;

  test.beforeAll(async ({ baseURL }) => {
    anonymous = await request.newContext({ baseURL });
    police = await request.newContext({ baseURL });
    const res = await police.post('/api/auth/sign-in/email', { data: DEMO_LOGINS.police, headers: { origin: baseURL! } });
    expect(res.status()).toBe(200);
  });

  test.afterAll(async () => {
    await anonymous.dispose();
    await police.dispose();
  });

  for (const route of ROUTES) {
    test(`${route}: invalid filter is 401 signed out, 400 naming "from" signed in`, async () => {
      const out = await anonymous.get(`${route}?${BAD}`);
      expect(out.status()).toBe(401);
      expect(JSON.stringify(await out.json())).not.toContain('from');

      const inside = await police.get(`${route}?${BAD}`);
      expect(inside.status()).toBe(400);
      const body = (await inside.json()) as { error: { issues: { path: (string | number)[] }[] } };
      expect(body.error.issues.map((i) => i.path.join('.'))).toContain('from');
    });
  }

  test('the trend without its period names the missing parameter', async () => {
    expect((await anonymous.get('/api/v1/situation/trend?municipality=0683&from=2025-01-01')).status()).toBe(401);
    const res = await police.get('/api/v1/situation/trend?municipality=0683&from=2025-01-01');
    expect(res.status()).toBe(400);
    const body = (await res.json()) as { error: { issues: { path: string[]; message: string }[] } };
    expect(body.error.issues).toEqual([expect.objectContaining({ path: ['to'], message: 'to is required for a trend' })]);
  });
});
