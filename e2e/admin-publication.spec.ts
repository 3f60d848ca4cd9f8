// The admin publishes a closed quarter from the admin page: a dry run first, then the real, frozen
// publication in the report; an open quarter is refused with the reason.
import { expect, test } from '@playwright/test';
import { signInAs } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

test.beforeEach(async ({ page, baseURL }) => {
  await signInAs(page, 'admin', baseURL!);
});

async function publish(page: import('@playwright/test').Page, quarter: string, dryRun: boolean) {
  await page.goto('/admin/publicering');
  await page.getByLabel('Kvartal (t.ex. 2026-Q3)').fill(quarter);
  await page.getByLabel('Mottagare').selectOption('public');
  if (dryRun) await page.getByLabel(/Provkörning/).check();
  await page.getByRole('button', { name: 'Beräkna, granska och publicera' }).click();
}

test('a dry run computes and audits a closed quarter without saving it', async ({ page }) => {
  await publish(page, '2025-Q3', true);
  await expect(page.getByTestId('admin-ok')).toContainText('2025-Q3 provkörning');
  await expect(page.getByTestId('publications-public-0683')).toHaveCount(0);
});

test('publishing freezes the quarter and lists it with its published and suppressed cells', async ({ page }) => {
  await publish(page, '2025-Q3', false);
  await expect(page.getByTestId('admin-ok')).toContainText('2025-Q3 publicerad version 1');
  const row = page.getByTestId('publications-public-0683').getByRole('row', { name: /2025-Q3/ });
  await expect(row).toContainText('godkänd');
});

test('an open quarter is refused with the reason', async ({ page }) => {
  await publish(page, '2026-Q4', false);
  await expect(page.getByTestId('admin-error')).toBeVisible();
  await expect(page.getByTestId('publications-public-0683').getByRole('row', { name: /2026-Q4/ })).toHaveCount(0);
});
