// The council member's dashboard (issue 7 point 4): every chart has its table and a CSV link, the CSV
// downloads with formula cells neutralised, and nothing the browser receives holds an incident point,
// an incident field or a binary point pack. The e2e demo ends 2026-01-01, so 2025-Q4 is its last quarter.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signInAs } from './support/sign-in';

const QUARTER = '2025-Q4';
const CHARTS = ['trend-quarterly', 'trend-monthly', 'survey', 'pledges', 'cleanup', 'effects'];

test('a council member opens the dashboard: each chart has its table and CSV link, and no response holds point data', async ({ page, baseURL }) => {
  await signInAs(page, 'council', baseURL!);
  const bodies: { url: string; type: string; text: string }[] = [];
  page.on('response', async (res) => {
    if (!res.url().startsWith(baseURL!)) return;
    const type = res.headers()['content-type'] ?? '';
    const text = /json|text|javascript|x-component/.test(type) ? await res.text().catch(() => '') : '';
    bodies.push({ url: res.url(), type, text });
  });
  await page.goto(`/rad?quarter=${QUARTER}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(QUARTER);
  await expect(page.getByTestId('nav-council')).toBeVisible();

  const present = [];
  for (const id of CHARTS) {
    const figure = page.getByTestId(`chart-${id}`);
    if ((await figure.count()) === 0) continue;
    present.push(id);
    await expect(figure.getByTestId(`table-${id}`).locator('table')).toBeVisible();
    await expect(figure.getByTestId(`csv-${id}`)).toHaveAttribute('href', `/api/v1/council/csv?chart=${id}&quarter=${QUARTER}`);
  }
  // Trends, survey, cleanup and pledges always have data in the demo; effects need a focus area.
  expect(present).toEqual(expect.arrayContaining(['trend-quarterly', 'trend-monthly', 'survey', 'cleanup', 'pledges']));
  await expect(page.locator('[data-testid="chart-trend-quarterly"] .recharts-wrapper > svg').first()).toBeVisible();

  await page.waitForLoadState('networkidle');
  expect(bodies.length).toBeGreaterThan(0);
  for (const b of bodies) {
    expect(b.type, b.url).not.toContain('application/octet-stream');
    expect(b.url).not.toMatch(/\/api\/v1\/(incidents|situation)\/points|\/api\/v1\/selection/);
    // As JSON keys (in API bodies and the RSC payload); the page's <meta name="description"> is no record field.
    for (const field of ['coordinates', 'occurred_at', 'occurredAt', 'description', 'internal_notes', 'internalNotes', 'lon', 'lat']) {
      expect(new RegExp(`\\\\?"${field}\\\\?":`).test(b.text), `${field} in ${b.url}`).toBe(false);
    }
  }
});

test('a chart table downloads as CSV with its header', async ({ page, baseURL }) => {
  await signInAs(page, 'council', baseURL!);
  await page.goto(`/rad?quarter=${QUARTER}`);
  const download = page.waitForEvent('download');
  await page.getByTestId('csv-trend-quarterly').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`lagesbild-trend-quarterly-${QUARTER}.csv`);
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const lines = text.replace(/^\uFEFF/, '').split('\r\n');
  expect(lines[0]).toBe('"område","grupp","period","antal","samma period föregående år","förändring procent","rullande medel","bedömning","normalt intervall lägst","normalt intervall högst"');
  expect(lines.some((l) => l.startsWith('"Hela kommunen","all","2025-Q4"'))).toBe(true);
  // No cell starts a formula.
  for (const cell of lines.flatMap((l) => l.split('","'))) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@]/);
});

test('the API answers the council with aggregates only and refuses a partner', async ({ page, baseURL, request }) => {
  await signInAs(page, 'council', baseURL!);
  const res = await page.request.get(`/api/v1/council/dashboard?quarter=${QUARTER}`);
  expect(res.status()).toBe(200);
  const dto = await res.json();
  const values = [...dto.quarterly, ...dto.monthly].flatMap((s: { points: { figure: { value: number | null } }[] }) => s.points.map((p) => p.figure.value)).filter((v: number | null) => v !== null);
  expect(values.length).toBeGreaterThan(0);
  expect(Math.min(...values)).toBeGreaterThanOrEqual(dto.k);
  expect((await page.request.get('/api/v1/council/dashboard?quarter=2099-Q1')).status()).toBe(400);
  const anonymous = await request.get(`${baseURL}/api/v1/council/dashboard`);
  expect(anonymous.status()).toBe(401);
});

test('the dashboard has no serious accessibility violations', async ({ page, baseURL }) => {
  await signInAs(page, 'council', baseURL!);
  await page.goto(`/rad?quarter=${QUARTER}`);
  await expect(page.locator('[data-testid="chart-trend-quarterly"] .recharts-wrapper > svg').first()).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
