// A filter change that only narrows the loaded points (a shorter period inside it, a category off) is
// applied on the GPU (deck.gl's DataFilterExtension) without a new points request, and shows exactly
// what the server would send for the narrower filter; widening the period does refetch. The map opens
// on STREET_MAP_URL (the year 2025, at a street zoom, so points load by tiles).
import { expect, test } from '@playwright/test';
import { dayNumber } from '@/lib/map/point-filter';
import { decodePointPack } from '@/lib/map/point-pack';
import { tileBbox } from '@/lib/map/viewport-tiles';
import { mapCanvasPixels, openMapAndWait } from './support/map-page';
import { signInAs } from './support/sign-in';

test.beforeEach(async ({ page, baseURL }) => {
  await signInAs(page, 'police', baseURL!);
});

test('narrowing the period and the categories filters the loaded points on the GPU, without refetching', async ({ page }, testInfo) => {
  const { points, flags } = await openMapAndWait(page);
  const tiles = flags.tiles!;
  const before = await mapCanvasPixels(page);
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/points?')) requests.push(r.url());
  });

  // Every category but theft, in March: what the server answers for that filter.
  const theft = points.categories.indexOf('theft');
  expect(theft).toBeGreaterThanOrEqual(0);
  const [lo, hi] = [dayNumber('2025-03-01'), dayNumber('2025-03-31')];
  let expected = 0;
  for (let i = 0; i < points.count; i++) if (points.days[i] >= lo && points.days[i] <= hi && points.categoryIndex[i] !== theft) expected++;
  const others = points.categories.filter((k) => k !== 'theft').join(',');
  let server = 0;
  for (const key of tiles) {
    const [z, x, y] = key.split('/').map(Number);
    const res = await page.request.get(`/api/v1/incidents/points?municipality=0683&from=2025-03-01&to=2025-03-31&categories=${others}&bbox=${tileBbox({ z, x, y }).join(',')}`);
    server += (await decodePointPack(await res.body())).count;
  }
  expect(server).toBe(expected);
  expect(expected).toBeGreaterThan(0);
  expect(expected).toBeLessThan(points.count / 4);

  await page.getByTestId('filter-from').fill('2025-03-01');
  await expect(page).toHaveURL(/from=2025-03-01/);
  await page.getByTestId('filter-to').fill('2025-03-31');
  await expect(page).toHaveURL(/to=2025-03-31/);
  await page.getByTestId('filter-bar').locator('summary').filter({ hasText: /Kategorier|Categories/ }).click();
  await page.getByRole('checkbox', { name: 'Stöld', exact: true }).uncheck();
  await expect(page).toHaveURL(/categories=/);
  await expect(page.getByTestId('point-count')).toHaveAttribute('data-count', String(expected), { timeout: 30_000 });
  await page.waitForFunction(() => window.__lagesbild?.deckRendered === true, undefined, { timeout: 30_000 });
  expect(await page.evaluate(() => [window.__lagesbild?.pointCount, window.__lagesbild?.apiPointCount])).toEqual([expected, points.count]);
  expect(requests).toEqual([]);
  // The points are gone from the canvas too, not only from the count.
  const after = await mapCanvasPixels(page);
  testInfo.annotations.push({ type: 'pixels', description: JSON.stringify({ before: before.pointColoured, after: after.pointColoured }) });
  expect(after.pointColoured).toBeLessThan(before.pointColoured * 0.7);

  // A period reaching outside the loaded one is a new request for every tile of the view.
  const refetch = page.waitForResponse((r) => r.url().includes('/points?') && r.url().includes('from=2024-12-01'), { timeout: 60_000 });
  await page.getByTestId('filter-from').fill('2024-12-01');
  expect((await refetch).status()).toBe(200);
  await page.waitForFunction(() => window.__lagesbild?.pending === false && window.__lagesbild?.deckRendered === true, undefined, { timeout: 60_000 });
  expect(requests.length).toBe(tiles.length);
});
