// Filters in the URL: a link with weekday and hour filters reproduces the same picture after a reload and
// in a fresh tab (at the municipality's zoom: the exact hexagon counts of the full filter, counted in
// SQL), the hour × weekday table sums to that count, and the filter bar writes the URL and offers only
// the sources the map draws.
// Signs in through the sign-in form as the police demo user, whom e2e/auth-sign-in.spec.ts ensures in the
// PostgreSQL e2e database (run it first: `playwright test e2e/auth-sign-in.spec.ts e2e/staff-map-filters.spec.ts`).
import { expect, type Page, test } from '@playwright/test';
import { E2E_PERIOD, openAggregateMapAndWait } from './support/map-page';

const POLICE = { email: 'polis@demo.lagesbild.example', password: 'demo-polis-0683' };
const FILTERED_URL = `/karta?from=${E2E_PERIOD.from}&to=${E2E_PERIOD.to}&weekdays=5,6,7&hours=20-23,0-3`;

async function signIn(page: Page): Promise<void> {
  await page.goto('/logga-in');
  await page.getByLabel('E-postadress').fill(POLICE.email);
  await page.getByLabel('Lösenord').fill(POLICE.password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page).not.toHaveURL(/logga-in/, { timeout: 30_000 });
}

/** Opens a map URL and returns the number of incidents the exact aggregate counted and the map drew. */
async function openFiltered(page: Page, url: string): Promise<number> {
  const { dto, flags, requests } = await openAggregateMapAndWait(page, url);
  const count = dto.total;
  expect(flags.pointCount).toBe(count);
  expect(requests.filter((u) => new URL(u).pathname.endsWith('/points'))).toEqual([]);
  await expect(page.getByTestId('point-count')).toHaveAttribute('data-count', String(count));
  return count;
}

async function matrixTotal(page: Page): Promise<{ total: number; rowSum: number; cellSum: number }> {
  const table = page.getByTestId('hour-weekday-table');
  const total = Number(await table.getAttribute('data-total'));
  const cells = await table.locator('tbody td[data-count]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-count'))));
  const rows = await table.getByTestId('hour-weekday-row-total').allTextContents();
  // Row totals are shown to one decimal (incidents known within a time window are spread aoristically).
  const rowSum = rows.map((s) => Number(s.replace(/\s/g, '').replace(',', '.'))).reduce((a, b) => a + b, 0);
  return { total, rowSum: Math.round(rowSum), cellSum: Math.round(cells.reduce((a, b) => a + b, 0)) };
}

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('a URL with weekday and hour filters reproduces the same points after a reload and in a new tab, and the matrix sums to them', async ({ page, context }, testInfo) => {
  const count = await openFiltered(page, FILTERED_URL);
  expect(count).toBeGreaterThan(0);
  const m = await matrixTotal(page);
  expect(m).toEqual({ total: count, rowSum: count, cellSum: count });
  // Only Friday–Sunday, 20–03 have counts.
  const outside = await page
    .getByTestId('hour-weekday-table')
    .locator('tbody tr')
    .first()
    .locator('td[data-count]')
    .evaluateAll((tds) => tds.reduce((a, td) => a + Number(td.getAttribute('data-count')), 0));
  expect(outside).toBe(0);
  await expect(page.getByTestId('summary-incidents')).toHaveText(new Intl.NumberFormat('sv-SE').format(count));
  await page.screenshot({ path: testInfo.outputPath('filtered-desktop.png'), fullPage: true });
  await page.getByTestId('hour-weekday').screenshot({ path: testInfo.outputPath('hour-weekday.png') });

  await page.reload();
  await page.waitForFunction(() => window.__lagesbild?.deckRendered === true, undefined, { timeout: 90_000 });
  await expect(page.getByTestId('point-count')).toHaveAttribute('data-count', String(count));

  const other = await context.newPage();
  expect(await openFiltered(other, page.url())).toBe(count);
  expect((await matrixTotal(other)).total).toBe(count);
});

test('the filter bar writes weekday, view and layers into the URL', async ({ page }) => {
  await openFiltered(page, FILTERED_URL);
  await page.getByTestId('filter-weekday-7').click();
  await expect(page).toHaveURL(/weekdays=5%2C6|weekdays=5,6(&|$)/);
  await page.getByTestId('filter-view-hex').click();
  await expect(page).toHaveURL(/view=hex/);
  await page.getByTestId('filter-layer-vandalism').click();
  await expect(page).toHaveURL(/layers=incidents%2Cunsafe|layers=incidents,unsafe/);
  await expect(page.getByTestId('summary-vandalism')).toContainText('dolt');
  await page.waitForFunction(() => window.__lagesbild?.view === 'hex' && window.__lagesbild?.deckRendered === true, undefined, { timeout: 90_000 });
  const { total } = await matrixTotal(page);
  await expect(page.getByTestId('point-count')).toHaveAttribute('data-count', String(total));
});

test('on a 390 px phone the map comes first and the panel below it, with the heatmap', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openFiltered(page, `${FILTERED_URL}&view=heat`);
  const map = await page.getByTestId('situation-map').boundingBox();
  const bar = await page.getByTestId('filter-bar').boundingBox();
  expect(map && bar && map.y < bar.y).toBe(true);
  expect(map!.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath('filtered-phone.png'), fullPage: true });
});

test('hexagon and heatmap views draw the same points as density over the map', async ({ page }, testInfo) => {
  for (const view of ['hex', 'heat'] as const) {
    const count = await openFiltered(page, `/karta?from=${E2E_PERIOD.from}&to=${E2E_PERIOD.to}&weekdays=1-7&view=${view}`);
    expect(count).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.__lagesbild?.view)).toBe(view);
    await page.getByTestId('situation-map').screenshot({ path: testInfo.outputPath(`view-${view}.png`) });
  }
});

test('the source filter offers only sources drawn on the map; a police-feed link says why the map is empty', async ({ page }) => {
  const base = `/karta?from=${E2E_PERIOD.from}&to=${E2E_PERIOD.to}`;
  const all = await openFiltered(page, base);
  expect(all).toBeGreaterThan(0);
  const offered = await page.getByTestId('filter-source').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  // The e2e municipality holds the demo set: 'demo' is offered; the feed and synthetic scale data never are.
  expect(offered).toEqual(['', 'police', 'municipality', 'partner', 'citizen', 'import', 'demo']);
  await expect(page.getByTestId('filter-source-unmapped')).toHaveCount(0);

  // A shared link filtering by the police feed: the select shows that filter (not "Alla"), the map and
  // the hour × weekday table count none, and the note says why and how to get back.
  expect(await openFiltered(page, `${base}&sources=police_feed`)).toBe(0);
  expect((await matrixTotal(page)).total).toBe(0);
  await expect(page.getByTestId('filter-source')).toHaveValue('police_feed');
  await expect(page.getByTestId('filter-source').locator('option:checked')).toHaveText('Polisens händelseflöde (visas inte på kartan)');
  const note = page.getByTestId('filter-source-unmapped');
  await expect(note).toContainText('Polisens händelseflöde visas inte som händelser på kartan');
  await expect(note.getByRole('link', { name: 'Se flödet som lista.' })).toHaveAttribute('href', /^\/handelser\?/);
  await note.getByTestId('filter-source-clear').click();
  await expect(page).not.toHaveURL(/sources=/);
  await expect(page.getByTestId('point-count')).toHaveAttribute('data-count', String(all));
  await expect(page.getByTestId('filter-source-unmapped')).toHaveCount(0);
});
