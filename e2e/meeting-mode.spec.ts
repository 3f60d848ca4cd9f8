// Meeting mode on a shared screen: one switch limits the map to joint data, a banner says so, and the
// mode is recorded on today's EST meeting. Asserted on what the browser received: the points count and an
// export of everything in view, whose visibility column must hold no restricted record.
import { expect, type Page, test } from '@playwright/test';
import { openMapAndWait } from './support/map-page';
import { downloadExport, parseCsv } from './support/selection';
import { signInAs } from './support/sign-in';

async function visibilitiesInView(page: Page): Promise<{ total: number; visibilities: Set<string> }> {
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/selection') && r.request().method() === 'POST', { timeout: 60_000 });
  await page.getByTestId('select-view').click();
  expect((await answer).status()).toBe(200);
  const { text } = await downloadExport(page, 'export-csv');
  const [header, ...rows] = parseCsv(text);
  const col = header.indexOf('visibility');
  return { total: rows.length, visibilities: new Set(rows.map((r) => r[col])) };
}

test('a police user in meeting mode sees none of the police restricted records, with a banner and the EST meeting recorded', async ({ page, baseURL }, testInfo) => {
  await signInAs(page, 'police', baseURL!);
  const alone = await openMapAndWait(page);
  const before = await visibilitiesInView(page);
  // The police see their own restricted records when alone: the assertion below can fail.
  expect(before.visibilities.has('restricted')).toBe(true);
  await expect(page.getByTestId('meeting-banner')).toHaveCount(0);

  // The header's switch (a form), then the map again.
  await page.keyboard.press('Escape');
  await page.getByTestId('meeting-mode').getByRole('button').click();
  await expect(page.getByTestId('meeting-mode').getByRole('button')).toHaveAttribute('aria-pressed', 'true');
  const meeting = await openMapAndWait(page);
  await expect(page.getByTestId('meeting-banner')).toContainText('Mötesläge');
  await expect(page.getByTestId('meeting-banner')).toContainText('EST-möte');
  expect(meeting.points.count).toBeLessThan(alone.points.count);
  const during = await visibilitiesInView(page);
  expect([...during.visibilities]).toEqual(['joint']);
  expect(during.total).toBeLessThan(before.total);
  await page.screenshot({ path: testInfo.outputPath('meeting-mode.png') });

  // Off again: the banner goes and the restricted records come back.
  await page.keyboard.press('Escape');
  await page.getByTestId('meeting-mode').getByRole('button').click();
  await expect(page.getByTestId('meeting-mode').getByRole('button')).toHaveAttribute('aria-pressed', 'false');
  const after = await openMapAndWait(page);
  await expect(page.getByTestId('meeting-banner')).toHaveCount(0);
  expect(after.points.count).toBe(alone.points.count);
});
