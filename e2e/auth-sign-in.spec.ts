// Sign-in journeys: a signed-out visitor is sent to sign-in; each demo role signs in and sees the menus
// it should (the admin link only for admin); a wrong password gets the same words as an unknown account.
// The demo users (README "Demo users") are ensured in the PostgreSQL e2e database before the tests, with
// the library's own password hashing, so the spec does not depend on how the database was seeded.
import { expect, type Page, test } from '@playwright/test';

const DEMO = [
  { email: 'admin@demo.lagesbild.example', password: 'demo-admin-0683', role: 'admin', orgKind: null, admin: true },
  { email: 'polis@demo.lagesbild.example', password: 'demo-polis-0683', role: 'police', orgKind: 'police', admin: false },
  { email: 'kommun@demo.lagesbild.example', password: 'demo-kommun-0683', role: 'municipality', orgKind: 'municipality', admin: false },
  { email: 'partner@demo.lagesbild.example', password: 'demo-partner-0683', role: 'partner', orgKind: 'housing', admin: false },
  { email: 'bra@demo.lagesbild.example', password: 'demo-bra-0683', role: 'council', orgKind: null, admin: false },
] as const;

const MUNICIPALITY = '0683';

test.describe.configure({ mode: 'serial' });

// The demo users exist on every e2e server: e2e/support/prepare-database.ts makes them with the product's code.

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/logga-in');
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

test('a signed-out visitor reaching a staff URL is sent to sign-in, and the points API answers 401', async ({ page }) => {
  await page.goto('/karta');
  await expect(page).toHaveURL(/\/logga-in\?next=%2Fkarta$/);
  await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible();
  const res = await page.request.get(`/api/v1/incidents/points?municipality=${MUNICIPALITY}`);
  expect(res.status()).toBe(401);
  expect((await res.json()).error.code).toBe('unauthorized');
});

for (const u of DEMO) {
  test(`the ${u.role} demo user signs in and sees ${u.admin ? 'the admin menu' : 'no admin menu'}`, async ({ page }) => {
    await signIn(page, u.email, u.password);
    await expect(page).toHaveURL(/\/karta/);
    await expect(page.getByTestId('sign-out')).toContainText(u.email);
    await expect(page.getByTestId('nav-admin')).toHaveCount(u.admin ? 1 : 0);
    const points = await page.request.get(`/api/v1/incidents/points?municipality=${MUNICIPALITY}`);
    expect(points.status()).toBe(['police', 'municipality', 'partner'].includes(u.role) ? 200 : 403);
    await page.getByTestId('sign-out').getByRole('button').click();
    await expect(page).toHaveURL(/\/logga-in/);
    await page.goto('/karta');
    await expect(page).toHaveURL(/\/logga-in/);
  });
}

test('a wrong password and an unknown account read the same', async ({ page }) => {
  await signIn(page, DEMO[1].email, 'not-the-password');
  const wrong = await page.getByTestId('sign-in-error').textContent();
  await signIn(page, 'nobody@demo.lagesbild.example', 'not-the-password');
  await expect(page.getByTestId('sign-in-error')).toHaveText(wrong ?? '');
});

test('a partner sees fewer points than the police in the same view', async ({ browser }) => {
  const counts: Record<string, number> = {};
  for (const u of [DEMO[1], DEMO[3]]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, u.email, u.password);
    await expect(page).toHaveURL(/\/karta/);
    const res = await page.request.get(`/api/v1/incidents/points?municipality=${MUNICIPALITY}&from=2025-01-01&to=2025-12-31`);
    counts[u.role] = Number(res.headers()['x-point-count']);
    await context.close();
  }
  expect(counts.partner).toBeGreaterThan(0);
  expect(counts.partner).toBeLessThan(counts.police);
});
