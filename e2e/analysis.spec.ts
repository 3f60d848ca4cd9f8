// An analyst's journey under `next start` (the compiled worker threads): Gi* hot spots on the Värnamo demo
// data, hot cells on the map and the ranked list, the run saved to a new EST meeting with a cause note, and
// reopened with the note and an unchanged-data check.
import { expect, test } from '@playwright/test';
import { signInAs } from './support/sign-in';

test.beforeEach(async ({ page, baseURL }) => {
  await signInAs(page, 'police', baseURL!);
});

test('an analyst runs Gi* on the demo data, saves it to an EST meeting with a cause note and reopens it', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/analys');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Analys');
  await page.waitForFunction(() => window.__lagesbildAnalysis?.mapLoaded === true, undefined, { timeout: 60_000 });

  await page.getByLabel('Från').fill('2025-01-01');
  await page.getByLabel('Till').fill('2025-12-31');
  await page.getByRole('radio', { name: 'Hot spots (Getis-Ord Gi*)' }).check();

  // Suggested parameters, explained in Swedish.
  await page.getByTestId('analysis-suggest').click();
  const explanation = page.getByTestId('analysis-explanation');
  await expect(explanation).toContainText('Ruta', { timeout: 60_000 });
  await expect(explanation).toContainText('närmaste grannplats');
  const cell = Number(await page.getByLabel('Rutstorlek (m)').inputValue());
  expect(cell).toBeGreaterThanOrEqual(25);

  await page.getByTestId('analysis-run').click();
  const table = page.getByTestId('hotspot-table');
  await expect(table).toBeVisible({ timeout: 120_000 });
  const rows = table.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  await expect(rows.first().locator('td').first()).toHaveText(/#1/);
  await expect(page.getByTestId('analysis-summary')).toContainText('händelser ingick');
  await expect(page.getByTestId('analysis-legend')).toContainText('Het, 99 % säkerhet');
  // The hot (and cold) cells are on the map.
  await page.waitForFunction(() => (window.__lagesbildAnalysis?.cellsDrawn ?? 0) > 0);

  // Save to a new EST meeting.
  const save = page.getByTestId('analysis-save');
  await save.getByLabel('Rubrik').fill('E2E Gi* 2025');
  await page.getByTestId('meeting-new').check();
  await save.getByLabel('Mötesdatum').fill('2026-11-20');
  await save.getByRole('checkbox').first().check();
  await save.getByLabel('Beslut').fill('Fokus på resecentrum');
  await page.getByTestId('analysis-save-button').click();
  await expect(page).toHaveURL(/\/analys\/korningar\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const runUrl = page.url();
  await expect(page.getByTestId('run-title')).toContainText('E2E Gi* 2025');
  await expect(page.getByTestId('data-status')).toHaveAttribute('data-changed', 'false');
  await expect(page.getByTestId('run-meetings')).toContainText('2026-11-20');

  // A cause note on the first hotspot.
  const noteForm = page.getByTestId('cause-note-form');
  await noteForm.getByLabel('Orsaker').fill('Mörk gångtunnel vid resecentrum, skymd sikt');
  await noteForm.getByRole('button').click();
  await expect(page.getByTestId('cause-notes')).toContainText('Mörk gångtunnel vid resecentrum');

  // Reopen: the run, its meeting, its note and an unchanged id hash.
  await page.goto(runUrl);
  await expect(page.getByTestId('run-title')).toContainText('E2E Gi* 2025');
  await expect(page.getByTestId('cause-notes')).toContainText('Mörk gångtunnel vid resecentrum');
  await expect(page.getByTestId('data-status')).toHaveAttribute('data-changed', 'false');
  await expect(page.getByTestId('hotspot-table').locator('tbody tr').first()).toContainText('#1');
  await page.waitForFunction(() => (window.__lagesbildAnalysis?.cellsDrawn ?? 0) > 0, undefined, { timeout: 60_000 });

  // The saved run is listed on the analysis page.
  await page.goto('/analys');
  await expect(page.getByTestId('saved-runs')).toContainText('E2E Gi* 2025');
});

test('DBSCAN and emerging hot spots run in their compiled worker threads under next start', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/analys');
  await page.waitForFunction(() => window.__lagesbildAnalysis?.mapLoaded === true, undefined, { timeout: 60_000 });
  await page.getByLabel('Från').fill('2025-01-01');
  await page.getByLabel('Till').fill('2025-12-31');

  await page.getByRole('radio', { name: 'Kluster av händelser (DBSCAN)' }).check();
  await page.getByLabel('Avstånd eps (m)').fill('150');
  await page.getByLabel('Minst antal händelser (minPts)').fill('15');
  await page.getByTestId('analysis-run').click();
  await expect(page.getByTestId('hotspot-table')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('analysis-summary')).toContainText('kluster');
  await page.waitForFunction(() => (window.__lagesbildAnalysis?.clustersDrawn ?? 0) > 0);
  await expect(page.getByTestId('analysis-legend')).toContainText('Kluster');

  await page.getByRole('radio', { name: 'Framväxande hot spots (Gi* över tid + trend)' }).check();
  await page.getByLabel('Rutstorlek (m)').fill('500');
  await page.getByLabel('Grannskapsavstånd (m)').fill('1000');
  await page.getByTestId('analysis-run').click();
  await expect(page.getByTestId('analysis-summary')).toContainText('mönster', { timeout: 120_000 });
  await expect(page.getByTestId('analysis-legend')).toContainText('Intensifierad');
});

test('a partner is not offered the analysis page', async ({ page, baseURL }) => {
  await page.context().clearCookies();
  await signInAs(page, 'partner', baseURL!);
  const res = await page.goto('/analys');
  expect(res?.status()).toBe(404);
  await page.goto('/karta');
  await expect(page.getByTestId('nav-analys')).toHaveCount(0);
});
