// A resident on a phone: finds a pledge and its activities on the public page, files a report with the
// keyboard only, and follows its status after a moderator approves it. axe finds no WCAG 2.1 A/AA
// violation on any public page.
import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';
import { ensurePublicQuarters } from './public-support';
import { signInAs } from './support/sign-in';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const REPORT_TEXT = `Trasig belysning i gångtunneln vid busshållplatsen, helt mörkt på kvällen (e2e ${Date.now()}).`;
let statusPath = '';

async function expectNoAxeViolations(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(summary, `axe on ${what}`).toEqual([]);
}

/** Tabs forward until the focused element matches, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, matches: (el: Element) => boolean, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`(${matches.toString()})(document.activeElement)`)) return;
  }
  throw new Error('focus never reached the element');
}

test.beforeAll(async () => {
  await ensurePublicQuarters();
});

test('a visitor finds a pledge, its activities and the published figures on the phone-sized home page', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Trygghet i Värnamo');
  await expect(page.getByRole('link', { name: 'Logga in (personal)' })).toHaveAttribute('href', /\/logga-in/);
  const pledge = page.getByTestId('public-pledge').first();
  await pledge.scrollIntoViewIfNeeded();
  await expect(pledge).toBeVisible();
  const card = page.getByTestId('public-focus-area').filter({ has: page.getByTestId('public-activity') }).first();
  await expect(card.getByTestId('public-activity').first()).toBeVisible();
  await expect(card.getByRole('heading', { level: 4, name: 'Aktiviteter' })).toBeVisible();
  await expect(page.getByTestId('published-figures')).toContainText('version');
  await expect(page.getByTestId('published-figures')).toContainText(/färre än \d/);
  await page.waitForFunction(() => window.__lagesbildPublic?.mapLoaded === true, null, { timeout: 60_000 });
  // The map's own controls speak the page's language (MapLibre ships English only).
  await expect(page.locator('.maplibregl-ctrl-zoom-in')).toHaveAttribute('aria-label', 'Zooma in');
  await expect(page.locator('.maplibregl-canvas')).toHaveAttribute('aria-label', 'Karta');
  await expectNoAxeViolations(page, '/');
});

test('the English switch translates the public page and comes back to it', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Safety in Värnamo');
  await page.waitForFunction(() => window.__lagesbildPublic?.mapLoaded === true, null, { timeout: 60_000 });
  await expect(page.locator('.maplibregl-ctrl-zoom-in')).toHaveAttribute('aria-label', 'Zoom in');
  await expectNoAxeViolations(page, '/ in English');
  await page.getByRole('link', { name: 'Svenska' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
});

test('a visitor files a report with the keyboard only', async ({ page }) => {
  await page.goto('/rapportera');
  await expect(page.getByTestId('emergency-notice')).toContainText('112');
  await expect(page.getByTestId('who-sees')).toContainText('anonym');
  // The honeypot is out of the accessibility tree and the tab order.
  await expect(page.getByRole('textbox', { name: 'Lämna detta fält tomt' })).toHaveCount(0);
  await page.waitForFunction(() => window.__lagesbildPicker?.mapLoaded === true, null, { timeout: 60_000 });
  await expectNoAxeViolations(page, '/rapportera');

  // Category: the radio group, arrow key to "Klotter eller skadegörelse".
  await tabTo(page, (el) => el instanceof HTMLInputElement && el.type === 'radio');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Klotter eller skadegörelse' })).toBeChecked();

  // Place: focus the map and move it with the arrow keys; the pin is the map's centre.
  const before = await page.evaluate(() => ({ ...window.__lagesbildPicker! }));
  await tabTo(page, (el) => el.classList.contains('maplibregl-canvas'));
  // One key at a time: each press pans the map by an animated step, and the next press interrupts it.
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => page.evaluate(() => window.__lagesbildPicker!.lon)).toBeGreaterThan(before.lon!);
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => page.evaluate(() => window.__lagesbildPicker!.lat)).toBeGreaterThan(before.lat!);
  await expect(page.getByTestId('picked-place')).toContainText('Vald plats');

  // Text: a name triggers the warning; the resident rewrites it.
  await tabTo(page, (el) => el.id === 'report-body');
  await page.keyboard.type('Johan sprejar här varje kväll');
  await expect(page.getByTestId('personal-data-warning')).toContainText('ett namn');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(REPORT_TEXT);
  await expect(page.getByTestId('personal-data-warning')).toHaveCount(0);

  // Send: the honeypot is skipped by Tab; Enter on the button.
  await tabTo(page, (el) => el.getAttribute('data-testid') === 'report-submit');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/rapportstatus\/[A-Za-z0-9_-]{24}\?ny=1$/);
  await expect(page.getByTestId('report-sent')).toContainText('Tack');
  await expect(page.getByTestId('report-status')).toHaveAttribute('data-status', 'received');
  statusPath = new URL(page.url()).pathname;
  await expect(page.getByTestId('status-link')).toContainText(statusPath);
  await expectNoAxeViolations(page, 'the status page');
});

test('the reporter follows the status after a moderator approves the report and plans the work', async ({ browser, baseURL }) => {
  expect(statusPath).not.toBe('');
  const staff = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(staff, 'municipality', baseURL!);
  await staff.goto('/medborgarrapporter');
  const report = staff.getByTestId('pending-report').filter({ hasText: REPORT_TEXT });
  await expect(report).toHaveCount(1);
  await report.getByLabel('Publik text').first().fill('Belysningen i gångtunneln byts ut.');
  await report.getByLabel(/offentlig miljö/).first().check();
  await report.locator('button[type="submit"]', { hasText: 'Godkänn' }).click();
  await expect(staff.getByTestId('moderation-ok')).toBeVisible();
  const handled = staff.getByTestId('handled-report').filter({ hasText: REPORT_TEXT });
  await handled.getByLabel('Ändra status').selectOption('planned');
  await handled.locator('button[type="submit"]', { hasText: 'Ändra status' }).click();
  await expect(staff.getByTestId('moderation-ok')).toBeVisible();
  await staff.close();

  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(statusPath);
  await expect(page.getByTestId('report-status')).toHaveAttribute('data-status', 'planned');
  await expect(page.getByTestId('report-public-summary')).toHaveText('Belysningen i gångtunneln byts ut.');
  await expect(page.locator('[aria-current="step"]')).toHaveText('Åtgärd planerad');
  // The approved pin is public, with the moderator's text only.
  await page.goto('/');
  await expect(page.getByTestId('public-pins')).toContainText('Belysningen i gångtunneln byts ut.');
  await expect(page.locator('body')).not.toContainText(REPORT_TEXT);
  await page.close();
});
