// The police events feed as a context layer (issue 5): the archived CSV of polisen.se/api/events is
// uploaded for Värnamo through /import; the feed's page and the map's side panel count exactly the
// file's Värnamo rows per type, every event links to polisen.se, and none of them becomes a point:
// the map's incident total for the period is unchanged and no exported incident is a feed event.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Page, expect, test } from '@playwright/test';
import { signInAs } from './support/sign-in';

// The project's shared data sit beside the repository (../shared/data), as for every other data test.
const CSV = fileURLToPath(new URL('../../shared/data/polisen_crime_sweden_2023-04_2025-03.csv', import.meta.url));
const PERIOD = 'from=2023-04-01&to=2025-03-31';

/** The file's Värnamo rows per type, read here with a plain split (the CSV quotes every text field). */
function varnamoTypes(): { ids: string[]; byType: Record<string, number> } {
  const lines = fs.readFileSync(CSV, 'utf8').trim().split('\n').slice(1);
  const byType: Record<string, number> = {};
  const ids: string[] = [];
  for (const line of lines) {
    const cells = [...line.matchAll(/"([^"]*)"|([^,]+)/g)].map((m) => m[1] ?? m[2]);
    if (cells[4] !== 'Värnamo') continue;
    ids.push(cells[0]);
    byType[cells[3]] = (byType[cells[3]] ?? 0) + 1;
  }
  return { ids, byType };
}

async function mapIncidentTotal(page: Page): Promise<string> {
  await page.goto(`/karta?${PERIOD}`);
  const total = page.getByTestId('summary-incidents');
  await expect(total).toBeVisible({ timeout: 60_000 });
  return (await total.textContent()) ?? '';
}

async function uploadFeed(page: Page, button: 'feed-import-preview' | 'feed-import-submit') {
  await page.goto('/import');
  await page.getByTestId('feed-import-file').setInputFiles(CSV);
  await page.getByTestId(button).click();
  await expect(page.getByTestId('feed-import-outcome').or(page.getByTestId('feed-import-failure'))).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('feed-import-failure')).toHaveCount(0);
}

test.describe.configure({ mode: 'serial' });

test('the Värnamo rows of the police feed CSV import once and show as a list and timeline, never as points', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const file = varnamoTypes();
  expect(file.ids).toHaveLength(20);
  await signInAs(page, 'police', baseURL!);
  const totalBefore = await mapIncidentTotal(page);

  // Dry run first: the municipality's rows and the others, nothing stored.
  await uploadFeed(page, 'feed-import-preview');
  await expect(page.getByTestId('feed-import-summary')).toHaveAttribute('data-mine', '20');
  await expect(page.getByTestId('feed-import-summary')).toHaveAttribute('data-other', '11848');
  await expect(page.getByTestId('feed-import-result')).toHaveAttribute('data-dry-run', 'true');

  await uploadFeed(page, 'feed-import-submit');
  const result = page.getByTestId('feed-import-result');
  await expect(result).toHaveAttribute('data-dry-run', 'false');
  const stored = Number(await result.getAttribute('data-added')) + Number(await result.getAttribute('data-unchanged')) + Number(await result.getAttribute('data-updated'));
  expect(stored).toBe(20);

  // The same file again changes nothing.
  await uploadFeed(page, 'feed-import-submit');
  await expect(page.getByTestId('feed-import-result')).toHaveAttribute('data-added', '0');
  await expect(page.getByTestId('feed-import-result')).toHaveAttribute('data-updated', '0');
  await expect(page.getByTestId('feed-import-result')).toHaveAttribute('data-unchanged', '20');

  // The feed's page: counts per type equal the file's, and every event links to polisen.se.
  await page.goto(`/handelser?${PERIOD}`);
  await expect(page.getByTestId('feed-total')).toHaveAttribute('data-count', '20');
  const rows = page.getByTestId('feed-type-row');
  const shown: Record<string, number> = {};
  for (const row of await rows.all()) shown[(await row.getAttribute('data-type'))!] = Number(await row.getAttribute('data-count'));
  expect(shown).toEqual(file.byType);
  const events = page.getByTestId('feed-event');
  await expect(events).toHaveCount(20);
  expect((await events.evaluateAll((els) => els.map((e) => e.getAttribute('data-feed-id')))).sort()).toEqual([...file.ids].sort());
  const links = page.getByTestId('feed-link');
  await expect(links).toHaveCount(20);
  for (const href of await links.evaluateAll((els) => els.map((e) => e.getAttribute('href')))) expect(href).toMatch(/^https:\/\/polisen\.se\//);
  await expect(page.getByTestId('feed-timeline-chart')).toBeVisible();

  // The map: the side panel has the same counts; the incident total of the period is what it was.
  expect(await mapIncidentTotal(page)).toBe(totalBefore);
  const panel = page.getByTestId('feed-panel');
  await expect(panel.getByTestId('feed-total')).toHaveAttribute('data-count', '20');
  await expect(panel.getByTestId('feed-event')).toHaveCount(10);
  await expect(panel.getByTestId('feed-show-all')).toHaveAttribute('href', /\/handelser\?from=2023-04-01&to=2025-03-31/);

  // No feed event is an exact record: the export of the period's incidents has none of them.
  const res = await page.request.get(`${baseURL}/api/v1/export/incidents?municipality=0683&${PERIOD}&format=geojson`);
  expect(res.status()).toBe(200);
  const fc = (await res.json()) as { features: { properties: { source: string; external_id: string | null } }[] };
  expect(fc.features.filter((f) => f.properties.source === 'police_feed' || file.ids.includes(f.properties.external_id ?? ''))).toEqual([]);
});

test('the council sees no feed panel and no feed page', async ({ page, baseURL }) => {
  await signInAs(page, 'council', baseURL!);
  await page.goto(`/karta?${PERIOD}`);
  await expect(page.getByTestId('summary-strip')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('feed-panel')).toHaveCount(0);
  await expect(page.getByTestId('nav-feed')).toHaveCount(0);
  const res = await page.request.get(`${baseURL}/handelser?${PERIOD}`, { maxRedirects: 0 });
  expect(res.status()).toBe(404);
});
