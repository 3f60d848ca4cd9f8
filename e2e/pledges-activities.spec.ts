// The council loop as its users live it (issue 7): the security coordinator (municipality) creates a
// pledge with a focus area and proposes an activity owned by the housing company; the council's
// decision is recorded; the housing company's partner user reports its quarterly follow-up (and cannot
// report on another organisation's activity); the coordinator sees who has not reported.
import { type Browser, type Page, expect, test } from '@playwright/test';
import { signInAs } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const stamp = Date.now().toString(36);
const PLEDGE = `Tryggt kring resecentrum ${stamp}`;
const ACTIVITY = `Trapphusbelysning vid resecentrum ${stamp}`;
// The e2e demo ends 2026-01-01: 2025 is its "this year"; the partner's own activity lacks 2025-Q3.
const QUARTER = '2025-Q3';

async function pageAs(browser: Browser, role: 'municipality' | 'partner', baseURL: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, role, baseURL);
  return page;
}

test('the coordinator creates a pledge with a focus area and proposes an activity', async ({ browser, baseURL }) => {
  const page = await pageAs(browser, 'municipality', baseURL!);
  await page.goto('/loften');
  await expect(page.getByTestId('pledge').first()).toBeVisible();
  const form = page.getByTestId('pledge-form');
  await form.getByLabel('År').fill('2026');
  await form.getByLabel('Rubrik').fill(PLEDGE);
  await form.getByLabel('Löftestext').fill('Polisen och kommunen lovar bättre belysning i trapphusen vid resecentrum.');
  await form.getByLabel('Resecentrum och stationsområdet').check();
  await form.getByLabel('Värnamo Bostäder AB').check();
  await form.getByRole('button', { name: 'Spara medborgarlöftet' }).click();
  await expect(page.getByTestId('loop-ok')).toContainText(PLEDGE);
  const pledge = page.getByTestId('pledge').filter({ hasText: PLEDGE });
  await expect(pledge).toContainText('Resecentrum och stationsområdet');
  await expect(pledge).toContainText('Värnamo Bostäder AB');

  await page.goto('/aktiviteter');
  const propose = page.getByTestId('propose-activity-form');
  await propose.getByLabel('Titel').fill(ACTIVITY);
  await propose.getByLabel('Medborgarlöfte').selectOption({ label: `2026: ${PLEDGE}` });
  await propose.getByLabel('Fokusområde').selectOption({ label: 'Resecentrum och stationsområdet' });
  await propose.getByLabel('Ansvarig organisation').selectOption({ label: 'Värnamo Bostäder AB' });
  await propose.getByLabel('Värnamo kommun', { exact: true }).check();
  await propose.getByLabel('Startdatum').fill('2025-07-01');
  await propose.getByLabel('Slutdatum').fill('2026-06-30');
  await propose.getByLabel('Mätbart mål').fill('Alla trapphus tända före mörkersäsongen.');
  await propose.getByLabel(/^Indikator/).fill('Andel trapphus med fungerande belysning (%)');
  await propose.getByLabel(/^Interna anteckningar/).fill('Intern: entreprenören heter X.');
  await propose.getByRole('button', { name: 'Registrera förslaget' }).click();
  await expect(page.getByTestId('loop-ok')).toContainText('väntar på rådets beslut');
  const row = page.getByTestId('activities-table').getByRole('row', { name: new RegExp(ACTIVITY) });
  await expect(row).toContainText('Föreslagen');
  await page.context().close();
});

test('the new pledge reaches the public page and API only after the coordinator approves its public text', async ({ browser, baseURL }) => {
  const visitor = await (await browser.newContext()).newPage();
  const publicApi = async () => JSON.stringify(await (await visitor.request.get(`${baseURL}/api/public/pledges`)).json());
  expect(await publicApi()).not.toContain(PLEDGE);
  await visitor.goto('/');
  await expect(visitor.getByTestId('public-pledge').first()).toBeAttached();
  expect(await visitor.content()).not.toContain(PLEDGE);

  const page = await pageAs(browser, 'municipality', baseURL!);
  await page.goto('/loften');
  const pledge = page.getByTestId('pledge').filter({ hasText: PLEDGE });
  await expect(pledge.getByTestId('pledge-public-text')).toContainText('Visas inte publikt');
  await pledge.getByRole('button', { name: 'Godkänn rubrik och sammanfattning för publicering' }).click();
  await expect(page.getByTestId('loop-ok')).toContainText('godkänd');
  await expect(page.getByTestId('pledge').filter({ hasText: PLEDGE }).getByTestId('pledge-public-text')).toContainText(`Visas publikt: ${PLEDGE}`);
  expect(await publicApi()).toContain(PLEDGE);
  await visitor.goto('/');
  expect(await visitor.content()).toContain(PLEDGE);
});

test('the council’s decision is recorded and moves the proposal to decided', async ({ browser, baseURL }) => {
  const page = await pageAs(browser, 'municipality', baseURL!);
  await page.goto('/aktiviteter');
  await page.getByRole('link', { name: ACTIVITY }).click();
  await expect(page.getByTestId('activity-status')).toHaveText('Föreslagen');
  const form = page.getByTestId('decision-form');
  await form.getByLabel('Möte (som i protokollet)').fill('Lokala brottsförebyggande rådet 2025-06-18');
  await form.getByLabel('Beslutsdatum').fill('2025-06-18');
  await form.getByLabel('Beslutstext').fill('Rådet beslutar om trapphusbelysning vid resecentrum.');
  await form.getByRole('button', { name: 'Registrera rådets beslut' }).click();
  await expect(page.getByTestId('loop-ok')).toContainText('Rådets beslut är registrerat');
  await expect(page.getByTestId('activity-status')).toHaveText('Beslutad');
  await expect(page.getByTestId('decisions-table')).toContainText('Rådet beslutar om trapphusbelysning vid resecentrum.');
  // The quarterly report of the decision's quarter lists it with its meeting and date.
  await page.goto('/rapport?quarter=2025-Q2');
  const row = page.getByTestId('section-decisions').getByTestId('decision-row').filter({ hasText: ACTIVITY });
  await expect(row).toContainText('Rådet beslutar om trapphusbelysning vid resecentrum.');
  await expect(row).toContainText('Lokala brottsförebyggande rådet 2025-06-18');
  await expect(row).toContainText('2025-06-18');
  await page.goto('/rapport?quarter=2025-Q3');
  await expect(page.getByTestId('section-decisions')).not.toContainText(ACTIVITY);
  await page.context().close();
});

test('the partner reports its quarterly follow-up on its own activity and cannot report on another organisation’s', async ({ browser, baseURL }) => {
  const kommun = await pageAs(browser, 'municipality', baseURL!);
  const all = (await (await kommun.request.get('/api/v1/activities')).json()) as { activities: { id: string; title: string }[] };
  const police = all.activities.find((a) => a.title === 'Synlig polisnärvaro vid torget fredag och lördag natt')!;
  expect(police).toBeTruthy();
  await kommun.context().close();

  const page = await pageAs(browser, 'partner', baseURL!);
  await page.goto('/aktiviteter');
  await expect(page.getByTestId('activities-table')).toContainText(ACTIVITY);
  await expect(page.getByTestId('activities-table')).not.toContainText('Synlig polisnärvaro vid torget');
  // Another organisation's activity: not found, for the page and the API alike.
  expect((await page.request.get(`/aktiviteter/${police.id}`)).status()).toBe(404);
  const refused = await page.request.post('/api/v1/follow-ups', { data: { activity_id: police.id, quarter: QUARTER, status: 'on_track', indicator_value: 20 } });
  expect(refused.status()).toBe(404);

  await page.goto(`/uppfoljning?kvartal=${QUARTER}`);
  await page.getByTestId('unreported-table').getByRole('link', { name: ACTIVITY }).click();
  const form = page.getByTestId('follow-up-form');
  await expect(form.getByLabel('Kvartal', { exact: true })).toHaveValue(QUARTER);
  await form.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Enligt plan' });
  await form.getByLabel(/^Indikatorvärde/).fill('62,5');
  await form.getByLabel('Vad som gjorts under kvartalet').fill('Belysningen bytt i fem av åtta trapphus.');
  await form.getByRole('button', { name: 'Skicka uppföljningen' }).click();
  await expect(page.getByTestId('loop-ok')).toContainText(`Uppföljningen för ${QUARTER} är rapporterad`);
  const row = page.getByTestId('follow-ups-table').getByRole('row', { name: new RegExp(QUARTER) });
  await expect(row).toContainText('62.5');
  await expect(row).toContainText('Värnamo Bostäder AB');
  await page.context().close();
});

test('the coordinator sees who has not reported the quarter', async ({ browser, baseURL }) => {
  const page = await pageAs(browser, 'municipality', baseURL!);
  await page.goto(`/uppfoljning?kvartal=${QUARTER}`);
  await expect(page.getByTestId('unreported-summary')).toContainText('Polisen lokalpolisområde Värnamo');
  await expect(page.getByTestId('unreported-summary')).toContainText('Värnamo kommun');
  const table = page.getByTestId('unreported-table');
  await expect(table.getByRole('row', { name: /Synlig polisnärvaro vid torget/ })).toBeVisible();
  await expect(table).not.toContainText(ACTIVITY);
  await page.context().close();
});

test('the coordinator edits the pledge and a focus area, audited', async ({ browser, baseURL }) => {
  const page = await pageAs(browser, 'municipality', baseURL!);
  await page.goto('/loften');
  const pledge = page.getByTestId('pledge').filter({ hasText: PLEDGE });
  await pledge.getByText('Ändra medborgarlöftet').click();
  const form = pledge.getByTestId('edit-pledge-form');
  await expect(form.getByLabel('Värnamo Bostäder AB')).toBeChecked();
  await form.getByLabel('Rubrik').fill(`${PLEDGE} (reviderat)`);
  await form.getByLabel('År').fill('2027');
  await form.getByLabel('Värnamo Näringsliv / Värnamo City').check();
  await form.getByRole('button', { name: 'Spara ändringarna' }).click();
  await expect(page.getByTestId('loop-ok')).toContainText(`${PLEDGE} (reviderat)`);
  const edited = page.getByTestId('pledge').filter({ hasText: `${PLEDGE} (reviderat)` });
  await expect(edited).toContainText('Värnamo Näringsliv / Värnamo City');
  await expect(page.getByRole('heading', { level: 2, name: '2027' })).toBeVisible();

  await page.goto('/fokusomraden');
  const area = page.getByTestId('focus-area').filter({ hasText: 'Resecentrum och stationsområdet' });
  await area.getByText('Ändra fokusområdet').click();
  const areaForm = area.getByTestId('edit-focus-area-form');
  await areaForm.getByLabel(/^Underlag/).fill(`Trygghetsvandring ${stamp}`);
  await areaForm.getByRole('button', { name: 'Spara ändringarna' }).click();
  await expect(page.getByTestId('loop-ok')).toContainText('Resecentrum och stationsområdet');
  await expect(page.getByTestId('focus-area').filter({ hasText: 'Resecentrum och stationsområdet' })).toContainText(`Trygghetsvandring ${stamp}`);
  await page.context().close();
});

test('the loop pages read in English after the language switch', async ({ browser, baseURL }) => {
  const page = await pageAs(browser, 'municipality', baseURL!);
  await page.goto('/sprak?lang=en&next=%2Floften');
  const swedish = ['Medborgarlöften', 'Samverkansparter', 'Nytt medborgarlöfte', 'Spara medborgarlöftet', 'Föreslagen', 'Beslutad', 'tills vidare', 'Ansvarig organisation', 'Har inte rapporterat', 'Mötesplan', 'Notiser'];
  const expectations: [string, string[]][] = [
    ['/loften', ['Citizen pledges', 'New citizen pledge', 'Partner organisations']],
    ['/fokusomraden', ['Focus areas', 'New focus area', 'Evidence']],
    ['/aktiviteter', ['Activities', 'Propose an activity', 'Responsible organisation']],
    [`/uppfoljning?kvartal=${QUARTER}`, [`Follow-up ${QUARTER}`, 'Not reported']],
    ['/motesplan?ar=2025', ['Meeting plan 2025', 'January', 'Add a meeting']],
    ['/notiser', ['Notifications']],
  ];
  for (const [url, english] of expectations) {
    await page.goto(url);
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    for (const s of english) expect(text, `${url} shows "${s}"`).toContain(s);
    for (const s of swedish) expect(text, `${url} has no "${s}"`).not.toContain(s);
  }
  await page.goto('/aktiviteter');
  await page.getByTestId('activities-table').getByRole('link').first().click();
  const detail = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  expect(detail).toContain('Quarterly follow-up');
  for (const s of ['Kvartalsuppföljning', 'Rådets beslut', 'Ansvarig organisation', 'Publik sammanfattning']) expect(detail).not.toContain(s);
  await page.goto('/sprak?lang=sv&next=%2Floften');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Medborgarlöften');
  await page.context().close();
});

test('a council member sees the recorded decision but no internal note or follow-up text in any response, and may not record a decision', async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, 'council', baseURL!);
  const bodies: { url: string; text: string }[] = [];
  page.on('response', async (res) => {
    if (!res.url().startsWith(baseURL!)) return;
    const type = res.headers()['content-type'] ?? '';
    if (/json|text|javascript|x-component|csv/.test(type)) bodies.push({ url: res.url(), text: await res.text().catch(() => '') });
  });
  await page.goto('/aktiviteter');
  await page.getByTestId('activities-table').getByRole('link', { name: ACTIVITY }).click();
  await expect(page.getByTestId('activity-status')).toHaveText('Beslutad');
  await expect(page.getByTestId('decisions-table')).toContainText('Rådet beslutar om trapphusbelysning vid resecentrum.');
  await expect(page.getByTestId('decision-form')).toHaveCount(0);
  await expect(page.getByTestId('follow-ups-table')).toContainText(QUARTER);
  const activityId = page.url().split('/').pop()!;
  await page.goto('/loften');
  await page.goto(`/rad?quarter=${QUARTER}`);
  await expect(page.locator('[data-testid="chart-trend-quarterly"] .recharts-wrapper > svg').first()).toBeVisible();
  await page.goto('/rapport?quarter=2025-Q2');
  await expect(page.getByTestId('section-decisions')).toContainText('Rådet beslutar om trapphusbelysning vid resecentrum.');
  await page.waitForLoadState('networkidle');
  const csv = await page.request.get(`/api/v1/council/csv?chart=pledges&quarter=${QUARTER}`);
  bodies.push({ url: csv.url(), text: await csv.text() });
  const api = await page.request.get('/api/v1/activities');
  bodies.push({ url: api.url(), text: await api.text() });
  expect(bodies.length).toBeGreaterThan(5);
  for (const b of bodies) {
    expect(b.text, b.url).not.toContain('entreprenören heter X');
    expect(b.text, b.url).not.toContain('Belysningen bytt i fem av åtta trapphus');
  }
  // The council reads decisions; recording one is the EST group's (403, audited).
  const refused = await page.request.post(`/api/v1/activities/${activityId}/decision`, { data: { meeting_name: 'Rådet', decided_on: '2025-06-18', outcome: 'rejected', decision_text: 'Nej.' } });
  expect(refused.status()).toBe(403);
  await context.close();
});
