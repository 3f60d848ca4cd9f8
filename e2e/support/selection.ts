// Helpers for the lasso journeys: draw a polygon with the mouse, read the selection the server answered,
// and parse the exported CSV.
import fs from 'node:fs';
import { type Page, expect } from '@playwright/test';
import type { SelectionDto } from '@/lib/map/selection';

/** Draws a closed lasso (an octagon of `radius` px around the map's centre, offset by dx, dy) and returns the server's answer. */
export async function drawLasso(page: Page, options: { radius?: number; dx?: number; dy?: number } = {}): Promise<SelectionDto> {
  const box = (await page.getByTestId('situation-map').boundingBox())!;
  const cx = box.x + box.width / 2 + (options.dx ?? 0);
  const cy = box.y + box.height / 2 + (options.dy ?? 0);
  const r = options.radius ?? 80;
  await page.getByTestId('lasso-toggle').click();
  await expect(page.getByTestId('lasso-layer')).toBeVisible();
  const answer = page.waitForResponse((res) => res.url().endsWith('/api/v1/selection') && res.request().method() === 'POST', { timeout: 60_000 });
  await page.mouse.move(cx + r, cy);
  await page.mouse.down();
  for (let step = 1; step <= 16; step++) {
    const a = (step / 16) * 2 * Math.PI;
    await page.mouse.move(cx + r * Math.cos(a), cy + r * Math.sin(a), { steps: 2 });
  }
  await page.mouse.up();
  const res = await answer;
  expect(res.status()).toBe(200);
  return (await res.json()) as SelectionDto;
}

/** RFC 4180 CSV (quoted cells, "" escapes, CRLF) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Clicks an export button and returns the downloaded file's text and name. */
export async function downloadExport(page: Page, testId: 'export-csv' | 'export-geojson'): Promise<{ text: string; name: string }> {
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId(testId).click();
  const d = await download;
  return { text: fs.readFileSync((await d.path())!, 'utf8'), name: d.suggestedFilename() };
}
