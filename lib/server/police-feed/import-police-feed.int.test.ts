// The police events feed import on a real database (both backends): only the municipality's events,
// all or nothing, the same file twice changes nothing, changed events are updated, audited.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import type { Role } from '@/lib/schemas/auth';
import { HttpError } from '@/lib/server/auth/errors';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { importPoliceFeed } from './import-police-feed';

// Beside the repository (../shared/data), as for every other test that reads the shared data.
const SHARED_CSV = fileURLToPath(new URL('../../../../shared/data/polisen_crime_sweden_2023-04_2025-03.csv', import.meta.url));

let h: DatabaseHandle;

async function varnamo() {
  const code = await createTestMunicipality(h, 'Värnamo');
  // The feed names municipalities plainly: the test municipality takes the real name.
  await h.db.updateTable('municipality').set({ name: 'Värnamo' }).where('code', '=', code).execute();
  const org = async (n: string, kind: string) =>
    (await h.db.insertInto('organisation').values({ municipality_code: code, name: n, kind }).returning('id').executeTakeFirstOrThrow()).id;
  return { code, police: await org('Polisen', 'police'), municipality: await org('Kommunen', 'municipality') };
}

const viewer = (code: string, role: Role, organisationId: string | null): Viewer => ({
  userId: `u-${role}`,
  actor: `${role}@feed.test`,
  municipalityCode: code,
  held: [{ role, organisationId }],
  meetingMode: false,
});
const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

const ev = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  datetime: '2025-05-16 17:24:52 +02:00',
  name: `16 maj 17.24, Misshandel, Värnamo`,
  summary: 'En man har misshandlats på torget.',
  url: `/aktuellt/handelser/2025/maj/16/${id}/`,
  type: 'Misshandel',
  location: { name: 'Värnamo', gps: '57.183161,14.047821' },
  ...over,
});

async function feedRows(code: string) {
  const { rows } = await sql<{ external_id: string; category_key: string; source: string; visibility: string; event_type: string; url: string | null; summary: string | null; description: string | null }>`
    SELECT i.external_id, i.category_key, i.source, i.visibility, i.description, f.event_type, f.url, f.summary
    FROM incident i JOIN police_feed_event f ON f.incident_id = i.id WHERE i.municipality_code = ${code} ORDER BY i.external_id`.execute(h.db);
  return rows;
}

async function lastAudit(code: string) {
  return h.db.selectFrom('audit_event').selectAll().where('municipality_code', '=', code).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
}

beforeAll(async () => {
  h = await getTestDatabase();
});

describe(`police feed import on ${testBackend()}`, () => {
  it('keeps only the municipality’s events of the JSON feed, reports the others and the types without a category', async () => {
    const m = await varnamo();
    const json = JSON.stringify([
      ev(1),
      ev(2, { type: 'Stöld', location: { name: 'Värnamo kommun', gps: '57.183161,14.047821' } }),
      ev(3, { location: { name: 'Jönköping', gps: '57.782614,14.161788' } }),
      ev(4, { type: 'Trafikolycka', name: 'Trafikolycka' }),
      ev(5, { type: 'Sammanfattning natt', location: { name: 'Jönköpings län', gps: '57.5,14.5' } }),
    ]);
    const r = await importPoliceFeed(h.db, viewer(m.code, 'police', m.police), file('events.json', json), { dryRun: false });
    expect(r).toMatchObject({
      format: 'json',
      totalRows: 5,
      errorCount: 0,
      municipalityRows: 3,
      otherMunicipalityRows: 2,
      otherPlaces: [
        { name: 'Jönköping', count: 1 },
        { name: 'Jönköpings län', count: 1 },
      ],
      unmappedTypes: [{ type: 'Trafikolycka', count: 1, rows: [4] }],
      added: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(r.typeCounts).toEqual([
      { type: 'Misshandel', categoryKey: 'assault', count: 1 },
      { type: 'Stöld', categoryKey: 'theft', count: 1 },
    ]);
    const rows = await feedRows(m.code);
    expect(rows).toEqual([
      { external_id: '1', category_key: 'assault', source: 'police_feed', visibility: 'joint', description: null, event_type: 'Misshandel', url: '/aktuellt/handelser/2025/maj/16/1/', summary: 'En man har misshandlats på torget.' },
      { external_id: '2', category_key: 'theft', source: 'police_feed', visibility: 'joint', description: null, event_type: 'Stöld', url: '/aktuellt/handelser/2025/maj/16/2/', summary: 'En man har misshandlats på torget.' },
    ]);
    const audit = await lastAudit(m.code);
    expect(audit).toMatchObject({ action: 'import', resource: 'police_feed', actor: 'police@feed.test' });
    expect(audit.details).toMatchObject({ file_name: 'events.json', rows: 5, municipality_rows: 3, other_municipality_rows: 2, unmapped_rows: 1, added: 2 });
  });

  it('changes nothing when the same file comes again, and updates an event the feed changed', async () => {
    const m = await varnamo();
    const v = viewer(m.code, 'municipality', m.municipality);
    const json = JSON.stringify([ev(10), ev(11, { type: 'Rån' })]);
    expect(await importPoliceFeed(h.db, v, file('a.json', json), { dryRun: false })).toMatchObject({ added: 2, updated: 0, unchanged: 0 });
    const before = await h.db.selectFrom('incident').select(['id', 'updated_at']).where('municipality_code', '=', m.code).orderBy('external_id').execute();
    expect(await importPoliceFeed(h.db, v, file('a.json', json), { dryRun: false })).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
    expect(await h.db.selectFrom('incident').select(['id', 'updated_at']).where('municipality_code', '=', m.code).orderBy('external_id').execute()).toEqual(before);
    const changed = JSON.stringify([ev(10), ev(11, { type: 'Rån väpnat', summary: 'Uppdaterad.' })]);
    expect(await importPoliceFeed(h.db, v, file('b.json', changed), { dryRun: false })).toMatchObject({ added: 0, updated: 1, unchanged: 1 });
    const rows = await feedRows(m.code);
    expect(rows.map((r) => [r.external_id, r.event_type, r.category_key, r.summary])).toEqual([
      ['10', 'Misshandel', 'assault', 'En man har misshandlats på torget.'],
      ['11', 'Rån väpnat', 'robbery', 'Uppdaterad.'],
    ]);
  });

  it('stores nothing when a row is bad and names its row and field; a dry run stores nothing either', async () => {
    const m = await varnamo();
    const v = viewer(m.code, 'police', m.police);
    const bad = JSON.stringify([ev(20), ev(21, { datetime: 'igår' }), ev(22, { location: { name: 'Värnamo', gps: '' } })]);
    const r = await importPoliceFeed(h.db, v, file('bad.json', bad), { dryRun: false });
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'datetime'],
      [3, 'location.gps'],
    ]);
    expect(r.added).toBe(0);
    expect((await lastAudit(m.code)).action).toBe('import.rejected');
    const dry = await importPoliceFeed(h.db, v, file('ok.json', JSON.stringify([ev(20)])), { dryRun: true });
    expect(dry).toMatchObject({ added: 1, dryRun: true });
    expect(await feedRows(m.code)).toEqual([]);
    expect((await lastAudit(m.code)).action).toBe('import.dry_run');
  });

  it('refuses council, partner and admin, and audits the attempt', async () => {
    const m = await varnamo();
    for (const role of ['council', 'partner', 'admin'] as const) {
      await expect(importPoliceFeed(h.db, viewer(m.code, role, m.police), file('x.json', JSON.stringify([ev(30)])), { dryRun: false })).rejects.toBeInstanceOf(HttpError);
      expect(await lastAudit(m.code)).toMatchObject({ action: 'denied', resource: 'police_feed', actor: `${role}@feed.test` });
    }
    expect(await feedRows(m.code)).toEqual([]);
  });

  it('imports the 20 Värnamo rows of the archived CSV of 11,868 events, once', async () => {
    const m = await varnamo();
    const v = viewer(m.code, 'police', m.police);
    const csv = file('polisen.csv', fs.readFileSync(SHARED_CSV, 'utf8'));
    const r = await importPoliceFeed(h.db, v, csv, { dryRun: false });
    expect(r).toMatchObject({ format: 'csv', totalRows: 11868, errorCount: 0, municipalityRows: 20, otherMunicipalityRows: 11848, unmappedTypes: [], added: 20 });
    expect(Object.fromEntries(r.typeCounts.map((t) => [t.type, t.count]))).toEqual({
      Misshandel: 4,
      'Olaga intrång': 3,
      'Stöld/inbrott': 3,
      'Olaga hot': 2,
      Rån: 2,
      Stöld: 1,
      Detonation: 1,
      'Ofredande/förargelse': 1,
      Bedrägeri: 1,
      'Rån övrigt': 1,
      Knivlagen: 1,
    });
    expect(await importPoliceFeed(h.db, v, csv, { dryRun: false })).toMatchObject({ added: 0, updated: 0, unchanged: 20 });
    const rows = await feedRows(m.code);
    expect(rows).toHaveLength(20);
    expect(rows.every((x) => x.url === null && x.summary === null)).toBe(true);
  }, 120_000);
});
