import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createPublication, listPublications } from '@/db/queries/disclosure/publication';
import { withPublicationTables } from '@/db/queries/disclosure/types';
import { getCellVariable } from '@/lib/privacy/build-publication-figures';
import { publishQuarter } from '@/lib/server/disclosure/publish-quarter';
import { PublicationRefusedError } from '@/lib/server/disclosure/publication-refused-error';
import { listAudienceAggregates } from '@/lib/server/disclosure/list-audience-aggregates';
import { listFocusAreaFigures } from '@/lib/server/disclosure/list-focus-area-figures';
import { listPublicationReport } from '@/lib/server/disclosure/list-publication-report';
import { listPublishedAggregates } from '@/lib/server/public/list-published-aggregates';
import { getPublishedQuarterFeatures } from '@/lib/server/public/get-published-quarter-features';
import { listPublishedFocusAreaFigures } from '@/lib/server/public/list-published-focus-area-figures';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';

const NOW = new Date('2026-11-25T12:00:00Z');
const IN_Q3 = '2026-08-12T10:00:00Z';

// Two districts side by side near Värnamo, each 0.02° × 0.02° (about 1.2 × 2.2 km).
const WEST = { lon0: 14.0, lat0: 57.17, lon1: 14.02, lat1: 57.19 };
const EAST = { lon0: 14.02, lat0: 57.17, lon1: 14.04, lat1: 57.19 };

async function addDistrict(h: DatabaseHandle, code: string, name: string, b: typeof WEST): Promise<string> {
  const row = await h.db
    .insertInto('area')
    .values({ municipality_code: code, kind: 'district', name, geom: sql`ST_Multi(ST_MakeEnvelope(${b.lon0}, ${b.lat0}, ${b.lon1}, ${b.lat1}, 4326))` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let seq = 0;
/** n incidents at n places about 60 m apart (or all at one place), inside the district. */
async function addIncidents(h: DatabaseHandle, code: string, b: typeof WEST, category: string, n: number, opts: { onePlace?: boolean; at?: string; row?: number } = {}) {
  if (n === 0) return;
  await h.db
    .insertInto('incident')
    .values(
      Array.from({ length: n }, (_, i) => ({
        municipality_code: code,
        category_key: category,
        occurred_at: opts.at ?? IN_Q3,
        geom: sql`ST_SetSRID(ST_MakePoint(${b.lon0 + 0.002 + (opts.onePlace ? 0 : i * 0.001)}, ${b.lat0 + 0.002 + (opts.row ?? 0) * 0.001}), 4326)`,
        source: 'police',
        external_id: `disc-${seq++}`,
      })),
    )
    .execute();
}

async function refusal(p: Promise<unknown>): Promise<PublicationRefusedError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PublicationRefusedError) return err;
    throw err;
  }
  throw new Error('expected the publication to be refused');
}

describe(`disclosure publications on ${testBackend()}`, () => {
  let h: DatabaseHandle;

  beforeAll(async () => {
    h = await getTestDatabase();
  });

  /** A municipality with two districts and a fixed quarter of incidents. */
  async function municipality() {
    const code = await createTestMunicipality(h, 'Disclosure');
    const west = await addDistrict(h, code, 'Väster', WEST);
    const east = await addDistrict(h, code, 'Öster', EAST);
    await addIncidents(h, code, WEST, 'assault', 6, { row: 0 });
    await addIncidents(h, code, WEST, 'burglary_home', 5, { onePlace: true, row: 1 });
    await addIncidents(h, code, EAST, 'theft', 7, { row: 0 });
    await addIncidents(h, code, EAST, 'domestic_violence', 9, { row: 1 });
    await addIncidents(h, code, EAST, 'police_intelligence', 9, { row: 2 });
    return { code, west, east };
  }

  const publish = (code: string, extra: Partial<Parameters<typeof publishQuarter>[1]> = {}) =>
    publishQuarter(h.db, { municipalityCode: code, audience: 'public', quarter: '2026-Q3', now: NOW, createdBy: 'test', ...extra });

  it('publishes a closed quarter with its cells counted per district and group', async () => {
    const { code } = await municipality();
    const result = await publish(code);
    expect(result.status).toBe('published');
    const dto = await listPublishedAggregates(h.db, { municipalityCode: code });
    const cell = (area: string, group: string) => dto[0].cells.find((c) => c.areaName === area && c.group === group);
    expect(cell('Väster', 'violence')).toMatchObject({ count: 6, display: '6' });
    expect(cell('Öster', 'property')).toMatchObject({ count: 7 });
  });

  it('buckets incidents into the Stockholm quarter, not the UTC one', async () => {
    const { code } = await municipality();
    // 00:30 on 1 July in Stockholm (still June in UTC) belongs to Q3; 00:30 on 1 October to Q4.
    await addIncidents(h, code, WEST, 'assault', 5, { row: 6, at: '2026-06-30T22:30:00Z' });
    await addIncidents(h, code, WEST, 'assault', 5, { row: 7, at: '2026-09-30T22:30:00Z' });
    await publish(code);
    const [q3] = await listPublishedAggregates(h.db, { municipalityCode: code, quarter: '2026-Q3' });
    expect(q3.cells.find((c) => c.areaName === 'Väster' && c.group === 'violence')?.count).toBe(11);
  });

  it('does not publish five incidents at one address at k = 5', async () => {
    const { code } = await municipality();
    await publish(code);
    const dto = await listPublishedAggregates(h.db, { municipalityCode: code });
    expect(dto[0].cells.find((c) => c.areaName === 'Väster' && c.group === 'property')).toMatchObject({ count: null, display: 'färre än 5' });
  });

  it('counts no sensitive or police-only incident in any published figure', async () => {
    const { code } = await municipality();
    await publish(code);
    const dto = await listPublishedAggregates(h.db, { municipalityCode: code });
    expect(dto[0].cells.find((c) => c.areaName === 'Öster' && c.group === 'violence')?.count).toBeNull();
    expect(dto[0].cells.find((c) => c.areaName === 'Öster' && c.group === 'other')?.count).toBeNull();
    expect(dto[0].municipalityTotals.find((t) => t.group === 'all')).toMatchObject({ count: 13, display: 'minst 13' });
  });

  it('rejects an UPDATE of a published publication', async () => {
    const { code } = await municipality();
    const { publicationId } = await publish(code);
    const db = withPublicationTables(h.db);
    await expect(db.updateTable('publication').set({ k: 3 }).where('id', '=', publicationId!).execute()).rejects.toThrow(/frozen/);
  });

  it('rejects an UPDATE or DELETE of a published cell', async () => {
    const { code } = await municipality();
    const { publicationId } = await publish(code);
    const db = withPublicationTables(h.db);
    await expect(db.updateTable('publication_cell').set({ count: 1 }).where('publication_id', '=', publicationId!).execute()).rejects.toThrow(/frozen/);
    await expect(db.deleteFrom('publication_cell').where('publication_id', '=', publicationId!).execute()).rejects.toThrow(/frozen/);
    await expect(db.deleteFrom('publication').where('id', '=', publicationId!).execute()).rejects.toThrow(/frozen/);
  });

  it('lets a whole municipality be erased with its publications (a demo reset)', async () => {
    const { code } = await municipality();
    await publish(code);
    await h.db.deleteFrom('incident').where('municipality_code', '=', code).execute();
    await h.db.deleteFrom('area').where('municipality_code', '=', code).execute();
    await h.db.deleteFrom('municipality').where('code', '=', code).execute();
    expect(await listPublications(withPublicationTables(h.db), { municipalityCode: code, audience: 'public' })).toEqual([]);
  });

  it('refuses the open quarter', async () => {
    const { code } = await municipality();
    const err = await refusal(publish(code, { quarter: '2026-Q4' }));
    expect(err.message).toMatch(/has not closed/);
  });

  it('refuses a quarter closed less than a month ago', async () => {
    const { code } = await municipality();
    const err = await refusal(publish(code, { now: new Date('2026-10-15T12:00:00Z') }));
    expect(err.message).toMatch(/less than a month/);
  });

  it('writes nothing on a dry run', async () => {
    const { code } = await municipality();
    const result = await publish(code, { dryRun: true });
    expect(result).toMatchObject({ status: 'dry-run', publishedCells: 2 });
    expect(await listPublications(withPublicationTables(h.db), { municipalityCode: code, audience: 'public' })).toEqual([]);
  });

  it('makes two simultaneous publications of a quarter one after the other', async () => {
    const { code } = await municipality();
    const results = await Promise.allSettled([publish(code), publish(code)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(PublicationRefusedError);
    expect((rejected.reason as Error).message).toMatch(/changelog/);
  });

  it('refuses a correction without a changelog entry', async () => {
    const { code } = await municipality();
    await publish(code);
    expect((await refusal(publish(code))).message).toMatch(/changelog/);
  });

  it('publishes an unchanged correction as version 2 beside version 1', async () => {
    const { code } = await municipality();
    await publish(code);
    const v2 = await publish(code, { changelog: 'Omräknad efter kontroll, inga ändringar.' });
    expect(v2.version).toBe(2);
    const pubs = await listPublications(withPublicationTables(h.db), { municipalityCode: code, audience: 'public' });
    expect(pubs.map((p) => [p.version, p.changelog])).toEqual([[1, 'Första publicering.'], [2, 'Omräknad efter kontroll, inga ändringar.']]);
    expect((await listPublishedAggregates(h.db, { municipalityCode: code }))[0].version).toBe(2);
  });

  it('refuses a version that differs from the last by one incident in a cell', async () => {
    const { code } = await municipality();
    await publish(code);
    await addIncidents(h, code, WEST, 'assault', 1, { row: 5 });
    const err = await refusal(publish(code, { changelog: 'En sen anmälan.' }));
    expect(err.leakingFigures).toContain('2026-Q3 v2 Väster · Våld och hot');
  });

  it('refuses a version in which a published cell fell below k by one incident', async () => {
    const { code } = await municipality();
    await publish(code, { overrides: { k: 6 } });
    const one = await h.db.selectFrom('incident').select('id').where('municipality_code', '=', code).where('category_key', '=', 'assault').executeTakeFirstOrThrow();
    await h.db.deleteFrom('incident').where('id', '=', one.id).execute();
    const err = await refusal(publish(code, { changelog: 'En anmälan struken.', overrides: { k: 6 } }));
    expect(err.leakingFigures).toContain('2026-Q3 v2 Väster · Våld och hot');
  });

  it('refuses to publish when an earlier total included a suppressed cell', async () => {
    const { code, west } = await municipality();
    const v = (group: string) => getCellVariable('2026-Q3', 'district', `district:${west}`, group);
    // Planted: a hand-made version 1 whose area total counts the suppressed property cell (6 + 5).
    await createPublication(
      withPublicationTables(h.db),
      { municipalityCode: code, audience: 'public', quarter: '2026-Q3', geography: 'district', gridCellSizeM: null, version: 1, k: 5, locationRoundingM: 10, createdBy: 'planted', changelog: 'planted', audit: {} },
      [{ cellKey: `district:${west}`, areaId: west, areaName: 'Väster', gridIx: null, gridIy: null, groupKey: 'all', count: 11, suppressed: false, atLeast: false, parts: [v('violence'), v('property')] }],
    );
    const err = await refusal(publish(code, { changelog: 'v2' }));
    expect(err.leakingFigures).toContain('2026-Q3 v2 Väster · Stöld och inbrott');
  });

  it('refuses to publish when a focus-area figure differs from published cells by one suppressed cell', async () => {
    const { code, west, east } = await municipality();
    const v = (id: string, group: string) => getCellVariable('2026-Q3', 'district', `district:${id}`, group);
    // Planted: a focus area over both districts whose property figure (5 + 7) includes the suppressed Väster cell.
    await createPublication(
      withPublicationTables(h.db),
      { municipalityCode: code, audience: 'public', quarter: '2026-Q3', geography: 'district', gridCellSizeM: null, version: 1, k: 5, locationRoundingM: 10, createdBy: 'planted', changelog: 'planted', audit: {} },
      [{ cellKey: 'focus:centrum', areaId: null, areaName: 'Fokusområde centrum', gridIx: null, gridIy: null, groupKey: 'property', count: 12, suppressed: false, atLeast: false, parts: [v(west, 'property'), v(east, 'property')] }],
    );
    const err = await refusal(publish(code, { changelog: 'v2' }));
    expect(err.leakingFigures).toContain('2026-Q3 v2 Väster · Stöld och inbrott');
  });

  it('audits council figures together with the public figures the council can read', async () => {
    const { code, west } = await municipality();
    const v = (group: string) => getCellVariable('2026-Q3', 'district', `district:${west}`, group);
    // Planted: a public figure (violence + property in Väster) that the council can combine with its own cells.
    await createPublication(
      withPublicationTables(h.db),
      { municipalityCode: code, audience: 'public', quarter: '2026-Q3', geography: 'district', gridCellSizeM: null, version: 1, k: 5, locationRoundingM: 10, createdBy: 'planted', changelog: 'planted', audit: {} },
      [{ cellKey: `district:${west}`, areaId: west, areaName: 'Väster', gridIx: null, gridIy: null, groupKey: 'all', count: 11, suppressed: false, atLeast: false, parts: [v('violence'), v('property')] }],
    );
    const err = await refusal(publish(code, { audience: 'council' }));
    expect(err.leakingFigures).toContain('council 2026-Q3 v1 Väster · Stöld och inbrott');
  });

  it('refuses a public publication that would let the council pin a cell the council was not given', async () => {
    const { code, west } = await municipality();
    const v = (group: string) => getCellVariable('2026-Q3', 'district', `district:${west}`, group);
    // Planted: the council has a sum over violence and property in Väster and property suppressed;
    // the public's violence cell (6) would pin the council's suppressed property cell (5).
    await createPublication(
      withPublicationTables(h.db),
      { municipalityCode: code, audience: 'council', quarter: '2026-Q3', geography: 'district', gridCellSizeM: null, version: 1, k: 3, locationRoundingM: 10, createdBy: 'planted', changelog: 'planted', audit: {} },
      [
        { cellKey: `district:${west}`, areaId: west, areaName: 'Väster', gridIx: null, gridIy: null, groupKey: 'all', count: 11, suppressed: false, atLeast: false, parts: [v('violence'), v('property')] },
        { cellKey: `district:${west}`, areaId: west, areaName: 'Väster', gridIx: null, gridIy: null, groupKey: 'property', count: null, suppressed: true, atLeast: false, parts: [v('property')] },
      ],
    );
    const err = await refusal(publish(code));
    expect(err.message).toMatch(/combined with what the council audience has/);
    expect(err.leakingFigures).toContain('council 2026-Q3 v1 Väster · Stöld och inbrott');
  });

  it('publishes council figures at k = 3 after the public ones without calling the public suppressions leaks', async () => {
    const { code } = await municipality();
    await addIncidents(h, code, WEST, 'vandalism', 3, { row: 3 });
    await publish(code);
    expect((await publish(code, { audience: 'council' })).audit.passed).toBe(true);
  });

  it('refuses to switch an audience to another geography', async () => {
    const { code } = await municipality();
    await publish(code);
    const err = await refusal(publish(code, { quarter: '2026-Q2', overrides: { geography: 'grid', gridCellSizeM: 1000 } }));
    expect(err.message).toMatch(/one geography/);
  });

  it('publishes a fixed grid with every cell over the districts, empty ones suppressed', async () => {
    const { code } = await municipality();
    const result = await publish(code, { overrides: { geography: 'grid', gridCellSizeM: 1000 } });
    expect(result.config.geographyKey).toBe('grid1000');
    expect(result.publishedCells + result.suppressedCells).toBeGreaterThan(6 * 2);
    expect(result.publishedCells).toBeGreaterThanOrEqual(1);
  });

  it('publishes council figures with the council k of 3 from the same core', async () => {
    const { code } = await municipality();
    await addIncidents(h, code, WEST, 'vandalism', 3, { row: 3 });
    const result = await publish(code, { audience: 'council' });
    expect(result.config.k).toBe(3);
    expect(result.publishedCells).toBe(3);
  });

  it('gives a focus area the sum of the published cells it overlaps, "minst" where parts are suppressed', async () => {
    const { code } = await municipality();
    await h.db
      .insertInto('focus_area')
      .values({ municipality_code: code, name: 'Stationsområdet', geom: sql`ST_Multi(ST_MakeEnvelope(14.01, 57.175, 14.03, 57.185, 4326))`, evidence: '{}', period_from: '2026-01-01' })
      .execute();
    await publish(code, { audience: 'council' });
    const figures = await listFocusAreaFigures(h.db, { municipalityCode: code, audience: 'council', quarter: '2026-Q3' });
    const fig = (group: string) => figures.find((f) => f.name === 'Stationsområdet' && f.group === group);
    expect(fig('violence')).toMatchObject({ count: 6, atLeast: true, display: 'minst 6', publishedCells: 1, suppressedCells: 1 });
    expect(fig('property')).toMatchObject({ count: 7, display: 'minst 7' });
    expect(fig('drugs')).toMatchObject({ count: 0, display: 'färre än 3 i varje del' });
  });

  it('gives the public map one WGS84 feature per district with its frozen figures', async () => {
    const { code } = await municipality();
    await publish(code);
    const layer = await getPublishedQuarterFeatures(h.db, { municipalityCode: code, quarter: '2026-Q3' });
    expect(layer?.features.features).toHaveLength(2);
    const west = layer!.features.features.find((f) => f.properties.areaName === 'Väster')!;
    expect(west.geometry.type).toBe('MultiPolygon');
    expect(west.properties.figures.violence).toMatchObject({ count: 6, display: '6' });
    expect(west.properties.figures.property).toMatchObject({ count: null, display: 'färre än 5' });
    expect(west.properties.figures.all).toMatchObject({ display: 'minst 6' });
  });

  it('gives the public map grid squares in WGS84 for a grid publication', async () => {
    const { code } = await municipality();
    await publish(code, { overrides: { geography: 'grid', gridCellSizeM: 1000 } });
    const layer = await getPublishedQuarterFeatures(h.db, { municipalityCode: code, quarter: '2026-Q3' });
    const square = layer!.features.features[0];
    expect(square.geometry.type).toBe('Polygon');
    const [lon, lat] = (square.geometry as { coordinates: number[][][] }).coordinates[0][0];
    expect(lon).toBeGreaterThan(13.9);
    expect(lat).toBeGreaterThan(57.1);
  });

  it('has no map layer for a quarter that is not published', async () => {
    const { code } = await municipality();
    expect(await getPublishedQuarterFeatures(h.db, { municipalityCode: code, quarter: '2026-Q3' })).toBeNull();
  });

  it('gives the public focus-area figures only from its own published cells', async () => {
    const { code } = await municipality();
    await h.db
      .insertInto('area')
      .values({ municipality_code: code, kind: 'focus_buffer', name: 'Stationsområdet, buffert', geom: sql`ST_Multi(ST_MakeEnvelope(14.005, 57.172, 14.015, 57.18, 4326))` })
      .execute();
    await publish(code);
    const figures = await listPublishedFocusAreaFigures(h.db, { municipalityCode: code, quarter: '2026-Q3' });
    expect(figures.find((f) => f.group === 'violence')).toMatchObject({ kind: 'focus_buffer', count: 6, display: '6' });
    expect(figures.find((f) => f.group === 'property')).toMatchObject({ display: 'färre än 5 i varje del' });
  });

  it('gives the council its own snapshots, not the public ones', async () => {
    const { code } = await municipality();
    await publish(code);
    await addIncidents(h, code, WEST, 'vandalism', 3, { row: 3 });
    await publish(code, { audience: 'council' });
    const [council] = await listAudienceAggregates(h.db, { municipalityCode: code, audience: 'council' });
    expect(council.k).toBe(3);
    expect(council.cells.find((c) => c.areaName === 'Väster' && c.group === 'damage')).toMatchObject({ count: 3, display: '3' });
  });

  it("takes k and geography from the municipality's settings", async () => {
    const { code } = await municipality();
    await h.db
      .insertInto('setting')
      .values([
        { municipality_code: code, key: 'disclosure.public.k', value: JSON.stringify(7) },
        { municipality_code: code, key: 'disclosure.public.geography', value: JSON.stringify('grid') },
        { municipality_code: code, key: 'disclosure.grid_cell_size_m', value: JSON.stringify(1000) },
      ])
      .execute();
    const result = await publish(code, { dryRun: true });
    expect(result.config).toMatchObject({ k: 7, geography: 'grid', gridCellSizeM: 1000, geographyKey: 'grid1000' });
  });

  it('refuses a k setting below 3', async () => {
    const { code } = await municipality();
    await h.db.insertInto('setting').values({ municipality_code: code, key: 'disclosure.council.k', value: JSON.stringify(2) }).execute();
    await expect(publish(code, { audience: 'council', dryRun: true })).rejects.toThrow(/disclosure settings/);
  });

  it('reports published and suppressed cells per quarter', async () => {
    const { code } = await municipality();
    await publish(code);
    const report = await listPublicationReport(h.db, { municipalityCode: code, audience: 'public' });
    expect(report).toEqual([expect.objectContaining({ quarter: '2026-Q3', version: 1, publishedCells: 2, suppressedCells: 12, auditPassed: true })]);
  });
});
