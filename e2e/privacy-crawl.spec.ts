// The privacy suite: tries to break the public side from outside. It crawls every public page (HTML and
// its RSC payload, requested with the `RSC: 1` header) and every public endpoint, and asserts that no
// response holds a seeded incident's coordinates (to about a metre, either order), an incident time
// finer than a quarter, an internal note or other seeded free text, a reporter's contact details, or
// photo metadata; then it reruns the disclosure audit (lib/privacy) over every number the public API
// gave out, and checks the numbers on the page are those numbers.
import sharp from 'sharp';
import { expect, test } from '@playwright/test';
import { buildAuditInput, type AuditedPublication } from '@/lib/privacy/build-audit-input';
import { auditDisclosure } from '@/lib/privacy/disclosure-audit';
import { sv } from '@/lib/i18n/messages/sv';
import { en } from '@/lib/i18n/messages/en';
import { ensurePublicQuarters, withE2eDatabase } from './public-support';
import { signInAs } from './support/sign-in';

test.describe.configure({ mode: 'serial' });

const EXIF_MARKERS = ['EXIF-MARKER-4711', 'Fotograf Hemligsson', 'Canon EOS Hemlig'];
const CONTACT = { contact_name: 'Kim Kontaktsson', contact_email: 'kim.kontakt@example.se', contact_phone: '070-765 43 21' };
const REPORT_BODY = 'Hemlig rapporttext: grannens bil står i vägen för brandvägen varje natt vid Lönngatan 7.';
const PUBLIC_SUMMARY = 'Parkeringen vid brandvägen ses över.';

interface Crawled {
  url: string;
  kind: 'page' | 'rsc' | 'api';
  status: number;
  body: string;
}

let token = '';
const crawled: Crawled[] = [];

async function photoWithMetadata(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: '#556b2f' } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Fotograf Hemligsson', Copyright: 'EXIF-MARKER-4711', Model: 'Canon EOS Hemlig' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '57/1 10/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '14/1 2/1 3000/100' } })
    .toBuffer();
}

test.beforeAll(async ({ browser, baseURL }) => {
  await ensurePublicQuarters();
  // A report with contact details and a photo full of metadata, approved with a public pin.
  const ctx = await browser.newContext();
  const res = await ctx.request.post(`${baseURL}/api/public/citizen-reports`, {
    headers: { accept: 'application/json' },
    multipart: {
      category: 'unsafe_place',
      body: REPORT_BODY,
      lon: '14.0466',
      lat: '57.1851',
      ...CONTACT,
      photo: { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await photoWithMetadata() },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  token = ((await res.json()) as { statusPath: string }).statusPath.split('/').pop()!;
  const staff = await ctx.newPage();
  await signInAs(staff, 'police', baseURL!);
  await staff.goto('/medborgarrapporter');
  const report = staff.getByTestId('pending-report').filter({ hasText: REPORT_BODY });
  await report.getByLabel('Publik text').first().fill(PUBLIC_SUMMARY);
  await report.getByLabel(/offentlig miljö/).first().check();
  await report.locator('button[type="submit"]', { hasText: 'Godkänn' }).click();
  await expect(staff.getByTestId('moderation-ok')).toBeVisible();
  await ctx.close();
});

test('the crawl reaches every public page, its RSC payload and every public endpoint', async ({ request }, testInfo) => {
  const figures = (await (await request.get('/api/public/figures')).json()) as { quarters: { quarter: string }[] };
  const pages = new Set(['/', '/rapportera', `/rapportstatus/${token}`, `/rapportstatus/${token}?ny=1`, ...figures.quarters.map((q) => `/?kvartal=${q.quarter}`)]);
  // Every same-site link on the public pages that is not a staff page.
  const home = await (await request.get('/')).text();
  for (const m of home.matchAll(/href="(\/[^"#]*)"/g)) {
    const href = m[1].replace(/&amp;/g, '&');
    if (!/^\/(karta|logga-in|admin|medborgarrapporter|sprak|_next|api\/auth)/.test(href)) pages.add(href);
  }
  const endpoints = ['/api/public/pledges', '/api/public/figures', '/api/public/reports', `/api/public/citizen-reports/${token}`, '/api/health'];
  for (const url of pages) {
    for (const kind of ['page', 'rsc'] as const) {
      const res = await request.get(url, { headers: kind === 'rsc' ? { RSC: '1' } : {} });
      crawled.push({ url, kind, status: res.status(), body: await res.text() });
    }
  }
  for (const url of endpoints) {
    const res = await request.get(url);
    crawled.push({ url, kind: 'api', status: res.status(), body: await res.text() });
  }
  for (const c of crawled) expect(c.status, `${c.kind} ${c.url}`).toBe(200);
  expect(crawled.filter((c) => c.kind === 'rsc').every((c) => !c.body.trimStart().startsWith('<!DOCTYPE'))).toBe(true);
  const bytes = crawled.reduce((n, c) => n + Buffer.byteLength(c.body), 0);
  const summary = `${pages.size} pages × (HTML + RSC) and ${endpoints.length} endpoints: ${crawled.length} responses, ${bytes} bytes`;
  testInfo.annotations.push({ type: 'crawl', description: summary });
  console.log(`privacy crawl: ${summary}`);
  // No live count leaves: the health check answers with the database's phase only.
  expect(JSON.parse(crawled.find((c) => c.url === '/api/health')!.body)).not.toHaveProperty('counts');
  // The photo is for moderators only.
  const photoId = await withE2eDatabase(async (c) => (await c.query<{ id: string }>(`SELECT report_id AS id FROM citizen_report_photo LIMIT 1`)).rows[0]?.id);
  expect(photoId).toBeTruthy();
  expect((await request.get(`/medborgarrapporter/foto/${photoId}`, { maxRedirects: 0 })).status()).toBe(401);
});

test('no response holds the coordinates of a seeded incident', async () => {
  const incidents = await withE2eDatabase(async (c) => (await c.query<{ lon: number; lat: number }>(`SELECT ST_X(geom)::float8 AS lon, ST_Y(geom)::float8 AS lat FROM incident`)).rows);
  expect(incidents.length).toBeGreaterThan(1000);
  const grid = new Map<string, { lon: number; lat: number }[]>();
  const cell = (lon: number, lat: number) => `${Math.round(lon * 1e3)}:${Math.round(lat * 1e3)}`;
  for (const p of incidents) grid.set(cell(p.lon, p.lat), [...(grid.get(cell(p.lon, p.lat)) ?? []), p]);
  // A number leaks an incident when it is the incident's coordinate rounded to the number's own precision
  // (4 decimals ≈ 10 m, 6 ≈ 0.1 m), for both coordinates of a pair, in either order.
  const match = (lonText: string, latText: string) => {
    const dl = lonText.split('.')[1].length;
    const db = latText.split('.')[1].length;
    const [lon, lat] = [Number(lonText), Number(latText)];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const p of grid.get(`${Math.round(lon * 1e3) + dx}:${Math.round(lat * 1e3) + dy}`) ?? []) {
          if (p.lon.toFixed(dl) === Number(lonText).toFixed(dl) && p.lat.toFixed(db) === Number(latText).toFixed(db)) return p;
        }
      }
    }
    return null;
  };
  // Public geometry by design is not an incident: moderated report pins (4 decimals) and the vertices of
  // district and focus-area outlines as served (6 decimals); each can lie near an incident by chance.
  const publicPositions = new Set(
    (JSON.parse(crawled.find((c) => c.url === '/api/public/reports')!.body) as { features: { geometry: { coordinates: number[] } }[] }).features.map((f) => f.geometry.coordinates.join(',')),
  );
  const vertices = await withE2eDatabase(
    async (c) =>
      (
        await c.query<{ x: string; y: string }>(
          `SELECT round(ST_X(p.geom)::numeric, 6)::text AS x, round(ST_Y(p.geom)::numeric, 6)::text AS y
           FROM (SELECT (ST_DumpPoints(geom)).geom FROM focus_area UNION ALL SELECT (ST_DumpPoints(geom)).geom FROM area) p`,
        )
      ).rows,
  );
  for (const v of vertices) publicPositions.add(`${Number(v.x)},${Number(v.y)}`);
  let pairs = 0;
  const leaks: string[] = [];
  const check = (c: Crawled, lonText: string, latText: string, minDecimals: number) => {
    const [lon, lat] = [Number(lonText), Number(latText)];
    if (lon < 10 || lon > 25 || lat < 55 || lat > 70) return;
    if (Math.min(lonText.split('.')[1].length, latText.split('.')[1].length) < minDecimals) return;
    pairs++;
    if (publicPositions.has(`${lon},${lat}`)) return;
    const hit = match(lonText, latText);
    if (hit) leaks.push(`${c.kind} ${c.url}: ${lonText},${latText} = incident at ${hit.lon},${hit.lat} rounded`);
  };
  const num = String.raw`-?\d{1,3}\.\d+`;
  for (const c of crawled) {
    const body = c.body.replace(/\\"/g, '"');
    // Positions: GeoJSON arrays and lon/lat properties, at any precision of 4 decimals or more.
    for (const m of body.matchAll(new RegExp(String.raw`\[\s*(${num})\s*,\s*(${num})\s*\]`, 'g'))) {
      check(c, m[1], m[2], 4);
      check(c, m[2], m[1], 4);
    }
    for (const m of body.matchAll(new RegExp(String.raw`"(?:lon|lng|longitude|labelLon|x)"\s*:\s*(${num})\s*,\s*"(?:lat|latitude|labelLat|y)"\s*:\s*(${num})`, 'g'))) check(c, m[1], m[2], 4);
    // Anything else that reads like a coordinate pair in text ("57.18123, 14.04567"), at 5 decimals or more.
    const numbers = [...body.matchAll(/-?\d{1,3}\.\d{5,}/g)].map((m) => m[0]);
    for (let i = 0; i + 1 < numbers.length; i++) {
      check(c, numbers[i], numbers[i + 1], 5);
      check(c, numbers[i + 1], numbers[i], 5);
    }
  }
  console.log(`privacy crawl: ${pairs} coordinate pairs checked against ${incidents.length} incidents (at each number's own precision, ≥ 4 decimals)`);
  expect(pairs).toBeGreaterThan(1000);
  expect(leaks).toEqual([]);
});

test('no response holds an incident time finer than a quarter', async () => {
  const times = await withE2eDatabase(async (c) =>
    (
      await c.query<{ utc: string; local: string }>(
        `SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS utc, to_char(occurred_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD"T"HH24:MI') AS local FROM incident`,
      )
    ).rows,
  );
  const secret = new Set(times.flatMap((t) => [t.utc, t.local]));
  const leaks: string[] = [];
  let stamps = 0;
  for (const c of crawled) {
    for (const m of c.body.matchAll(/(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/g)) {
      stamps++;
      if (secret.has(`${m[1]}T${m[2]}`)) leaks.push(`${c.kind} ${c.url}: ${m[0]}`);
    }
  }
  console.log(`privacy crawl: ${stamps} timestamps seen, checked against ${times.length} incident times`);
  expect(leaks).toEqual([]);
});

test('no response holds internal notes, seeded free text, contact details or photo metadata', async () => {
  const texts = await withE2eDatabase(async (c) => {
    const q = async (sql: string) => (await c.query<{ t: string }>(sql)).rows.map((r) => r.t);
    return [
      ...(await q(`SELECT DISTINCT description AS t FROM incident WHERE description IS NOT NULL`)),
      ...(await q(`SELECT description AS t FROM unsafe_place WHERE description IS NOT NULL`)),
      ...(await q(`SELECT proposed_measure AS t FROM unsafe_place WHERE proposed_measure IS NOT NULL`)),
      ...(await q(`SELECT description AS t FROM vandalism_report WHERE description IS NOT NULL`)),
      ...(await q(`SELECT notes AS t FROM safety_walk WHERE notes IS NOT NULL`)),
      ...(await q(`SELECT note AS t FROM safety_walk_observation WHERE note IS NOT NULL`)),
      ...(await q(`SELECT protocol_action AS t FROM safety_walk_observation WHERE protocol_action IS NOT NULL`)),
      ...(await q(`SELECT notes AS t FROM est_meeting WHERE notes IS NOT NULL UNION ALL SELECT decisions FROM est_meeting WHERE decisions IS NOT NULL`)),
      ...(await q(`SELECT internal_notes AS t FROM activity WHERE internal_notes IS NOT NULL`)),
      ...(await q(`SELECT goal AS t FROM activity WHERE goal IS NOT NULL`)),
      ...(await q(`SELECT public_summary AS t FROM activity WHERE public_summary IS NOT NULL AND NOT public_summary_approved`)),
      ...(await q(`SELECT note AS t FROM follow_up WHERE note IS NOT NULL`)),
      ...(await q(`SELECT rationale AS t FROM focus_area WHERE rationale IS NOT NULL`)),
      ...(await q(`SELECT body AS t FROM pledge`)),
      ...(await q(`SELECT cause_note AS t FROM hotspot_note`)),
      ...(await q(`SELECT body AS t FROM citizen_report UNION ALL SELECT rejection_reason FROM citizen_report WHERE rejection_reason IS NOT NULL`)),
      ...(await q(`SELECT contact_name AS t FROM citizen_report WHERE contact_name IS NOT NULL UNION ALL SELECT contact_email FROM citizen_report WHERE contact_email IS NOT NULL UNION ALL SELECT contact_phone FROM citizen_report WHERE contact_phone IS NOT NULL`)),
    ];
  });
  // Text that is also public by design (a label, a name, a moderated summary) is not a secret.
  const publicValues = await withE2eDatabase(async (c) =>
    (
      await c.query<{ t: string }>(
        `SELECT public_summary AS t FROM unsafe_place WHERE public_summary IS NOT NULL UNION SELECT public_summary FROM vandalism_report WHERE public_summary IS NOT NULL
         UNION SELECT public_summary FROM activity WHERE public_summary_approved UNION SELECT public_summary FROM pledge WHERE public_summary IS NOT NULL
         UNION SELECT public_summary FROM focus_area WHERE public_summary IS NOT NULL UNION SELECT public_summary FROM citizen_report WHERE public_summary IS NOT NULL
         UNION SELECT name FROM area UNION SELECT name FROM organisation UNION SELECT title FROM pledge UNION SELECT title FROM activity UNION SELECT name FROM focus_area
         UNION SELECT label_sv FROM category UNION SELECT label_en FROM category`,
      )
    ).rows.map((r) => r.t),
  );
  const allowed = [...publicValues, ...Object.values(sv), ...Object.values(en)];
  const secrets = [...new Set([...texts, ...Object.values(CONTACT), REPORT_BODY])].filter((t) => t.trim().length >= 8 && !allowed.some((a) => a.includes(t)));
  expect(secrets.length).toBeGreaterThan(20);
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
  const leaks: string[] = [];
  for (const c of crawled) {
    for (const s of secrets) if (c.body.includes(s) || c.body.includes(escape(s)) || c.body.includes(JSON.stringify(s).slice(1, -1))) leaks.push(`${c.kind} ${c.url}: "${s.slice(0, 60)}"`);
    for (const m of [...EXIF_MARKERS, 'GPSLatitude', 'Exif\u0000']) if (c.body.includes(m)) leaks.push(`${c.kind} ${c.url}: photo metadata ${m}`);
  }
  console.log(`privacy crawl: ${secrets.length} seeded texts and ${EXIF_MARKERS.length} photo markers checked`);
  expect(leaks).toEqual([]);
  // The moderated text is what is public about the report.
  expect(crawled.some((c) => c.url === '/' && c.body.includes(PUBLIC_SUMMARY))).toBe(true);
});

test('the disclosure audit passes over every number the public API gave out, and the page shows only those numbers', async () => {
  const api = crawled.find((c) => c.url === '/api/public/figures')!;
  type Figure = { areaName: string; group: string; count: number | null; parts: string[] };
  type Quarter = { quarter: string; version: number; k: number; cells: Figure[]; areaTotals: Figure[]; municipalityTotals: Figure[] };
  const data = JSON.parse(api.body) as { quarters: Quarter[]; focusAreaTrends: { name: string; trend: { quarter: string; count: number; parts: string[] }[] }[] };
  expect(data.quarters.length).toBeGreaterThanOrEqual(4);
  const k = data.quarters[0].k;
  let figures = 0;
  const pubs: AuditedPublication[] = data.quarters.map((q, i) => {
    const own = [...q.cells, ...q.areaTotals, ...q.municipalityTotals].map((f) => ({ label: `${q.quarter} ${f.areaName} ${f.group}`, count: f.count, suppressed: f.count === null, parts: f.parts }));
    const trends = data.focusAreaTrends.flatMap((fa) => fa.trend.filter((p) => p.quarter === q.quarter && p.parts.length).map((p) => ({ label: `${q.quarter} ${fa.name}`, count: p.count, suppressed: false, parts: p.parts })));
    figures += own.length + trends.length;
    return { version: i + 1, figures: [...own, ...trends] };
  });
  for (const q of data.quarters) for (const c of q.cells) expect(c.count === null || c.count >= q.k, `${q.quarter} ${c.areaName} ${c.group}`).toBe(true);
  const audit = await auditDisclosure(buildAuditInput(pubs, k));
  console.log(`privacy crawl: disclosure audit over ${figures} public figures of ${data.quarters.length} quarters: ${audit.stats.linearPrograms} linear programs, ${audit.leaks.length} leaks`);
  expect(audit.leaks).toEqual([]);
  expect(audit.passed).toBe(true);

  // Every number in the home page's figure table is one the API gave for the latest quarter.
  const latest = data.quarters.at(-1)!;
  const page = crawled.find((c) => c.url === '/' && c.kind === 'page')!.body;
  const table = page.slice(page.indexOf('data-testid="published-figures"'), page.indexOf('</table>', page.indexOf('data-testid="published-figures"')));
  const shown = [...table.matchAll(/<td class="num">(?:minst )?(\d+)<\/td>/g)].map((m) => Number(m[1]));
  const given = new Set([...latest.cells, ...latest.areaTotals, ...latest.municipalityTotals].filter((f) => f.count !== null).map((f) => f.count));
  expect(shown.length).toBeGreaterThan(0);
  for (const n of shown) expect(given.has(n), `page shows ${n}`).toBe(true);
});
