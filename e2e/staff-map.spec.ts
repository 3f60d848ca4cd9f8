// The staff situational map: MapLibre with the offline style and deck.gl points from the binary API
// (opened at a street zoom, where points load by tiles: e2e/staff-map-viewport.spec.ts).
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { CATEGORIES } from '@/lib/domain/categories';
import { decodePointPack } from '@/lib/map/point-pack';
import { E2E_PERIOD, MAP_URL, mapCanvasPixels, openMapAndWait } from './support/map-page';
import { signInAs } from './support/sign-in';

// The police demo user sees every joint record as an exact point.
test.beforeEach(async ({ page, baseURL }) => {
  await signInAs(page, 'police', baseURL!);
});

test('the map draws every incident the API returned, in WebGL @smoke', async ({ page }, testInfo) => {
  const { points, flags } = await openMapAndWait(page);
  expect(points.count).toBeGreaterThan(50);
  expect(points.count).toBeLessThanOrEqual(10_000);
  expect(flags.apiPointCount).toBe(points.count);
  expect(flags.pointCount).toBe(points.count);
  await expect(page.getByTestId('point-count')).toHaveAttribute('data-count', String(points.count));

  const pixels = await mapCanvasPixels(page);
  testInfo.annotations.push({ type: 'pixels', description: JSON.stringify(pixels) });
  // At a street zoom inside the municipality the district fill (not the background outside it) lies
  // under the points; the points paint well over a few hundred pixels without covering the map.
  expect(pixels.pointColoured).toBeLessThan(pixels.width * pixels.height * 0.5);
  expect(pixels.pointColoured).toBeGreaterThan(Math.min(points.count, 300));
  expect(pixels.groupsSeen.length).toBeGreaterThanOrEqual(3);

  await page.screenshot({ path: testInfo.outputPath('staff-map.png') });
});

test('the staff map is in Swedish, with a skip link, the demo banner and the basemap note', async ({ page }) => {
  // The first page (/) is the public page since issue 8; staff reach the map through "Logga in".
  await page.goto('/karta');
  await expect(page).toHaveURL(/\/karta$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.getByRole('link', { name: 'Hoppa till innehållet' })).toBeAttached();
  await expect(page.getByRole('banner')).toContainText('Lägesbild');
  await expect(page.getByRole('banner')).toContainText('Värnamo kommun');
  await expect(page.getByTestId('demo-banner')).toContainText('Demodata');
  await expect(page.getByTestId('basemap-note')).toContainText('LAGESBILD_BASEMAP_STYLE_URL');
  // The whole municipality is drawn as hexagon counts: the legend explains those (staff-map-viewport.spec.ts has the details).
  await expect(page.getByTestId('map-legend')).toContainText('Antal händelser per sexhörning');
});

test('?lang=en switches to English and the choice sticks', async ({ page }) => {
  await page.goto(`${MAP_URL}&lang=en`);
  await expect(page).toHaveURL(new RegExp(`/karta\\?from=${E2E_PERIOD.from}&to=${E2E_PERIOD.to}$`));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('map-legend')).toContainText('Incidents per hexagon');
  await page.goto('/karta');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('link', { name: 'Svenska' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
});

test('the map page has no serious accessibility violations', async ({ page }) => {
  await openMapAndWait(page);
  const results = await new AxeBuilder({ page }).exclude('[data-testid="situation-map"] canvas').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('the points API sends a partner only categories of normal sensitivity', async ({ page, baseURL }) => {
  // Police see sensitive records they own (DESIGN §2); a partner never does.
  await signInAs(page, 'partner', baseURL!);
  const res = await page.request.get(`/api/v1/incidents/points?municipality=0683&from=${E2E_PERIOD.from}&to=${E2E_PERIOD.to}`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/octet-stream');
  const points = await decodePointPack(await res.body());
  const sensitive = new Set(CATEGORIES.filter((c) => c.sensitivity !== 'normal').map((c) => c.key));
  expect(points.categories.filter((k) => sensitive.has(k))).toEqual([]);
  expect(Number(res.headers()['x-point-count'])).toBe(points.count);
});

test("a point's id in the pack opens its record, and only for a viewer who sees that point", async ({ page, baseURL }) => {
  const packFor = async () => decodePointPack(await (await page.request.get(`/api/v1/incidents/points?from=${E2E_PERIOD.from}&to=${E2E_PERIOD.to}`)).body());
  const police = await packFor();
  expect(police.ids).not.toBeNull();
  expect(police.ids!.length).toBe(police.count);
  const i = Math.floor(police.count / 2);
  const res = await page.request.get(`/api/v1/incidents/points/${police.ids![i]}`);
  expect(res.status()).toBe(200);
  const record = await res.json();
  expect(record.kind).toBe('incident');
  expect(record.lon).toBeCloseTo(police.positions[i * 2], 4);
  expect(record.lat).toBeCloseTo(police.positions[i * 2 + 1], 4);
  await signInAs(page, 'partner', baseURL!);
  const partner = new Set(await packFor().then((p) => Array.from(p.ids!)));
  const hidden = Array.from(police.ids!).find((id) => !partner.has(id));
  expect(hidden).toBeDefined();
  expect((await page.request.get(`/api/v1/incidents/points/${hidden}`)).status()).toBe(404);
  expect((await page.request.get(`/api/v1/incidents/points/${Array.from(partner)[0]}`)).status()).toBe(200);
});

test('a bbox narrows the points to the box', async ({ page }) => {
  // Värnamo town centre only.
  const bbox = [14.0, 57.16, 14.1, 57.21];
  const res = await page.request.get(`/api/v1/incidents/points?from=${E2E_PERIOD.from}&to=${E2E_PERIOD.to}&bbox=${bbox.join(',')}`);
  const all = await decodePointPack(await (await page.request.get(`/api/v1/incidents/points?from=${E2E_PERIOD.from}&to=${E2E_PERIOD.to}`)).body());
  const points = await decodePointPack(await res.body());
  expect(points.count).toBeGreaterThan(0);
  expect(points.count).toBeLessThan(all.count);
  for (let i = 0; i < points.count; i++) {
    expect(points.positions[i * 2]).toBeGreaterThanOrEqual(bbox[0] - 1e-5);
    expect(points.positions[i * 2]).toBeLessThanOrEqual(bbox[2] + 1e-5);
  }
});

test('bad filter parameters get a 400 with the zod issues', async ({ page }) => {
  const res = await page.request.get('/api/v1/incidents/points?from=2025-02-30&bbox=1,2,3');
  expect(res.status()).toBe(400);
  const body = await res.json();
  expect(body.error.code).toBe('invalid_request');
  expect(body.error.issues.map((i: { path: string[] }) => i.path.join('.')).sort()).toEqual(['bbox', 'from']);
});
