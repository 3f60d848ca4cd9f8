// Helpers for the staff map: wait for the test flags, and read the map canvas's pixels.
import { type Page, type Response, expect } from '@playwright/test';
import { BACKGROUND_COLOR, GROUP_COLORS } from '@/lib/map/palette';
import { type PackedPoints, decodePointPack } from '@/lib/map/point-pack';

/** The period the e2e data covers (the demo seed runs until 2026-01-01; the fixture lies in 2025). */
export const E2E_PERIOD = { from: '2025-01-01', to: '2025-12-31' } as const;
export const MAP_URL = `/karta?from=${E2E_PERIOD.from}&to=${E2E_PERIOD.to}`;

interface Flags {
  mapLoaded: boolean;
  deckRendered: boolean;
  pointCount: number | null;
  apiPointCount: number | null;
}

/** Opens the map and returns the decoded points response together with the page's flags. */
export async function openMapAndWait(page: Page, url = MAP_URL, timeout = 90_000): Promise<{ points: PackedPoints; response: Response; flags: Flags }> {
  // Only the points of this URL's period: a page navigated away from (a form's redirect) may still be loading its own.
  const from = new URL(url, 'http://x').searchParams.get('from');
  const responsePromise = page.waitForResponse((r) => r.url().includes('/api/v1/incidents/points') && (!from || r.url().includes(`from=${from}`)), { timeout });
  await page.goto(url);
  return waitForMapDrawn(page, responsePromise, timeout);
}

export async function waitForMapDrawn(page: Page, responsePromise: Promise<Response>, timeout = 90_000) {
  const response = await responsePromise;
  expect(response.status()).toBe(200);
  const points = await decodePointPack(await response.body());
  await page.waitForFunction(() => window.__lagesbild?.mapLoaded === true && window.__lagesbild?.deckRendered === true, undefined, { timeout });
  const flags = (await page.evaluate(() => window.__lagesbild)) as Flags;
  return { points, response, flags };
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
