// The map for roles without exact access (council: suppressed hexagons from the server, never a point
// pack), the area panel with survey results, and the toolbar's link to the capture page.
import { expect, type Request, test } from '@playwright/test';
import type { HexAggregatesDto } from '@/lib/map/hex-aggregates';
import { MAP_URL, openAggregateMapAndWait, openMapAndWait } from './support/map-page';
import { signInAs } from './support/sign-in';

test('the council sees suppressed hexagons where the police analyst sees points', async ({ page, baseURL }, testInfo) => {
  await signInAs(page, 'council', baseURL!);
  const requests: string[] = [];
  page.on('request', (r: Request) => requests.push(new URL(r.url()).pathname));
  const aggregates = page.waitForResponse((r) => r.url().includes('/api/v1/aggregates/hex'), { timeout: 90_000 });
  await page.goto(MAP_URL);
  const res = await aggregates;
  expect(res.status()).toBe(200);
  const dto = (await res.json()) as HexAggregatesDto;
  expect(dto.k).toBeGreaterThanOrEqual(3);
  expect(dto.cells.length).toBeGreaterThan(0);
  expect(dto.cells.every((c) => c.count >= dto.k)).toBe(true);
  await page.waitForFunction(() => window.__lagesbild?.mapLoaded === true && window.__lagesbild?.deckRendered === true, undefined, { timeout: 90_000 });
  await expect(page.getByTestId('aggregate-count')).toHaveAttribute('data-count', String(dto.cells.length));
  // No point pack, no lasso for the council.
  expect(requests.filter((p) => p.endsWith('/points'))).toEqual([]);
  await expect(page.getByTestId('lasso-toggle')).toHaveCount(0);
  expect((await page.request.get(`/api/v1/incidents/points?municipality=0683&from=2025-01-01&to=2025-12-31`)).status()).toBe(403);
  await page.screenshot({ path: testInfo.outputPath('council-hexagons.png') });

  // The police analyst's map of the same URL asks for exact counts (not the suppressed ones), and
  // at a street zoom for points.
  await signInAs(page, 'police', baseURL!);
  requests.length = 0;
  const exact = await openAggregateMapAndWait(page);
  expect(exact.dto.total).toBeGreaterThan(0);
  expect(requests.filter((p) => p.includes('/aggregates/hex'))).toEqual([]);
  const police = await openMapAndWait(page);
  expect(police.points.count).toBeGreaterThan(0);
  expect(requests.filter((p) => p.includes('/aggregates/hex'))).toEqual([]);
});

test('choosing an area opens its panel with survey results and counts, and Esc closes it', async ({ page, baseURL }) => {
  await signInAs(page, 'police', baseURL!);
  await openMapAndWait(page);
  const choose = page.getByTestId('area-choose');
  const options = await choose.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  expect(options.length).toBeGreaterThan(0);
  let withSurveys = 0;
  for (const id of options.slice(0, 6)) {
    const answer = page.waitForResponse((r) => r.url().includes(`/api/v1/situation/areas/${id}`));
    await choose.selectOption(id);
    expect((await answer).status()).toBe(200);
    const panel = page.getByTestId('area-panel');
    await expect(panel.getByTestId('area-count-incidents')).toBeVisible();
    withSurveys += await panel.getByTestId('area-survey-row').count();
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
  }
  // The demo seed holds survey results for its districts.
  expect(withSurveys).toBeGreaterThan(0);
});

test('"Lägg till" links to the capture page at the map centre', async ({ page, baseURL }) => {
  await signInAs(page, 'police', baseURL!);
  await openMapAndWait(page);
  const href = await page.getByTestId('map-add').getAttribute('href');
  const url = new URL(href!, baseURL);
  expect(url.pathname).toBe('/registrera');
  // Värnamo municipality lies around 57.1–57.4 N, 13.6–14.4 E.
  expect(Number(url.searchParams.get('lat'))).toBeGreaterThan(56.9);
  expect(Number(url.searchParams.get('lat'))).toBeLessThan(57.5);
  expect(Number(url.searchParams.get('lng'))).toBeGreaterThan(13.4);
  expect(Number(url.searchParams.get('lng'))).toBeLessThan(14.6);
  expect(Number(url.searchParams.get('zoom'))).toBeGreaterThan(5);
});
