// Helpers for the staff map: open it below street zoom (exact aggregates) or at a street zoom (points by
// tiles), wait for the test flags, and read the map canvas's pixels.
import { type Page, type Response, expect } from '@playwright/test';
import { BACKGROUND_COLOR, GROUP_COLORS } from '@/lib/map/palette';
import type { ExactHexAggregatesDto } from '@/lib/map/hex-aggregates';
import { mergePointPacks } from '@/lib/map/merge-point-packs';
import { type PackedPoints, decodePointPack } from '@/lib/map/point-pack';
import { tileBbox } from '@/lib/map/viewport-tiles';

/** The period the e2e data covers (the demo seed runs until 2026-01-01; the fixture lies in 2025). */
export const E2E_PERIOD = { from: '2025-01-01', to: '2025-12-31' } as const;
/** The map as it opens: the whole municipality, below street zoom, so exact hexagon counts and no points. */
export const MAP_URL = `/karta?from=${E2E_PERIOD.from}&to=${E2E_PERIOD.to}`;
/**
 * The map's view in the URL fragment (MapLibre's hash, #map=zoom/lat/lng): Värnamo's town centre, where
 * most demo incidents lie, at a street zoom (≥ STREET_ZOOM), so points load by tiles.
 */
export const STREET_VIEW = '#map=13.5/57.1845/14.0470';
export const STREET_MAP_URL = `${MAP_URL}${STREET_VIEW}`;

export interface Flags {
  mapLoaded: boolean;
  deckRendered: boolean;
  pointCount: number | null;
  apiPointCount: number | null;
  mode?: 'aggregate' | 'points' | 'suppressed' | null;
  cellSizeM?: number | null;
  tiles?: string[];
  pending?: boolean;
  aggregateCells?: number | null;
}

/** Resolves once the map drew the current view's data (no request outstanding) in the given mode. */
export async function waitForView(page: Page, mode: 'aggregate' | 'points', timeout = 90_000): Promise<Flags> {
  await page.waitForFunction(
    (m) => {
      const f = window.__lagesbild;
      return f?.mapLoaded === true && f.deckRendered === true && f.pending === false && f.mode === m;
    },
    mode,
    { timeout },
  );
  return (await page.evaluate(() => window.__lagesbild)) as Flags;
}

/** Collects the responses of points requests (tiles) from now on, keyed by their bbox parameter. */
export function collectTileResponses(page: Page): Map<string, Response> {
  const byBbox = new Map<string, Response>();
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith('/points') && u.searchParams.has('bbox')) byBbox.set(u.searchParams.get('bbox')!, r);
  });
  return byBbox;
}

/** The points of the tiles the map merged for its view, decoded from the responses the browser received. */
export async function tilePoints(byBbox: Map<string, Response>, tiles: readonly string[]): Promise<PackedPoints> {
  const packs: PackedPoints[] = [];
  for (const key of tiles) {
    const [z, x, y] = key.split('/').map(Number);
    const res = byBbox.get(tileBbox({ z, x, y }).join(','));
    if (!res) throw new Error(`No response seen for tile ${key}`);
    expect(res.status()).toBe(200);
    packs.push(await decodePointPack(await res.body()));
  }
  return mergePointPacks(packs);
}

/**
 * Opens the map at a street zoom (default: the town centre, STREET_MAP_URL) and returns the points of the
 * tiles it loaded, merged as the map merges them, with the page's flags.
 */
export async function openMapAndWait(page: Page, url = STREET_MAP_URL, timeout = 90_000): Promise<{ points: PackedPoints; tileResponses: Response[]; flags: Flags }> {
  const byBbox = collectTileResponses(page);
  // A page still on the map (same path, new hash) would not reload: navigate away first.
  if (new URL(page.url() === 'about:blank' ? 'http://x/' : page.url()).pathname === '/karta') await page.goto('about:blank');
  await page.goto(url);
  const flags = await waitForView(page, 'points', timeout);
  const points = await tilePoints(byBbox, flags.tiles ?? []);
  return { points, tileResponses: [...byBbox.values()], flags };
}

/** Opens the map below street zoom (default MAP_URL) and returns the exact aggregate it drew, with the flags. */
export async function openAggregateMapAndWait(page: Page, url = MAP_URL, timeout = 90_000): Promise<{ dto: ExactHexAggregatesDto; flags: Flags; requests: string[] }> {
  // A page already on the map (a beforeEach opened it) could still be answering its own aggregate
  // request: leave it first, so every request seen below is the new URL's.
  if (new URL(page.url() === 'about:blank' ? 'http://x/' : page.url()).pathname === '/karta') await page.goto('about:blank');
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const answer = page.waitForResponse((r) => r.url().includes('/api/v1/aggregates/exact'), { timeout });
  await page.goto(url);
  expect((await answer).status()).toBe(200);
  const flags = await waitForView(page, 'aggregate', timeout);
  // The aggregate the map drew is its last request; asked again with the page's session, because the
  // browser may drop the body of the map's own response once the page updates its URL ("navigated
  // away"). The aggregate is deterministic.
  const last = requests.filter((u) => u.includes('/api/v1/aggregates/exact')).at(-1)!;
  const again = await page.request.get(last);
  expect(again.status()).toBe(200);
  const dto = (await again.json()) as ExactHexAggregatesDto;
  return { dto, flags, requests };
}

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export interface CanvasPixelStats {
  width: number;
  height: number;
  background: number;
  /** Pixels close to a category-group colour (points are drawn at alpha 230 over the map). */
  pointColoured: number;
  /** Which groups' colours appear at all. */
  groupsSeen: string[];
}

/**
 * Screenshots the map canvas with the floating panels hidden, decodes the PNG in the browser
 * (createImageBitmap, no PNG library needed) and counts background and category-coloured pixels.
 */
export async function mapCanvasPixels(page: Page): Promise<CanvasPixelStats> {
  // Hidden through the CSSOM: the page's CSP refuses injected <style> elements (proxy.ts).
  const setPanels = (visibility: string) =>
    page.evaluate((v) => {
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('.map-panel, .maplibregl-control-container'))) el.style.setProperty('visibility', v, v ? 'important' : '');
    }, visibility);
  await setPanels('hidden');
  const canvas = page.locator('[data-testid="situation-map"] canvas').first();
  const png = await canvas.screenshot({ animations: 'disabled' });
  await setPanels('');
  const groups = Object.entries(GROUP_COLORS).map(([g, c]) => ({ g, c: [...c] }));
  return page.evaluate(
    async ({ b64, groups, bg }) => {
      const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
      const bitmap = await createImageBitmap(blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      const near = (r: number, g: number, b: number, c: number[], tol: number) =>
        Math.abs(r - c[0]) <= tol && Math.abs(g - c[1]) <= tol && Math.abs(b - c[2]) <= tol;
      let background = 0;
      let pointColoured = 0;
      const seen = new Set<string>();
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
        if (near(r, g, b, bg, 4)) {
          background++;
          continue;
        }
        // Alpha 230/255 over a light map moves a colour by at most ~25 per channel.
        const hit = groups.find((x) => near(r, g, b, x.c, 28));
        if (hit) {
          pointColoured++;
          seen.add(hit.g);
        }
      }
      return { width: bitmap.width, height: bitmap.height, background, pointColoured, groupsSeen: [...seen].sort() };
    },
    { b64: png.toString('base64'), groups, bg: hexToRgb(BACKGROUND_COLOR) },
  );
}
