// Safety walk mode on a phone (issue 5): the demo's walks are listed, a new walk is created, two
// observations are added by tapping the map, and the protocol lists them with status and measure.
import { type Page, expect, test } from '@playwright/test';
import { signInAs } from './support/sign-in';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

async function tapMap(page: Page, dx: number, dy: number) {
  const map = page.getByTestId('capture-map');
  await map.scrollIntoViewIfNeeded();
  const box = (await map.boundingBox())!;
  await map.tap({ position: { x: box.width / 2 + dx, y: box.height / 2 + dy } });
  await expect(page.getByTestId('pin-status')).not.toHaveText(/Ingen plats/);
}

test('on a phone: create a walk, add two observations by tapping, and the protocol lists them', async ({ page, baseURL }) => {
  await signInAs(page, 'municipality', baseURL!);
  await page.goto('/vandringar');
  // Nothing wider than the phone: no sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The demo's three walks are there.
  await expect(page.getByTestId('walk-item')).toHaveCount(3);
  await expect(page.getByTestId('walk-list')).toContainText('Trygghetsvandring Gröndal');

  await page.getByTestId('walk-new').click();
  await page.getByTestId('walk-title').fill('e2e: kvällsvandring centrum');
  await page.locator('select[name="area_id"]').selectOption({ label: 'Värnamo centrum' });
  await page.getByTestId('walk-org').first().check();
  await page.getByTestId('walk-create').click();
  await expect(page.getByTestId('walk-created')).toBeVisible();
  await expect(page.getByTestId('walk-heading')).toHaveText('e2e: kvällsvandring centrum');
  await page.waitForFunction(() => window.__lagesbildCapture?.mapLoaded === true, undefined, { timeout: 90_000 });

  // First point: tap, reasons, what we see, the measure and who is responsible.
  await tapMap(page, 0, 0);
  await page.getByTestId('walk-reason-poor_lighting').check();
  await page.getByTestId('walk-note').fill('Mörkt vid cykelstället');
  await page.getByTestId('walk-measure').fill('Ny belysning');
  await page.getByTestId('walk-responsible').selectOption({ index: 1 });
  await page.getByTestId('walk-point-save').tap();
  await expect(page.getByTestId('walk-message')).toContainText('1');
  await expect(page.getByTestId('walk-point-marker')).toHaveCount(1);

  // Second point a little further on.
  await tapMap(page, 30, -40);
  await page.getByTestId('walk-reason-litter').check();
  await page.getByTestId('walk-reason-gatherings').check();
  await page.getByTestId('walk-note').fill('Skräp och glas');
  await page.getByTestId('walk-point-save').tap();
  await expect(page.getByTestId('walk-message')).toContainText('2');
  await expect(page.getByTestId('walk-points').locator('li')).toHaveCount(2);

  await page.getByTestId('walk-protocol-link').tap();
  await expect(page.getByTestId('walk-protocol')).toBeVisible();
  const rows = page.getByTestId('protocol-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Mörkt vid cykelstället');
  await expect(rows.nth(0)).toContainText('Ny belysning');
  await expect(rows.nth(0).getByTestId('protocol-status')).toHaveText('Öppen');
  await expect(rows.nth(1)).toContainText('Skräp och glas');
  // Each point links to its record, where its status is followed up.
  await expect(rows.nth(0).getByRole('link')).toHaveAttribute('href', /^\/karta\/post\/unsafe-place\/[0-9a-f-]{36}$/);
});

test('a demo walk has its protocol with every point and what happens to it', async ({ page, baseURL }) => {
  await signInAs(page, 'partner', baseURL!);
  await page.goto('/vandringar');
  await page.getByTestId('walk-item').filter({ hasText: 'Trygghetsvandring Gröndal' }).getByRole('link', { name: 'Protokoll' }).click();
  // Six points, all shared with partners in the demo.
  await expect(page.getByTestId('walk-protocol')).toBeVisible();
  await expect(page.getByTestId('protocol-row')).toHaveCount(6);
  await expect(page.getByTestId('protocol-table')).toContainText('Värnamo Bostäder');
  // Printed: no header, no buttons, the table on A4.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.staff-header')).toBeHidden();
  await expect(page.getByTestId('protocol-print')).toBeHidden();
  await expect(page.getByTestId('protocol-table')).toBeVisible();
  const pdf = await page.pdf({ preferCSSPageSize: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});
