// Import and export through the /import page and the export API (issue 5): a file with two bad rows
// reports exactly those rows (row and column) and imports nothing; the same good file twice adds
// nothing the second time; areas (GeoJSON, and CSV with WKT through a column mapping) and survey
// results import and show on the map and in the area's panel, with a dialogue summary, which can be
// corrected later from that panel. Each
// run gets its own external ids and names (a run token), so a rerun on the same database starts clean.
import fs from 'node:fs';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { signInAs } from './support/sign-in';

const FIXTURES = path.resolve('e2e/fixtures/import');
const TOKEN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;

/** A fixture with this run's token in its ids and names. */
function fixture(name: string): { name: string; mimeType: string; buffer: Buffer } {
  const text = fs
    .readFileSync(path.join(FIXTURES, name), 'utf8')
    .replaceAll('E2E-', `E2E-${TOKEN}-`)
    .replaceAll('Importerad stadsdel', `Importerad stadsdel ${TOKEN}`);
  return { name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/geo+json', buffer: Buffer.from(text, 'utf8') };
}

async function upload(page: Page, kind: string, file: ReturnType<typeof fixture>, button: 'import-preview' | 'import-submit') {
  await page.getByTestId('import-kind').selectOption(kind);
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId(button).click();
  await expect(page.getByTestId('import-outcome').or(page.getByTestId('import-failure'))).toBeVisible({ timeout: 60_000 });
}

/** External ids of this run among the incidents the police user may export. */
async function exportedRunIds(page: Page, baseURL: string): Promise<string[]> {
  const res = await page.request.get(`${baseURL}/api/v1/export/incidents?municipality=0683&from=2025-03-01&to=2025-03-05&format=geojson`);
  expect(res.status()).toBe(200);
  const fc = (await res.json()) as { features: { properties: { external_id: string | null } }[] };
  return fc.features.map((f) => f.properties.external_id ?? '').filter((id) => id.startsWith(`E2E-${TOKEN}-`)).sort();
}

test.describe.configure({ mode: 'serial' });

test('an import with two bad rows reports exactly those rows and imports nothing', async ({ page, baseURL }) => {
  await signInAs(page, 'police', baseURL!);
  await page.goto('/import');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const bad = fixture('handelser-tva-fel.csv');

  await upload(page, 'incidents', bad, 'import-preview');
  const rows = page.getByTestId('import-error-row');
  await expect(rows).toHaveCount(2);
  expect(await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-row'), tr.getAttribute('data-column')]))).toEqual([
    ['3', 'kategori'],
    ['5', 'tidpunkt'],
  ]);
  await expect(page.getByTestId('import-detected')).toContainText('5');

  // Importing anyway stores nothing: the good rows of the file are not there either.
  await upload(page, 'incidents', bad, 'import-submit');
  await expect(page.getByTestId('import-error-row')).toHaveCount(2);
  expect(await exportedRunIds(page, baseURL!)).toEqual([]);
});

test('the same good file twice adds nothing the second time, and the export returns it', async ({ page, baseURL }) => {
  await signInAs(page, 'police', baseURL!);
  await page.goto('/import');
  const good = fixture('handelser.csv');

  await upload(page, 'incidents', good, 'import-preview');
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-dry-run', 'true');
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-added', '3');
  await expect(page.getByTestId('import-preview-table').locator('tbody tr')).toHaveCount(3);

  await upload(page, 'incidents', good, 'import-submit');
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-dry-run', 'false');
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-added', '3');

  await page.reload();
  await upload(page, 'incidents', good, 'import-submit');
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-added', '0');
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-present', '3');

  expect(await exportedRunIds(page, baseURL!)).toEqual([`E2E-${TOKEN}-G1`, `E2E-${TOKEN}-G2`, `E2E-${TOKEN}-G3`]);
  const csv = await page.request.get(`${baseURL}/api/v1/export/incidents?municipality=0683&from=2025-03-01&to=2025-03-05&format=csv`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain(`"Text; med ""citat"""`);
});

test('areas (GeoJSON, mapped CSV with WKT) and survey results import and show in the area panel with a dialogue summary', async ({ page, baseURL }) => {
  await signInAs(page, 'municipality', baseURL!);
  await page.goto('/import');
  const areaName = `Importerad stadsdel ${TOKEN}`;

  await upload(page, 'areas', fixture('omraden.geojson'), 'import-submit');
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-added', '1');
  await expect(page.getByTestId('import-detected')).toContainText('EPSG:3006');

  await page.reload();
  await upload(page, 'survey', fixture('trygghet.csv'), 'import-submit');
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-added', '1');
  // Survey results for an area that does not exist are a row error naming the column.
  await page.reload();
  const unknown = { ...fixture('trygghet.csv') };
  unknown.buffer = Buffer.from(unknown.buffer.toString('utf8').replace(areaName, `Finns inte ${TOKEN}`), 'utf8');
  await upload(page, 'survey', unknown, 'import-preview');
  await expect(page.getByTestId('import-error-row')).toHaveCount(1);
  await expect(page.getByTestId('import-error-row')).toHaveAttribute('data-column', 'Område');

  // An outline from another system: CSV with WKT in SWEREF 99 TM and headers the import does not know,
  // mapped by hand on the page (population is preset from its Swedish name).
  await page.reload();
  const wktName = `WKT-stadsdel ${TOKEN}`;
  const wkt = 'POLYGON((440000 6338000, 441000 6338000, 441000 6339000, 440000 6339000, 440000 6338000))';
  await page.getByTestId('import-kind').selectOption('areas');
  await page.getByTestId('import-file').setInputFiles({ name: 'omraden-fran-gis.csv', mimeType: 'text/csv', buffer: Buffer.from(`Benämning;Invånare;Gräns\n${wktName};1 500;"${wkt}"\n`, 'utf8') });
  await expect(page.getByTestId('import-mapping')).toBeVisible();
  await expect(page.getByTestId('import-map-population')).toHaveValue('Invånare');
  await expect(page.getByTestId('import-map-name')).toHaveValue('');
  await page.getByTestId('import-preview').click();
  await expect(page.getByTestId('import-error-row').first()).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('import-map-name').selectOption('Benämning');
  await page.getByTestId('import-map-geometry').selectOption('Gräns');
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-added', '1', { timeout: 60_000 });
  await expect(page.getByTestId('import-detected')).toContainText('EPSG:3006');

  // A dialogue summary from a focus group, attached to the imported district.
  await page.reload();
  const dialogueTitle = `Fokusgrupp ${TOKEN}`;
  const form = page.getByTestId('dialogue-form');
  await form.getByTestId('dialogue-area').selectOption({ label: areaName });
  // Brought to the latest EST meeting (the select lists them newest first: "YYYY-MM-DD · kind").
  const meetingOption = form.getByTestId('dialogue-meeting').locator('option').nth(1);
  const meetingLabel = (await meetingOption.textContent()) ?? '';
  expect(meetingLabel).toMatch(/^\d{4}-\d{2}-\d{2} · /);
  await form.getByTestId('dialogue-meeting').selectOption((await meetingOption.getAttribute('value'))!);
  await form.getByTestId('dialogue-kind').selectOption('focus_group');
  await form.getByTestId('dialogue-held-on').fill('2025-10-02');
  await form.getByTestId('dialogue-title').fill(dialogueTitle);
  await form.getByTestId('dialogue-summary').fill('Otryggt vid busshållplatsen efter kl. 21.');
  await form.getByTestId('dialogue-participants').fill('9');
  await form.getByTestId('dialogue-save').click();
  await expect(page.getByTestId('dialogue-saved')).toContainText(dialogueTitle);
  // The meeting plan lists it under that meeting.
  await page.goto(`/motesplan?ar=${meetingLabel.slice(0, 4)}`);
  await expect(page.getByTestId('meeting').getByTestId('meeting-dialogue-row').filter({ hasText: dialogueTitle })).toHaveCount(1);

  // On the map: both areas are in the area filter; the district's panel shows its survey result and the dialogue.
  await page.goto('/karta');
  await expect(page.getByTestId('filter-area').locator('option', { hasText: areaName })).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByTestId('filter-area').locator('option', { hasText: wktName })).toHaveCount(1);
  const choose = page.getByTestId('area-choose');
  const areaId = await choose.locator('option', { hasText: areaName }).getAttribute('value');
  expect(areaId).toBeTruthy();
  await choose.selectOption(areaId!);
  const panel = page.getByTestId('area-panel');
  const survey = panel.getByTestId('area-survey-row');
  await expect(survey).toHaveCount(1, { timeout: 60_000 });
  await expect(survey).toHaveAttribute('data-indicator', 'Otrygghet utomhus kvällstid');
  await expect(survey).toHaveAttribute('data-year', '2025');
  await expect(survey).toHaveAttribute('data-value', '23.5');
  await expect(panel.getByTestId('area-dialogue-row')).toHaveAttribute('data-title', dialogueTitle);
});

test('a dialogue summary is corrected from the area panel: the fields change, an empty title is refused by name, a partner cannot', async ({ page, baseURL }) => {
  await signInAs(page, 'police', baseURL!);
  await page.goto('/karta');
  // Any district the map's area list offers; the summary is this run's own.
  const areaOption = page.getByTestId('area-choose').locator('option').nth(1);
  const areaId = (await areaOption.getAttribute('value'))!;
  const areaName = (await areaOption.textContent())!;
  const title = `Digital trygghetsvandring ${TOKEN}`;
  const created = await page.request.post(`${baseURL}/api/v1/dialogue-summaries`, {
    data: { area_id: areaId, est_meeting_id: null, kind: 'digital_safety_walk', held_on: '2025-09-20', title, summary: 'Mörkt vid gångtunneln.', participants: 14, source: null },
  });
  expect(created.status()).toBe(201);
  const id = ((await created.json()) as { summary: { id: string } }).summary.id;

  // From the map's area panel to the edit page, which starts from the stored fields.
  await page.getByTestId('area-choose').selectOption(areaId);
  const row = page.getByTestId('area-panel').locator(`[data-testid="area-dialogue-row"][data-title="${title}"]`);
  await expect(row).toHaveCount(1, { timeout: 60_000 });
  await row.locator('summary').click();
  await row.getByTestId('area-dialogue-edit').click();
  await expect(page).toHaveURL(new RegExp(`/import/dialog/${id}$`));
  const form = page.getByTestId('dialogue-form');
  await expect(form.getByTestId('dialogue-title')).toHaveValue(title);
  await expect(form.getByTestId('dialogue-participants')).toHaveValue('14');
  await expect(form.getByTestId('dialogue-kind')).toHaveValue('digital_safety_walk');

  // A title of blanks passes the browser's check but not the server's: the error sits at the field.
  await form.getByTestId('dialogue-title').fill('   ');
  await form.getByTestId('dialogue-save').click();
  await expect(form.getByTestId('dialogue-error-title')).toBeVisible();

  const corrected = `${title} (rättad)`;
  await form.getByTestId('dialogue-title').fill(corrected);
  await form.getByTestId('dialogue-summary').fill('Mörkt vid gångtunneln och vid busshållplatsen.');
  await form.getByTestId('dialogue-participants').fill('12');
  await form.getByTestId('dialogue-save').click();
  await expect(page.getByTestId('dialogue-saved')).toContainText(`Ändringarna är sparade: ”${corrected}” på ${areaName}`);
  const listed = await page.request.get(`${baseURL}/api/v1/dialogue-summaries?area=${areaId}`);
  const mine = ((await listed.json()) as { summaries: { id: string; title: string; summary: string; participants: number }[] }).summaries.filter((s) => s.id === id);
  expect(mine.map((s) => [s.title, s.summary, s.participants])).toEqual([[corrected, 'Mörkt vid gångtunneln och vid busshållplatsen.', 12]]);

  // A partner may neither open the edit page nor send the change.
  await signInAs(page, 'partner', baseURL!);
  expect((await page.goto(`/import/dialog/${id}`))!.status()).toBe(404);
  const refused = await page.request.patch(`${baseURL}/api/v1/dialogue-summaries/${id}`, { data: { area_id: areaId, kind: 'other', held_on: '2025-09-20', title: 'Partnerns', summary: 'x' } });
  expect(refused.status()).toBe(403);
});
