// The council loop's pages on a 390 px phone (issue 7): the page itself never scrolls sideways — wide
// tables scroll inside their own focusable region — and axe finds no serious violation. Each page is
// opened as the demo user who works with it. The e2e demo ends 2026-01-01: 2025-Q4 is its last quarter.
import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';
import { type DEMO_LOGINS, signInAs } from './support/sign-in';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const QUARTER = '2025-Q4';
const PHONE_WIDTH = 390;

async function expectPhoneFit(page: Page, path: string): Promise<void> {
  const { width, wide } = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    // For the failure message: the elements that stick out of the viewport.
    wide: [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && !el.closest('.table-scroll'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} ${Math.round(el.getBoundingClientRect().right)}`),
  }));
  expect(width, `${path} is ${width} px wide: ${wide.join(', ')}`).toBeLessThanOrEqual(PHONE_WIDTH);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const PAGES: { path: string; role: keyof typeof DEMO_LOGINS; ready: string }[] = [
  { path: '/aktiviteter', role: 'municipality', ready: 'activities-table' },
  { path: '/aktiviteter', role: 'partner', ready: 'activities-table' },
  { path: `/uppfoljning?kvartal=${QUARTER}`, role: 'municipality', ready: 'loop-nav-uppfoljning' },
  { path: '/loften', role: 'municipality', ready: 'pledge' },
  { path: '/fokusomraden', role: 'municipality', ready: 'focus-area' },
  { path: '/motesplan?ar=2025', role: 'municipality', ready: 'year-view' },
  { path: '/notiser', role: 'partner', ready: 'unread-count' },
  { path: `/rad?quarter=${QUARTER}`, role: 'council', ready: 'chart-trend-quarterly' },
  { path: `/rapport?quarter=${QUARTER}`, role: 'council', ready: 'quarterly-report' },
];

for (const p of PAGES) {
  test(`${p.path} fits a 390 px phone for the ${p.role} user, tables scrolling in their own region, and axe is clean`, async ({ page, baseURL }) => {
    await signInAs(page, p.role, baseURL!);
    await page.goto(p.path);
    await expect(page.getByTestId(p.ready).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectPhoneFit(page, p.path);
  });
}

test('an activity and its tables fit a 390 px phone for the coordinator, and a wide table scrolls inside its region', async ({ page, baseURL }) => {
  await signInAs(page, 'municipality', baseURL!);
  await page.goto('/aktiviteter');
  const region = page.getByRole('region', { name: 'Aktiviteter' });
  await expect(region.getByTestId('activities-table')).toBeVisible();
  // The table is wider than the phone; its region scrolls, the page does not.
  const { scroll, client } = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(scroll).toBeGreaterThan(client);
  await region.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);

  await page.getByTestId('activities-table').locator('tbody a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectPhoneFit(page, 'activity page');
});
