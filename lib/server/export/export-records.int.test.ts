// Export on a real database (both backends): only what the viewer sees exactly, audited, formula cells
// neutralised, and a round trip (export → import into an empty municipality) reproduces the records.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { filtersSchema } from '@/lib/schemas/map-filters';
import { importOptionsSchema } from '@/lib/schemas/import';
import type { Role } from '@/lib/schemas/auth';
import { HttpError } from '@/lib/server/auth/errors';
import { runImport } from '@/lib/server/import/run-import';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { createTestMunicipality, getTestDatabase } from '@/lib/testing/test-database';
import { exportRecords } from './export-records';

let h: DatabaseHandle;

async function municipalityWithOrgs(name: string) {
  const code = await createTestMunicipality(h, name);
  const org = async (n: string, kind: string) =>
    (await h.db.insertInto('organisation').values({ municipality_code: code, name: n, kind }).returning('id').executeTakeFirstOrThrow()).id;
  return { code, police: await org('Polisen', 'police'), municipality: await org('Kommunen', 'municipality'), housing: await org('Bostadsbolaget', 'housing') };
}

function viewer(code: string, role: Role, organisationId: string | null): Viewer {
  return { userId: `u-${role}`, actor: `${role}@export.test`, municipalityCode: code, held: [{ role, organisationId }], meetingMode: false };
}

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

async function insertIncident(code: string, org: string, v: { category: string; at: string; lon: number; lat: number; visibility: string; description?: string; external_id?: string; occurred_to?: string }) {
  await h.db
    .insertInto('incident')
    .values({
      municipality_code: code,
      category_key: v.category,
      occurred_at: v.at,
      occurred_to: v.occurred_to ?? null,
      geom: sql`ST_SetSRID(ST_MakePoint(${v.lon}, ${v.lat}), 4326)`,
      source: 'police',
      origin_org_id: org,
      visibility: v.visibility,
      description: v.description ?? null,
      external_id: v.external_id ?? null,
    })
    .execute();
}

async function incidentsOf(code: string) {
  return h.db
    .selectFrom('incident')
    .select(['category_key', 'occurred_at', 'occurred_to', sql<number>`ST_X(geom)`.as('lon'), sql<number>`ST_Y(geom)`.as('lat'), 'source', 'visibility', 'description', 'external_id'])
    .where('municipality_code', '=', code)
    .orderBy('occurred_at')
    .execute();
}

beforeAll(async () => {
  h = await getTestDatabase();
});

describe('exportRecords', () => {
  it('exports only the records the viewer sees exactly, and audits the export', async () => {
    const m = await municipalityWithOrgs('Exportkommun A');
    await insertIncident(m.code, m.police, { category: 'theft', at: '2025-05-01T10:00:00Z', lon: 14.04, lat: 57.18, visibility: 'joint' });
    await insertIncident(m.code, m.police, { category: 'theft', at: '2025-05-02T10:00:00Z', lon: 14.05, lat: 57.18, visibility: 'restricted' });
    const filters = filtersSchema.parse({ municipality: m.code, from: '2025-01-01', to: '2025-12-31' });
    const asPolice = await exportRecords(h.db, viewer(m.code, 'police', m.police), 'incidents', { filters }, 'geojson');
    const asMunicipality = await exportRecords(h.db, viewer(m.code, 'municipality', m.municipality), 'incidents', { filters }, 'geojson');
    expect(asPolice.count).toBe(2);
    expect(asMunicipality.count).toBe(1);
    expect(JSON.parse(asMunicipality.body).features[0].properties.visibility).toBe('joint');
    const audit = await h.db.selectFrom('audit_event').selectAll().where('municipality_code', '=', m.code).where('action', '=', 'export').orderBy('id').execute();
    expect(audit.map((a) => [a.actor, a.result_count])).toEqual([
      ['police@export.test', 2],
      ['municipality@export.test', 1],
    ]);
    for (const role of ['partner', 'council'] as const) {
      await expect(exportRecords(h.db, viewer(m.code, role, role === 'partner' ? m.housing : null), 'incidents', { filters }, 'csv')).rejects.toSatisfy((e) => e instanceof HttpError && e.status === 403);
    }
  });

  it('exports a selection of ids, never one the viewer may not see', async () => {
    const m = await municipalityWithOrgs('Exportkommun B');
    await insertIncident(m.code, m.police, { category: 'theft', at: '2025-05-01T10:00:00Z', lon: 14.04, lat: 57.18, visibility: 'joint' });
    await insertIncident(m.code, m.police, { category: 'theft', at: '2025-05-02T10:00:00Z', lon: 14.05, lat: 57.18, visibility: 'restricted' });
    const ids = (await h.db.selectFrom('incident').select(sql<string>`id::text`.as('id')).where('municipality_code', '=', m.code).orderBy('occurred_at').execute()).map((r) => r.id);
    const r = await exportRecords(h.db, viewer(m.code, 'municipality', m.municipality), 'incidents', { ids }, 'csv');
    expect(r.count).toBe(1);
    expect(r.body).toContain(ids[0]);
    expect(r.body).not.toContain(ids[1]);
  });

  it('neutralises formula cells and a round trip into an empty municipality reproduces the records', async () => {
    const from = await municipalityWithOrgs('Exportkommun C');
    const to = await municipalityWithOrgs('Exportkommun D');
    await insertIncident(from.code, from.police, { category: 'assault', at: '2025-03-30T00:30:00Z', lon: 14.0471234567, lat: 57.1834567891, visibility: 'joint', description: '=HYPERLINK("http://x")', external_id: 'K-77' });
    await insertIncident(from.code, from.police, { category: 'burglary_home', at: '2025-06-01T08:00:00Z', occurred_to: '2025-06-03T18:00:00Z', lon: 14.06, lat: 57.19, visibility: 'partners', description: 'Helg; "okänd" tid\nandra raden' });
    await insertIncident(from.code, from.police, { category: 'rape', at: '2025-07-01T20:00:00Z', lon: 14.07, lat: 57.2, visibility: 'restricted' });
    const filters = filtersSchema.parse({ municipality: from.code });
    for (const format of ['csv', 'geojson'] as const) {
      const target = format === 'csv' ? to : await municipalityWithOrgs('Exportkommun E');
      const exported = await exportRecords(h.db, viewer(from.code, 'police', from.police), 'incidents', { filters }, format);
      expect(exported.count).toBe(3);
      if (format === 'csv') {
        expect(exported.body.startsWith('\uFEFF')).toBe(true);
        expect(exported.body).toContain(`"'=HYPERLINK(""http://x"")"`);
      }
      const imported = await runImport(h.db, viewer(target.code, 'police', target.police), file(`export.${exported.extension}`, exported.body), importOptionsSchema.parse({ municipality: target.code, kind: 'incidents' }));
      expect(imported).toMatchObject({ errors: [], added: 3 });
      const a = await incidentsOf(from.code);
      const b = await incidentsOf(target.code);
      expect(b.map((r) => ({ ...r, lon: Number(r.lon).toFixed(9), lat: Number(r.lat).toFixed(9) }))).toEqual(a.map((r) => ({ ...r, lon: Number(r.lon).toFixed(9), lat: Number(r.lat).toFixed(9) })));
      // And once more adds nothing.
      expect(await runImport(h.db, viewer(target.code, 'police', target.police), file(`export.${exported.extension}`, exported.body), importOptionsSchema.parse({ municipality: target.code, kind: 'incidents' }))).toMatchObject({ added: 0, alreadyPresent: 3 });
    }
  });

  it('round-trips unsafe places and vandalism reports', async () => {
    const from = await municipalityWithOrgs('Exportkommun F');
    const to = await municipalityWithOrgs('Exportkommun G');
    const v = viewer(from.code, 'municipality', from.municipality);
    const places = 'titel;latitud;longitud;skäl;status;åtgärdad;rapporterad\nTunneln;57,18;14,04;dålig belysning|skymd sikt;åtgärdad;2025-05-01 10:00;2025-04-01 10:00\n';
    await runImport(h.db, v, file('u.csv', places), importOptionsSchema.parse({ municipality: from.code, kind: 'unsafe_places' }));
    const vandalism = 'typ;kränkande;rapporterad;status;ansvarig_organisation;sanerad;kostnad_sek;lat;lon\nklotter;ja;2025-04-01 08:00;sanerad;Kommunen;2025-04-01 20:00;1 250,50;57,18;14,04\n';
    await runImport(h.db, v, file('v.csv', vandalism), importOptionsSchema.parse({ municipality: from.code, kind: 'vandalism' }));
    const filters = filtersSchema.parse({ municipality: from.code });
    for (const kind of ['unsafe_places', 'vandalism'] as const) {
      const exported = await exportRecords(h.db, v, kind, { filters }, 'csv');
      expect(exported.count).toBe(1);
      const r = await runImport(h.db, viewer(to.code, 'municipality', to.municipality), file('e.csv', exported.body), importOptionsSchema.parse({ municipality: to.code, kind }));
      expect(r).toMatchObject({ errors: [], added: 1 });
    }
    const place = await h.db.selectFrom('unsafe_place').select(['title', 'reasons', 'status', 'fixed_at']).where('municipality_code', '=', to.code).executeTakeFirstOrThrow();
    expect(place).toMatchObject({ title: 'Tunneln', reasons: ['poor_lighting', 'hidden_view'], status: 'fixed' });
    const report = await h.db.selectFrom('vandalism_report').select(['kind', 'offensive', 'status', sql<number>`cost_sek::float8`.as('cost')]).where('municipality_code', '=', to.code).executeTakeFirstOrThrow();
    expect(report).toEqual({ kind: 'graffiti', offensive: true, status: 'cleaned', cost: 1250.5 });
  });
});
