// Imports on a real database (both backends): all or nothing, idempotent, within the importer's
// permissions, audited.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { importOptionsSchema } from '@/lib/schemas/import';
import type { Role } from '@/lib/schemas/auth';
import { HttpError } from '@/lib/server/auth/errors';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { createTestMunicipality, getTestDatabase } from '@/lib/testing/test-database';
import { ImportTooLargeError, runImport } from './run-import';

let h: DatabaseHandle;

async function municipalityWithOrgs(name: string) {
  const code = await createTestMunicipality(h, name);
  const org = async (n: string, kind: string) =>
    (await h.db.insertInto('organisation').values({ municipality_code: code, name: n, kind }).returning('id').executeTakeFirstOrThrow()).id;
  return { code, police: await org('Polisen', 'police'), municipality: await org('Kommunen', 'municipality'), housing: await org('Bostadsbolaget', 'housing') };
}

function viewer(code: string, role: Role, organisationId: string | null): Viewer {
  return { userId: `u-${role}`, actor: `${role}@import.test`, municipalityCode: code, held: [{ role, organisationId }], meetingMode: false };
}

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
const opts = (code: string, kind: string, extra: Record<string, unknown> = {}) => importOptionsSchema.parse({ municipality: code, kind, ...extra });

async function count(table: 'incident' | 'unsafe_place' | 'vandalism_report' | 'area' | 'survey_indicator', code: string): Promise<number> {
  const r = await h.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).where('municipality_code', '=', code).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function lastAudit(code: string) {
  return h.db.selectFrom('audit_event').selectAll().where('municipality_code', '=', code).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
}

const GOOD = [
  'externt_id;kategori;tidpunkt;latitud;longitud;beskrivning',
  'P-1;Stöld;2025-03-01 10:00;57,1830;14,0470;Cykel',
  'P-2;assault;2025-03-02 22:15;57,1840;14,0480;',
  ';Skadegörelse;2025-03-03 03:00;57,1850;14,0490;Fönster',
].join('\r\n');

beforeAll(async () => {
  h = await getTestDatabase();
});

describe('runImport', () => {
  it('reports exactly the two bad rows, with row and column, and imports nothing', async () => {
    const m = await municipalityWithOrgs('Importkommun A');
    const bad = [
      'kategori;tidpunkt;latitud;longitud',
      'theft;2025-03-01 10:00;57,18;14,04',
      'no_such_category;2025-03-01 10:00;57,18;14,04',
      'theft;2025-03-01 10:00;57,18;14,04',
      'theft;2025-13-01 10:00;57,18;14,04',
      'theft;2025-03-01 10:00;57,19;14,05',
    ].join('\n');
    const r = await runImport(h.db, viewer(m.code, 'municipality', m.municipality), file('bad.csv', bad), opts(m.code, 'incidents'));
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'kategori'],
      [5, 'tidpunkt'],
    ]);
    expect(r.added).toBe(0);
    expect(await count('incident', m.code)).toBe(0);
    const audit = await lastAudit(m.code);
    expect(audit.action).toBe('import.rejected');
    expect(audit.details).toMatchObject({ file_name: 'bad.csv', rows: 5, error_count: 2 });
  });

  it('adds nothing when the same file is imported twice', async () => {
    const m = await municipalityWithOrgs('Importkommun B');
    const v = viewer(m.code, 'police', m.police);
    const first = await runImport(h.db, v, file('p.csv', GOOD), opts(m.code, 'incidents'));
    expect(first).toMatchObject({ errors: [], added: 3, alreadyPresent: 0 });
    const second = await runImport(h.db, v, file('p-again.csv', GOOD), opts(m.code, 'incidents'));
    expect(second).toMatchObject({ errors: [], added: 0, alreadyPresent: 3 });
    expect(await count('incident', m.code)).toBe(3);
    const rows = await h.db.selectFrom('incident').select(['origin_org_id', 'source', 'external_id', 'visibility']).where('municipality_code', '=', m.code).orderBy('occurred_at').execute();
    expect(rows.map((r) => r.origin_org_id)).toEqual([m.police, m.police, m.police]);
    expect(rows.map((r) => r.external_id)).toEqual(['P-1', 'P-2', null]);
    const audit = await h.db.selectFrom('audit_event').selectAll().where('municipality_code', '=', m.code).where('action', '=', 'import').orderBy('id').execute();
    expect(audit.map((a) => [a.result_count, (a.details as { added: number }).added])).toEqual([
      [3, 3],
      [0, 0],
    ]);
    expect((audit[0].details as { file_sha256: string }).file_sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('upserts on source + external id: a changed row updates its record, an unchanged one is left alone', async () => {
    const m = await municipalityWithOrgs('Importkommun Upsert');
    const v = viewer(m.code, 'police', m.police);
    expect(await runImport(h.db, v, file('p.csv', GOOD), opts(m.code, 'incidents'))).toMatchObject({ errors: [], added: 3, updated: 0 });
    const before = await h.db.selectFrom('incident').select(['id', 'external_id', 'category_key', 'description', 'updated_at']).where('municipality_code', '=', m.code).orderBy('occurred_at').execute();
    // P-1 corrected in the source system (category and description), P-2 as before, the row without an
    // external id changed: it has nothing else to be known by, so it is a new record.
    const changed = GOOD.replace('P-1;Stöld;2025-03-01 10:00;57,1830;14,0470;Cykel', 'P-1;Rån;2025-03-01 10:00;57,1830;14,0470;Cykel och mobil').replace(';Fönster', ';Fönster och dörr');
    const r = await runImport(h.db, v, file('p-corrected.csv', changed), opts(m.code, 'incidents'));
    expect(r).toMatchObject({ errors: [], added: 1, updated: 1, alreadyPresent: 1 });
    const after = await h.db.selectFrom('incident').select(['id', 'external_id', 'category_key', 'description', 'updated_at']).where('municipality_code', '=', m.code).orderBy('occurred_at').orderBy('description').execute();
    expect(after).toHaveLength(4);
    const p1 = after.find((a) => a.external_id === 'P-1')!;
    expect(p1).toMatchObject({ id: before[0].id, category_key: 'robbery', description: 'Cykel och mobil' });
    expect(new Date(p1.updated_at).getTime()).toBeGreaterThan(new Date(before[0].updated_at).getTime());
    expect(after.find((a) => a.external_id === 'P-2')).toEqual(before[1]);
    const audit = await lastAudit(m.code);
    expect(audit.details).toMatchObject({ added: 1, updated: 1, already_present: 1 });
    expect(audit.result_count).toBe(2);
    // The corrected file again changes nothing.
    expect(await runImport(h.db, v, file('p-corrected.csv', changed), opts(m.code, 'incidents'))).toMatchObject({ added: 0, updated: 0, alreadyPresent: 3 });
    expect(await count('incident', m.code)).toBe(4);
  });

  it("refuses to update another organisation's record by its external id, naming the row, and stores nothing", async () => {
    const m = await municipalityWithOrgs('Importkommun Egen');
    expect(await runImport(h.db, viewer(m.code, 'police', m.police), file('p.csv', GOOD), opts(m.code, 'incidents'))).toMatchObject({ added: 3 });
    // Both files say no source: the rows are source 'import', the police's P-2 among them.
    const other = 'externt_id;kategori;tidpunkt;latitud;longitud\nK-9;Stöld;2025-05-01 10:00;57,18;14,04\nP-2;Stöld;2025-05-01 10:00;57,18;14,04\n';
    const r = await runImport(h.db, viewer(m.code, 'municipality', m.municipality), file('k.csv', other), opts(m.code, 'incidents'));
    expect(r.errors).toEqual([{ row: 3, column: 'externt_id', message: 'external_id "P-2" is already a record of another organisation: an import updates only your organisation\'s records' }]);
    expect(r).toMatchObject({ added: 0, updated: 0 });
    expect(await count('incident', m.code)).toBe(3);
    // Under its own source the same external id is another key: no conflict.
    const own = other.replace('longitud\n', 'longitud;källa\n').replace(/;14,04\n/g, ';14,04;municipality\n');
    expect(await runImport(h.db, viewer(m.code, 'municipality', m.municipality), file('k.csv', own), opts(m.code, 'incidents'))).toMatchObject({ errors: [], added: 2 });
  });

  it('refuses incident rows claiming the police events feed as their source', async () => {
    const m = await municipalityWithOrgs('Importkommun Flöde');
    const rows = 'kategori;tidpunkt;latitud;longitud;källa\nStöld;2025-05-01 10:00;57,18;14,04;police_feed\n';
    const r = await runImport(h.db, viewer(m.code, 'police', m.police), file('f.csv', rows), opts(m.code, 'incidents'));
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([[2, 'källa']]);
    expect(await count('incident', m.code)).toBe(0);
  });

  it('a dry run counts what would be added and stores nothing', async () => {
    const m = await municipalityWithOrgs('Importkommun C');
    const r = await runImport(h.db, viewer(m.code, 'police', m.police), file('p.csv', GOOD), opts(m.code, 'incidents', { dry_run: true }));
    expect(r).toMatchObject({ added: 3, alreadyPresent: 0, dryRun: true });
    expect(await count('incident', m.code)).toBe(0);
    expect((await lastAudit(m.code)).action).toBe('import.dry_run');
  });

  it('refuses roles that may not create the records, and audits the attempt', async () => {
    const m = await municipalityWithOrgs('Importkommun D');
    for (const role of ['council', 'admin'] as const) {
      await expect(runImport(h.db, viewer(m.code, role, null), file('p.csv', GOOD), opts(m.code, 'incidents'))).rejects.toSatisfy((e) => e instanceof HttpError && e.status === 403);
      expect((await lastAudit(m.code)).action).toBe('denied');
    }
    await expect(runImport(h.db, viewer(m.code, 'partner', m.housing), file('a.geojson', '{}'), opts(m.code, 'areas'))).rejects.toBeInstanceOf(HttpError);
    expect(await count('incident', m.code)).toBe(0);
  });

  it('a partner imports only categories it may see, owned by its organisation', async () => {
    const m = await municipalityWithOrgs('Importkommun E');
    const v = viewer(m.code, 'partner', m.housing);
    const sensitive = 'category;occurred_at;lat;lon\ntheft;2025-03-01;57,18;14,04\nrape;2025-03-01;57,18;14,04\n';
    const refused = await runImport(h.db, v, file('s.csv', sensitive), opts(m.code, 'incidents'));
    expect(refused.errors.map((e) => [e.row, e.column])).toEqual([[3, 'category']]);
    expect(await count('incident', m.code)).toBe(0);
    const ok = await runImport(h.db, v, file('ok.csv', 'category;occurred_at;lat;lon;visibility\ntheft;2025-03-01;57,18;14,04;restricted\n'), opts(m.code, 'incidents'));
    expect(ok.added).toBe(1);
    const row = await h.db.selectFrom('incident').select(['origin_org_id', 'visibility']).where('municipality_code', '=', m.code).executeTakeFirstOrThrow();
    expect(row).toEqual({ origin_org_id: m.housing, visibility: 'restricted' });
  });

  it('refuses a file over the size limit with the limit in the message', async () => {
    const m = await municipalityWithOrgs('Importkommun F');
    const before = process.env.LAGESBILD_IMPORT_MAX_BYTES;
    process.env.LAGESBILD_IMPORT_MAX_BYTES = '100';
    try {
      await expect(runImport(h.db, viewer(m.code, 'police', m.police), file('p.csv', GOOD), opts(m.code, 'incidents'))).rejects.toBeInstanceOf(ImportTooLargeError);
    } finally {
      if (before === undefined) delete process.env.LAGESBILD_IMPORT_MAX_BYTES;
      else process.env.LAGESBILD_IMPORT_MAX_BYTES = before;
    }
  });

  it('imports unsafe places and vandalism reports idempotently', async () => {
    const m = await municipalityWithOrgs('Importkommun G');
    const v = viewer(m.code, 'municipality', m.municipality);
    const places = 'titel;latitud;longitud;skäl;status\nTunneln;57,18;14,04;dålig belysning|skymd sikt;öppen\nParken;57,19;14,05;nedskräpning;planerad\n';
    expect(await runImport(h.db, v, file('u.csv', places), opts(m.code, 'unsafe_places'))).toMatchObject({ errors: [], added: 2 });
    expect(await runImport(h.db, v, file('u.csv', places), opts(m.code, 'unsafe_places'))).toMatchObject({ errors: [], added: 0, alreadyPresent: 2 });
    const reasons = await h.db.selectFrom('unsafe_place').select(['title', 'reasons', 'origin_org_id']).where('municipality_code', '=', m.code).orderBy('title').execute();
    expect(reasons).toEqual([
      { title: 'Parken', reasons: ['litter'], origin_org_id: m.municipality },
      { title: 'Tunneln', reasons: ['poor_lighting', 'hidden_view'], origin_org_id: m.municipality },
    ]);
    const vandalism = 'externt_id;typ;kränkande;rapporterad;status;ansvarig_organisation;sanerad;kostnad_sek;lat;lon\nV1;klotter;ja;2025-04-01 08:00;sanerad;Kommunen;2025-04-01 20:00;1 250,50;57,18;14,04\nV2;skadegörelse;nej;2025-04-02;;;;;57,18;14,05\n';
    expect(await runImport(h.db, v, file('v.csv', vandalism), opts(m.code, 'vandalism'))).toMatchObject({ errors: [], added: 2 });
    expect(await runImport(h.db, v, file('v.csv', vandalism), opts(m.code, 'vandalism'))).toMatchObject({ added: 0, alreadyPresent: 2 });
    const v1 = await h.db.selectFrom('vandalism_report').select(['offensive', 'status', 'responsible_org_id', sql<number>`cost_sek::float8`.as('cost')]).where('external_id', '=', 'V1').where('municipality_code', '=', m.code).executeTakeFirstOrThrow();
    expect(v1).toEqual({ offensive: true, status: 'cleaned', responsible_org_id: m.municipality, cost: 1250.5 });
    // V2 cleaned since: the file's new status and cost update the report; V1 is unchanged.
    const cleaned = vandalism.replace('V2;skadegörelse;nej;2025-04-02;;;;;', 'V2;skadegörelse;nej;2025-04-02;sanerad;Kommunen;2025-04-03 09:00;800;');
    expect(await runImport(h.db, v, file('v2.csv', cleaned), opts(m.code, 'vandalism'))).toMatchObject({ errors: [], added: 0, updated: 1, alreadyPresent: 1 });
    const v2 = await h.db.selectFrom('vandalism_report').select(['status', sql<number>`cost_sek::float8`.as('cost')]).where('external_id', '=', 'V2').where('municipality_code', '=', m.code).executeTakeFirstOrThrow();
    expect(v2).toEqual({ status: 'cleaned', cost: 800 });
    expect(await count('vandalism_report', m.code)).toBe(2);
  });

  it('imports areas (SWEREF 99 TM) and then their survey results, each once', async () => {
    const m = await municipalityWithOrgs('Importkommun H');
    const v = viewer(m.code, 'municipality', m.municipality);
    const square = (x: number, y: number) => [[[x, y], [x + 1000, y], [x + 1000, y + 1000], [x, y + 1000], [x, y]]];
    const areas = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { namn: 'Norra', kod: 'N1', befolkning: 1200 }, geometry: { type: 'Polygon', coordinates: square(440000, 6340000) } },
        { type: 'Feature', properties: { namn: 'Södra', kod: 'S1', typ: 'grannsamverkan' }, geometry: { type: 'MultiPolygon', coordinates: [square(440000, 6338000)] } },
      ],
    };
    expect(await runImport(h.db, v, file('omr.geojson', JSON.stringify(areas)), opts(m.code, 'areas'))).toMatchObject({ errors: [], added: 2, crs: 'EPSG:3006' });
    expect(await runImport(h.db, v, file('omr.geojson', JSON.stringify(areas)), opts(m.code, 'areas'))).toMatchObject({ added: 0, alreadyPresent: 2 });
    const stored = await h.db.selectFrom('area').select(['name', 'kind', 'code', 'population', sql<number>`round(ST_Area(geom_3006))::int`.as('m2')]).where('municipality_code', '=', m.code).orderBy('name').execute();
    expect(stored).toEqual([
      { name: 'Norra', kind: 'district', code: 'N1', population: 1200, m2: 1_000_000 },
      { name: 'Södra', kind: 'neighbourhood_watch', code: 'S1', population: null, m2: 1_000_000 },
    ]);
    const survey = 'Område;År;Indikator;Värde;Antal svarande;Källa\nNorra;2025;Otrygghet kvällstid;23,5;410;Polisens trygghetsmätning\nS1;2025;Otrygghet kvällstid;12;;\n';
    const bad = await runImport(h.db, v, file('s.csv', survey), opts(m.code, 'survey'));
    expect(bad.errors.map((e) => [e.row, e.column])).toEqual([[3, 'Område']]);
    const fixed = survey.replace('Område;', 'Område;Områdeskod;').replace('Norra;', 'Norra;;').replace('S1;', ';S1;');
    expect(await runImport(h.db, v, file('s.csv', fixed), opts(m.code, 'survey'))).toMatchObject({ errors: [], added: 2 });
    expect(await runImport(h.db, v, file('s.csv', fixed), opts(m.code, 'survey'))).toMatchObject({ added: 0, alreadyPresent: 2 });
    // A corrected value updates the result; a new population updates the area.
    expect(await runImport(h.db, v, file('s.csv', fixed.replace('23,5', '24,1')), opts(m.code, 'survey'))).toMatchObject({ errors: [], added: 0, updated: 1, alreadyPresent: 1 });
    areas.features[0].properties.befolkning = 1250;
    expect(await runImport(h.db, v, file('omr.geojson', JSON.stringify(areas)), opts(m.code, 'areas'))).toMatchObject({ errors: [], added: 0, updated: 1, alreadyPresent: 1 });
    expect(await runImport(h.db, v, file('omr.geojson', JSON.stringify(areas)), opts(m.code, 'areas'))).toMatchObject({ added: 0, updated: 0, alreadyPresent: 2 });
    expect((await h.db.selectFrom('area').select('population').where('municipality_code', '=', m.code).where('name', '=', 'Norra').executeTakeFirstOrThrow()).population).toBe(1250);
    await runImport(h.db, v, file('s.csv', fixed), opts(m.code, 'survey'));
    const results = await h.db.selectFrom('survey_indicator').innerJoin('area', 'area.id', 'survey_indicator.area_id').select(['area.name', 'survey_indicator.value', 'survey_indicator.respondents']).where('survey_indicator.municipality_code', '=', m.code).orderBy('area.name').execute();
    expect(results).toEqual([
      { name: 'Norra', value: 23.5, respondents: 410 },
      { name: 'Södra', value: 12, respondents: null },
    ]);
  });

  it('reads a Windows-1252 file as Swedish Excel writes it', async () => {
    const m = await municipalityWithOrgs('Importkommun I');
    const text = 'kategori;tidpunkt;latitud;longitud\nStöld;2025-03-01 10:00;57,18;14,04\n';
    const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    const r = await runImport(h.db, viewer(m.code, 'police', m.police), { name: 'excel.csv', bytes }, opts(m.code, 'incidents'));
    expect(r).toMatchObject({ errors: [], added: 1 });
  });

  it('imports a file from another system through a column mapping, and audits the mapping', async () => {
    const m = await municipalityWithOrgs('Importkommun J');
    const v = viewer(m.code, 'police', m.police);
    const foreign = 'Ärendenr;Brottskod;Anmäld tid;N-koord;E-koord\nRAR-1;Stöld;2025-03-01 10:00;57,18;14,04\nRAR-2;Okänt brott;2025-03-01 11:00;57,18;14,04\n';
    const mapping = { external_id: 'Ärendenr', category: 'Brottskod', occurred_at: 'Anmäld tid', lat: 'N-koord', lon: 'E-koord' };
    const unmapped = await runImport(h.db, v, file('rar.csv', foreign), opts(m.code, 'incidents'));
    expect(unmapped.errors.map((e) => e.column)).toEqual(['category', 'occurred_at', null]);
    const bad = await runImport(h.db, v, file('rar.csv', foreign), opts(m.code, 'incidents', { mapping: JSON.stringify(mapping) }));
    expect(bad.errors.map((e) => [e.row, e.column])).toEqual([[3, 'Brottskod']]);
    expect(await count('incident', m.code)).toBe(0);
    const good = foreign.replace('Okänt brott', 'robbery');
    expect(await runImport(h.db, v, file('rar.csv', good), opts(m.code, 'incidents', { mapping }))).toMatchObject({ errors: [], added: 2 });
    expect((await lastAudit(m.code)).details).toMatchObject({ mapping });
    expect(await runImport(h.db, v, file('rar.csv', good), opts(m.code, 'incidents', { mapping }))).toMatchObject({ added: 0, alreadyPresent: 2 });
    const ids = await h.db.selectFrom('incident').select('external_id').where('municipality_code', '=', m.code).orderBy('external_id').execute();
    expect(ids.map((r) => r.external_id)).toEqual(['RAR-1', 'RAR-2']);
  });

  it('imports areas from a CSV with a WKT column and population, bad WKT named by row and column', async () => {
    const m = await municipalityWithOrgs('Importkommun K');
    const v = viewer(m.code, 'municipality', m.municipality);
    const sq = (x: number, y: number) => `${x} ${y}, ${x + 1000} ${y}, ${x + 1000} ${y + 1000}, ${x} ${y + 1000}, ${x} ${y}`;
    const rows = ['DeSO;Namn;Folkmängd;WKT', `0683A0010;Centrum väst;1 834;"POLYGON((${sq(440000, 6340000)}))"`, `0683A0020;Centrum öst;2 015;"MULTIPOLYGON(((${sq(442000, 6340000)})))"`];
    const badRows = [...rows, '0683A0030;Fel;10;"POLYGON((440000 6340000, 441000 6340000))"'];
    const o = opts(m.code, 'areas', { area_kind: 'deso', mapping: { code: 'DeSO' } });
    const bad = await runImport(h.db, v, file('deso.csv', badRows.join('\n')), o);
    expect(bad.errors.map((e) => [e.row, e.column])).toEqual([[4, 'WKT']]);
    expect(await count('area', m.code)).toBe(0);
    // A bow tie parses as WKT but is not a valid outline: PostGIS names it, with the same row and column.
    const bowTie = [...rows, '0683A0040;Fluga;5;"POLYGON((440000 6340000, 441000 6341000, 441000 6340000, 440000 6341000, 440000 6340000))"'];
    const invalid = await runImport(h.db, v, file('deso.csv', bowTie.join('\n')), o);
    expect(invalid.errors.map((e) => [e.row, e.column])).toEqual([[4, 'WKT']]);
    expect(await runImport(h.db, v, file('deso.csv', rows.join('\n')), o)).toMatchObject({ errors: [], added: 2, crs: 'EPSG:3006', format: 'csv' });
    expect(await runImport(h.db, v, file('deso.csv', rows.join('\n')), o)).toMatchObject({ added: 0, alreadyPresent: 2 });
    const stored = await h.db.selectFrom('area').select(['name', 'kind', 'code', 'population', sql<number>`round(ST_Area(geom_3006))::int`.as('m2')]).where('municipality_code', '=', m.code).orderBy('name').execute();
    expect(stored).toEqual([
      { name: 'Centrum väst', kind: 'deso', code: '0683A0010', population: 1834, m2: 1_000_000 },
      { name: 'Centrum öst', kind: 'deso', code: '0683A0020', population: 2015, m2: 1_000_000 },
    ]);
  });
});
