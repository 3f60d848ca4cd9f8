// The quarterly report (issue 7 point 5): the printable page renders for a quarter with its map image
// and classification footer, and `lagesbild report` prints the same page to a multi-page A4 PDF whose
// text holds the quarter and the pledge titles (read with pdftotext from Debian's poppler-utils).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { DEMO_LOGINS, signInAs } from './support/sign-in';

const run = promisify(execFile);
const QUARTER = '2025-Q4';

test('the report page renders a quarter with its map, tables and classification footer', async ({ page, baseURL }) => {
  await signInAs(page, 'council', baseURL!);
  await page.goto(`/rapport?quarter=${QUARTER}`);
  await expect(page.getByTestId('quarterly-report')).toHaveAttribute('data-quarter', QUARTER);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Kvartalsrapport ${QUARTER}`);
  await expect(page.getByTestId('report-map').locator('svg path').first()).toBeAttached();
  await expect(page.getByTestId('classification')).toContainText('allmän handling');
  await expect(page.getByTestId('print-report')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('print-report')).toBeHidden();
  await expect(page.locator('.staff-header')).toBeHidden();
});

test('the report page has no serious accessibility violations', async ({ page, baseURL }) => {
  await signInAs(page, 'council', baseURL!);
  await page.goto(`/rapport?quarter=${QUARTER}`);
  await expect(page.locator('[data-testid="chart-trend-quarterly"] .recharts-wrapper > svg').first()).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('lagesbild report prints the quarter to a multi-page A4 PDF holding the pledge titles', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  await signInAs(page, 'council', baseURL!);
  const dto = await (await page.request.get(`/api/v1/council/dashboard?quarter=${QUARTER}`)).json();
  const titles: string[] = dto.pledges.filter((p: { id: string | null }) => p.id !== null).map((p: { title: string }) => p.title);

  const out = path.resolve('test-results', `report-${QUARTER}.pdf`);
  fs.rmSync(out, { force: true });
  const { stdout } = await run('node', ['--import', 'tsx', 'lib/cli/main.ts', 'report', '--quarter', QUARTER, '--out', out, '--url', baseURL!, '--user', DEMO_LOGINS.council.email], {
    env: { ...process.env, LAGESBILD_REPORT_PASSWORD: DEMO_LOGINS.council.password },
    timeout: 240_000,
  });
  expect(stdout).toContain(`Wrote ${out}`);
  expect(fs.statSync(out).size).toBeGreaterThan(10_000);
  expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  const info = (await run('pdfinfo', [out])).stdout;
  expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThan(1);
  expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12]/); // A4 in points
  const text = (await run('pdftotext', ['-layout', out, '-'])).stdout.replace(/\s+/g, ' ');
  expect(text).toContain(`Kvartalsrapport ${QUARTER}`);
  expect(text).toContain('allmän handling');
  for (const title of titles) expect(text).toContain(title.replace(/\s+/g, ' '));
  console.log(`report ${QUARTER}: ${Number(/Pages:\s+(\d+)/.exec(info)?.[1])} pages, ${fs.statSync(out).size} bytes, ${titles.length} pledges`);
});

test('lagesbild report --as prints with a short-lived session it mints (no password), and lists the quarter’s decisions; a partner is refused', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  await signInAs(page, 'council', baseURL!);
  const dto = await (await page.request.get(`/api/v1/council/dashboard?quarter=${QUARTER}`)).json();
  const titles: string[] = dto.pledges.filter((p: { id: string | null }) => p.id !== null).map((p: { title: string }) => p.title);
  const out = path.resolve('test-results', `report-as-${QUARTER}.pdf`);
  fs.rmSync(out, { force: true });
  const env = { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/lagesbild_e2e', LAGESBILD_REPORT_PASSWORD: '' };
  const { stdout } = await run('node', ['--conditions=react-server', '--import', 'tsx', 'lib/cli/main.ts', 'report', '--quarter', QUARTER, '--out', out, '--url', baseURL!, '--as', DEMO_LOGINS.council.email], { env, timeout: 240_000 });
  expect(stdout).toContain(`Wrote ${out}`);
  const info = (await run('pdfinfo', [out])).stdout;
  expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThan(1);
  const text = (await run('pdftotext', ['-layout', out, '-'])).stdout.replace(/\s+/g, ' ');
  expect(text).toContain(`Kvartalsrapport ${QUARTER}`);
  expect(text).toContain(`Rådets beslut ${QUARTER}`);
  for (const title of titles) expect(text).toContain(title.replace(/\s+/g, ' '));
  // A partner may not read the report: refused before any browser starts, exit 1.
  const refused = await run('node', ['--conditions=react-server', '--import', 'tsx', 'lib/cli/main.ts', 'report', '--quarter', QUARTER, '--out', `${out}.x`, '--url', baseURL!, '--as', DEMO_LOGINS.partner.email], { env, timeout: 120_000 }).catch((e: { code: number; stderr: string }) => e);
  expect((refused as { code: number }).code).toBe(1);
  expect((refused as { stderr: string }).stderr).toMatch(/no role that may read the council report/);
  expect(fs.existsSync(`${out}.x`)).toBe(false);
});
