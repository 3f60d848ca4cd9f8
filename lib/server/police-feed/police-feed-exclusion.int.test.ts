// Police feed events sit on municipality centroids: they must never be shown or counted as incident
// locations (issue 5, DESIGN §9). On both databases: thirty feed events at a hotspot change none of the
// outputs that start from incidents — map points, hour × weekday, trend, counts, lasso selection, hex
// aggregates, record detail, export, analysis inputs, duplicate check, council and public aggregates.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { listIncidentCellCounts, countIncidentsForAnalysis, getIncidentIdsDigest } from '@/db/queries/analysis/cell-counts';
import { listMunicipalityMonthCells } from '@/db/queries/council/incident-cells';
import { getFirstIncidentQuarter } from '@/db/queries/disclosure/first-incident-quarter';
import { listQuarterGridCells } from '@/db/queries/disclosure/quarter-cells';
import { listIncidentPoints } from '@/db/queries/incident-points';
import { countIncidentsByHourWeekday, countIncidentsByMonth, countSituationIncidents, listSituationIncidentPoints } from '@/db/queries/situation-incidents';
import { filtersSchema } from '@/lib/schemas/map-filters';
import type { Role } from '@/lib/schemas/auth';
import { findCaptureDuplicates } from '@/lib/server/capture/find-capture-duplicates';
import { listExportRecords } from '@/lib/server/export/export-records';
import { whereExactAccess } from '@/lib/server/permissions/exact-access';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { findRecordDetail } from '@/lib/server/records/find-record-detail';
import { selectRecords } from '@/lib/server/selection/select-records';
import { computeHexAggregates } from '@/lib/server/situation/get-hex-aggregates';
import { incidentQueryFor } from '@/lib/server/situation/situation-access';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { importPoliceFeed } from './import-police-feed';

// Värnamo's centroid as the feed gives it.
const LAT = 57.183161;
const LON = 14.047821;

describe(`police feed events never count as incident locations on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;
  let policeOrg: string;
  let viewers: Record<'police' | 'municipality' | 'partner' | 'council', Viewer>;

  const incident = (dLon: number, dLat: number, category: string, at: string, visibility = 'joint') =>
    h.db
      .insertInto('incident')
      .values({
        municipality_code: code,
        category_key: category,
        occurred_at: at,
        geom: sql`ST_SetSRID(ST_MakePoint(${LON + dLon}, ${LAT + dLat}), 4326)`,
        source: 'police',
        origin_org_id: policeOrg,
        visibility,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

  const filters = filtersSchema.parse({ municipality: '0000', from: '2025-04-01', to: '2025-06-30' });
  const square = (d: number) => ({
    type: 'Polygon' as const,
    coordinates: [
      [
        [LON - d, LAT - d],
        [LON + d, LAT - d],
        [LON + d, LAT + d],
        [LON - d, LAT + d],
        [LON - d, LAT - d],
      ],
    ] as [[number, number][]],
  });

  /** Everything that starts from incidents, as each role would get it. */
  async function outputs() {
    const f = { ...filters, municipality: code };
    const now = new Date('2025-05-20T12:00:00Z');
    const out: Record<string, unknown> = {};
    for (const role of ['police', 'municipality', 'partner'] as const) {
      const v = viewers[role];
      const q = await incidentQueryFor({ db: h.db, viewer: v }, f);
      const access = whereExactAccess(v);
      out[role] = {
        points: await listIncidentPoints(h.db, { municipalityCode: code, from: f.from, to: f.to, categoryKeys: q.categoryKeys, visibilities: ['restricted', 'joint', 'partners'], access, limit: 10_000 }),
        situationPoints: await listSituationIncidentPoints(h.db, q, 10_000),
        count: await countSituationIncidents(h.db, q),
        hourWeekday: await countIncidentsByHourWeekday(h.db, q),
        trend: await countIncidentsByMonth(h.db, q),
        selection: await selectRecords(h.db, v, { polygon: square(0.01), filters: f }, { limit: 2000, action: 'read' }),
        export: (await listExportRecords(h.db, v, 'incidents', { filters: f })).map((r) => JSON.stringify(r)),
        cells: await listIncidentCellCounts(h.db, { municipalityCode: code, from: f.from, to: f.to, access, grid: 'square', cellSize: 250 }),
        analysisCount: await countIncidentsForAnalysis(h.db, { municipalityCode: code, from: f.from, to: f.to, access }),
        digest: await getIncidentIdsDigest(h.db, { municipalityCode: code, from: f.from, to: f.to, access }),
        duplicates: (await findCaptureDuplicates(h.db, v, { kind: 'incident', lon: LON, lat: LAT, categoryKey: 'assault' }, now)).map((d) => d.id),
      };
    }
    out.hex = await computeHexAggregates(h.db, viewers.council, f, new Date('2025-12-01T00:00:00Z'));
    const groups = { categoryKeys: ['assault', 'theft'], groupKeys: ['violence', 'property'], locationRoundingM: 50 };
    out.council = await listMunicipalityMonthCells(h.db, { municipalityCode: code, start: new Date('2025-04-01T00:00:00+02:00'), end: new Date('2025-07-01T00:00:00+02:00'), ...groups });
    out.public = await listQuarterGridCells(h.db, {
      municipalityCode: code,
      quarter: '2025-Q2',
      start: new Date('2025-04-01T00:00:00+02:00'),
      end: new Date('2025-07-01T00:00:00+02:00'),
      cellSizeM: 500,
      ...groups,
    });
    out.firstQuarter = await getFirstIncidentQuarter(h.db, code);
    return out;
  }

  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h, 'Värnamo');
    await h.db.updateTable('municipality').set({ name: 'Värnamo' }).where('code', '=', code).execute();
    const org = async (n: string, kind: string) =>
      (await h.db.insertInto('organisation').values({ municipality_code: code, name: n, kind }).returning('id').executeTakeFirstOrThrow()).id;
    policeOrg = await org('Polisen', 'police');
    const municipalityOrg = await org('Kommunen', 'municipality');
    const housing = await org('Bostadsbolaget', 'housing');
    const v = (role: Role, organisationId: string | null): Viewer => ({ userId: `u-${role}`, actor: `${role}@exclusion.test`, municipalityCode: code, held: [{ role, organisationId }], meetingMode: false });
    viewers = { police: v('police', policeOrg), municipality: v('municipality', municipalityOrg), partner: v('partner', housing), council: v('council', null) };
    // The municipality's own hotspot at the centroid: five incidents at five places within ~60 m.
    await incident(0, 0, 'assault', '2025-05-10T20:00:00Z');
    await incident(0.0004, 0, 'assault', '2025-05-11T21:00:00Z');
    await incident(0, 0.0003, 'theft', '2025-05-12T10:00:00Z');
    await incident(0.0008, 0.0002, 'theft', '2025-05-14T10:00:00Z', 'partners');
    await incident(-0.0005, -0.0002, 'assault', '2025-05-18T23:00:00Z');
  }, 180_000);

  it('thirty feed events at the hotspot change none of those outputs', async () => {
    const before = await outputs();
    const events = Array.from({ length: 30 }, (_, i) => ({
      id: 900_000 + i,
      datetime: `2025-05-${String(1 + (i % 19)).padStart(2, '0')} ${10 + (i % 12)}:00:00 +02:00`,
      name: 'Händelse',
      summary: 'Fritext från polisen.',
      url: `/aktuellt/handelser/2025/maj/${i}/`,
      type: i % 2 ? 'Misshandel' : 'Stöld',
      location: { name: 'Värnamo', gps: `${LAT},${LON}` },
    }));
    const r = await importPoliceFeed(h.db, viewers.police, { name: 'feed.json', bytes: new TextEncoder().encode(JSON.stringify(events)) }, { dryRun: false });
    expect(r.added).toBe(30);
    // The feed rows are there, at the hotspot, in the period, in categories every role sees.
    const stored = await h.db
      .selectFrom('incident')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('municipality_code', '=', code)
      .where('source', '=', 'police_feed')
      .where(sql<boolean>`ST_DWithin(geom_3006, ST_Transform(ST_SetSRID(ST_MakePoint(${LON}, ${LAT}), 4326), 3006), 1)`)
      .executeTakeFirstOrThrow();
    expect(stored.n).toBe(30);
    const after = await outputs();
    expect(after).toEqual(before);
    // …and the baseline is not empty: the comparison could have failed.
    expect((before.police as { count: number }).count).toBe(5);
    expect((before.hex as { cells: unknown[] }).cells.length).toBeGreaterThan(0);
  }, 240_000);

  it('no role can open or export a feed event as a record', async () => {
    const ids = (await h.db.selectFrom('incident').select('id').where('municipality_code', '=', code).where('source', '=', 'police_feed').execute()).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const role of ['police', 'municipality', 'partner'] as const) {
      const v = viewers[role];
      expect(await findRecordDetail(h.db, { actor: v.actor, viewers: [v] }, 'incident', ids[0])).toBeNull();
      expect(await listExportRecords(h.db, v, 'incidents', { ids })).toEqual([]);
    }
  });
});
