// The lasso: a polygon drawn on the map is answered by the server with exactly the records inside it that
// the viewer may see, listed with counts, and exported (CSV, GeoJSON) as exactly those records.
import { expect, test } from '@playwright/test';
import { openMapAndWait } from './support/map-page';
import { downloadExport, drawLasso, parseCsv } from './support/selection';
import { signInAs } from './support/sign-in';

test.beforeEach(async ({ page, baseURL }) => {
  await signInAs(page, 'police', baseURL!);
});

test('a lasso lists the records inside it, and both exports hold exactly those records', async ({ page }, testInfo) => {
  await openMapAndWait(page);
  const dto = await drawLasso(page, { radius: 70 });
  const total = (dto.counts.incidents ?? 0) + (dto.counts.unsafePlaces ?? 0) + (dto.counts.vandalism ?? 0);
  expect(total).toBeGreaterThan(0);
  expect(dto.truncated).toBe(false);
  expect(dto.records).toHaveLength(total);
  const panel = page.getByTestId('selection-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('selection-result')).toHaveAttribute('data-total', String(total));
  await expect(panel.getByTestId('selection-record')).toHaveCount(total);
  await expect(panel.getByTestId('selection-count-incidents')).toHaveAttribute('data-count', String(dto.counts.incidents));
  await page.screenshot({ path: testInfo.outputPath('lasso-selection.png') });

  const selected = dto.records.map((r) => `${r.kind}:${r.id}`).sort();
  const csv = await downloadExport(page, 'export-csv');
  expect(csv.name).toMatch(/^urval-0683-.*\.csv$/);
  const [header, ...rows] = parseCsv(csv.text);
  expect(header.slice(0, 2)).toEqual(['layer', 'id']);
  expect(rows.map((r) => `${r[0]}:${r[1]}`).sort()).toEqual(selected);

  const geojson = await downloadExport(page, 'export-geojson');
  const fc = JSON.parse(geojson.text) as { type: string; features: { id: string; properties: { layer: string } }[] };
  expect(fc.type).toBe('FeatureCollection');
  expect(fc.features.map((f) => `${f.properties.layer}:${f.id}`).sort()).toEqual(selected);
});

test('a record of the selection opens in the detail panel, which Esc closes', async ({ page }) => {
  await openMapAndWait(page);
  const dto = await drawLasso(page, { radius: 70 });
  const first = dto.records[0];
  const detail = page.waitForResponse((r) => r.url().includes(`/api/v1/records/${first.kind}/${first.id}`));
  await page.getByTestId('selection-record').first().getByRole('button').click();
  expect((await detail).status()).toBe(200);
  const panel = page.getByTestId('record-panel');
  await expect(panel.getByTestId('record-fields')).toHaveAttribute('data-id', first.id);
  await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
  // The police may edit joint records: the panel links to the record page.
  await expect(panel.getByTestId('record-edit')).toHaveAttribute('href', `/karta/post/${first.kind}/${first.id}`);
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
});

test('Esc cancels a lasso being drawn: no selection is asked for', async ({ page }) => {
  await openMapAndWait(page);
  let asked = false;
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/selection')) asked = true;
  });
  await page.getByTestId('lasso-toggle').click();
  await expect(page.getByTestId('lasso-layer')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('lasso-layer')).toHaveCount(0);
  expect(asked).toBe(false);
});
