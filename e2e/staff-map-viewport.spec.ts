// The staff map by zoom: below street zoom it asks the server for exact hexagon counts of the whole
// filter (no points reach the browser); from street zoom it asks for points by fixed tiles, fetches only
// the tiles it has not loaded, and the view (zoom, centre) lives in the URL. The legend follows what is drawn.
import { expect, type Page, test } from '@playwright/test';
import { HEX_RADIUS_M } from '@/lib/map/count-ramp';
import { STREET_ZOOM, TILE_ZOOM, tileBbox, tileKey, tilesForBounds } from '@/lib/map/viewport-tiles';
import { MAP_URL, STREET_MAP_URL, STREET_VIEW, openAggregateMapAndWait, openMapAndWait, waitForView } from './support/map-page';
import { signInAs } from './support/sign-in';

test.beforeEach(async ({ page, baseURL }) => {
  // Run alone on a fresh PGlite server this may be the first request: wait until the database is ready.
  await expect.poll(async () => (await page.request.get(`${baseURL}/api/health`)).status(), { timeout: 120_000, intervals: [1000] }).toBe(200);
  await signInAs(page, 'police', baseURL!);
});

/** Bboxes of the points requests made from now on. */
function watchTileRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith('/points')) seen.push(u.searchParams.get('bbox') ?? '(none)');
  });
  return seen;
}

/** Drags the map by a fraction of its width (negative: east), starting near one edge so the pointer stays on the map. */
async function drag(page: Page, fraction: number): Promise<void> {
  const box = (await page.getByTestId('situation-map').boundingBox())!;
  const [x, y] = [box.x + box.width * (fraction < 0 ? 0.9 : 0.1), box.y + box.height / 2];
  const [dx, dy] = [Math.round(box.width * fraction), 0];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 12 });
  // Still before letting go: no inertia, so the map stops where the mouse did.
  await page.waitForTimeout(250);
  await page.mouse.up();
}

/** Waits until the map's merged tiles are no longer `before`, then until that view is drawn. */
async function waitForOtherTiles(page: Page, before: readonly string[]) {
  await page.waitForFunction((b) => (window.__lagesbild?.tiles ?? []).slice().sort().join(' ') !== b, [...before].sort().join(' '), { timeout: 30_000 });
  return waitForView(page, 'points');
}

test('at the municipality zoom the map asks for exact hexagon counts and no points @smoke', async ({ page }, testInfo) => {
  const { dto, flags, requests } = await openAggregateMapAndWait(page);
  expect(requests.filter((u) => new URL(u).pathname.endsWith('/points'))).toEqual([]);
  expect(requests.filter((u) => u.includes('/aggregates/hex'))).toEqual([]);
  expect(flags.mode).toBe('aggregate');
  expect(dto.cells.length % 3).toBe(0);
  expect(flags.aggregateCells).toBe(dto.cells.length / 3);
  expect(flags.aggregateCells).toBeGreaterThan(3);
  // Every incident of the filter is in some cell: the total is the server's own count (the hour × weekday table's).
  expect(dto.total).toBe(Number(await page.getByTestId('hour-weekday-table').getAttribute('data-total')));
  expect(flags.pointCount).toBe(dto.total);
  await expect(page.getByTestId('point-count')).toHaveAttribute('data-count', String(dto.total));
  await expect(page.getByTestId('map-mode')).toHaveAttribute('data-mode', 'aggregate');
  await expect(page.getByTestId('map-mode')).toContainText('Sammanräknat per sexhörning');
  expect([1000, 500]).toContain(dto.cellSizeM);
  await page.screenshot({ path: testInfo.outputPath('exact-aggregate.png') });
});

test('zooming in asks for points by tiles; a pan fetches only new tiles, and panning back fetches none', async ({ page }) => {
  await openAggregateMapAndWait(page);
  const bboxes = watchTileRequests(page);
  await page.getByTestId('zoom-to-points').click();
  let flags = await waitForView(page, 'points');
  await expect(page.getByTestId('map-mode')).toHaveAttribute('data-mode', 'points');
  // The zoom is in the URL's fragment.
  await expect(page).toHaveURL(new RegExp(`#map=${STREET_ZOOM}(\\.0+)?/`));
  const first = flags.tiles!;
  expect(first.length).toBeGreaterThan(0);
  // One request per tile, each for exactly a tile's bbox at TILE_ZOOM.
  expect(new Set(bboxes)).toEqual(new Set(first.map((k) => k.split('/').map(Number)).map(([z, x, y]) => tileBbox({ z, x, y }).join(','))));
  expect(bboxes).toHaveLength(first.length);
  expect(first.every((k) => k.startsWith(`${TILE_ZOOM}/`))).toBe(true);

  // Most of a screen (more than a tile) east: only the tiles not loaded yet are asked for.
  bboxes.length = 0;
  await drag(page, -0.8);
  flags = await waitForOtherTiles(page, first);
  const second = flags.tiles!;
  const fresh = second.filter((k) => !first.includes(k));
  expect(fresh.length).toBeGreaterThan(0);
  expect(bboxes).toHaveLength(fresh.length);
  expect(new Set(bboxes)).toEqual(new Set(fresh.map((k) => k.split('/').map(Number)).map(([z, x, y]) => tileBbox({ z, x, y }).join(','))));

  // And back: the tiles loaded before are reused, only tiles never loaded (none, if the map stops where it started) are asked.
  bboxes.length = 0;
  await drag(page, 0.8);
  flags = await waitForOtherTiles(page, second);
  const third = flags.tiles!;
  const never = third.filter((k) => !first.includes(k) && !second.includes(k));
  expect(third.filter((k) => first.includes(k)).length).toBeGreaterThanOrEqual(Math.min(first.length, third.length) - 2);
  expect(bboxes).toHaveLength(never.length);
  expect(flags.apiPointCount).toBe(flags.pointCount);
});

test('a street-zoom link opens the same view: the same tiles and points after a reload', async ({ page }) => {
  const { points, flags } = await openMapAndWait(page, STREET_MAP_URL);
  expect(points.count).toBeGreaterThan(0);
  expect(flags.pointCount).toBe(points.count);
  await expect(page.getByTestId('point-count')).toHaveAttribute('data-count', String(points.count));
  // Tiles cover the view: those of the viewport's bounds, computed independently.
  const [z, lat, lng] = STREET_MAP_URL.split('#map=')[1].split('/').map(Number);
  expect(z).toBeGreaterThanOrEqual(STREET_ZOOM);
  const keys = flags.tiles!;
  expect(keys).toContain(tileKey(tilesForBounds([lng, lat, lng + 1e-6, lat + 1e-6])[0]));
  const again = await openMapAndWait(page, page.url());
  expect([...again.flags.tiles!].sort()).toEqual([...keys].sort());
  expect(again.points.count).toBe(points.count);
  // A filter change keeps the view in the link.
  await page.getByTestId('filter-from').fill('2025-06-01');
  await expect(page).toHaveURL(/from=2025-06-01.*#map=13\.5\//);
  expect(MAP_URL).not.toContain('#');
});

test('the exact aggregate takes only the fixed cell sizes, and a partner counts less than the police', async ({ page, baseURL }) => {
  const q = `municipality=0683&from=2025-01-01&to=2025-12-31`;
  const bad = await page.request.get(`/api/v1/aggregates/exact?${q}&cell=300`);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.issues.map((i: { path: string[] }) => i.path.join('.'))).toEqual(['cell']);
  const police = (await (await page.request.get(`/api/v1/aggregates/exact?${q}&cell=500`)).json()).total as number;
  await signInAs(page, 'partner', baseURL!);
  const partner = await page.request.get(`/api/v1/aggregates/exact?${q}&cell=500`);
  expect(partner.status()).toBe(200);
  const total = (await partner.json()).total as number;
  expect(total).toBeLessThan(police);
});

/** The legend's incident part: what it says it draws, its cell size and the count range of its classes. */
async function incidentLegend(page: Page) {
  const part = page.getByTestId('map-legend-incidents');
  await expect(part).toBeVisible();
  const attr = async (name: string) => {
    const v = await part.getAttribute(name);
    return v === null ? null : Number(v);
  };
  return { part, kind: await part.getAttribute('data-kind'), cell: await attr('data-cell'), min: await attr('data-min'), max: await attr('data-max') };
}

test('the legend says what is drawn: hexagon count classes below street zoom, category colours at street zoom, the heatmap scale', async ({ page }) => {
  const legend = page.getByTestId('map-legend');
  const { dto } = await openAggregateMapAndWait(page);
  const counts = dto.cells.filter((_, i) => i % 3 === 2);
  const [min, max] = [Math.min(...counts), Math.max(...counts)];
  // Hexagons: the classes span exactly the counts drawn, with the cell size, and no category colours.
  await expect(page.getByTestId('map-legend-incidents')).toHaveAttribute('data-max', String(max));
  let l = await incidentLegend(page);
  expect(l).toMatchObject({ kind: 'hex', cell: dto.cellSizeM, min, max });
  await expect(legend).toContainText('Antal händelser per sexhörning');
  await expect(legend).toContainText(`Sexhörningens sida: ${new Intl.NumberFormat('sv-SE').format(dto.cellSizeM)} m`);
  await expect(legend).not.toContainText('Våld och hot');
  const classes = page.getByTestId('map-legend-classes').locator('li');
  expect(await classes.count()).toBeGreaterThanOrEqual(2);
  await expect(classes.first()).toHaveAttribute('data-from', String(min));
  await expect(classes.last()).toHaveAttribute('data-to', String(max));
  // Not colour alone: every swatch has its numbers as text.
  for (const text of await classes.allInnerTexts()) expect(text).toMatch(/\d/);
  // The place symbols stay.
  await expect(page.getByTestId('map-legend-places')).toContainText('Otrygg plats, öppen');

  // Street zoom: points in the category colours.
  await page.getByTestId('zoom-to-points').click();
  await waitForView(page, 'points');
  await expect(page.getByTestId('map-legend-incidents')).toHaveAttribute('data-kind', 'points');
  await expect(legend).toContainText('Våld och hot');
  await expect(legend).not.toContainText('Antal händelser per sexhörning');
  await expect(page.getByTestId('map-legend-places')).toContainText('Klotter, ej sanerat');

  // The heatmap below street zoom: a relative scale over the exact cells, no counts.
  await openAggregateMapAndWait(page, `${MAP_URL}&view=heat`);
  l = await incidentLegend(page);
  expect(l).toMatchObject({ kind: 'heat', cell: dto.cellSizeM });
  await expect(legend).toContainText('Värmekarta');
  await expect(legend).toContainText('inga antal');
  await expect(page.getByTestId('map-legend-classes')).toHaveCount(0);
});

test("the browser's hexagon view at street zoom shows the classes deck.gl coloured by, in English too", async ({ page }) => {
  // The language is a cookie set by ?lang=en (the page redirects without it).
  await page.goto(`${MAP_URL}&lang=en`);
  await openMapAndWait(page, `${MAP_URL}&view=hex${STREET_VIEW}`);
  await expect(page.getByTestId('map-legend-classes').locator('li').first()).toBeVisible();
  const l = await incidentLegend(page);
  expect(l.kind).toBe('hex');
  expect(l.cell).toBe(HEX_RADIUS_M);
  expect(l.min).toBeGreaterThanOrEqual(1);
  expect(l.max).toBeGreaterThanOrEqual(l.min!);
  await expect(page.getByTestId('map-legend')).toContainText('Incidents per hexagon');
  await expect(page.getByTestId('map-legend')).toContainText('Hexagon side: 500 m');
  await expect(page.getByTestId('map-legend')).not.toContainText('Violence and threats');
});
