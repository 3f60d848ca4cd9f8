import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { whereExactAccess } from '@/lib/server/permissions/exact-access';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { countIncidentsByHourWeekday, countIncidentsByMonth, listIncidentWindows, listSituationIncidentPoints, type SituationIncidentQuery } from './situation-incidents';
import { listUnsafePlaces, listVandalismReports } from './situation-places';

describe(`situation queries on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;
  let areaId: string;
  let viewer: Viewer;

  const point = (lon: number, lat: number) => sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;
  const insert = (at: string, lon: number, lat: number, o: { category?: string; visibility?: string; source?: string } = {}) =>
    h.db
      .insertInto('incident')
      .values({
        municipality_code: code,
        category_key: o.category ?? 'theft',
        occurred_at: at,
        geom: point(lon, lat),
        source: o.source ?? 'municipality',
        visibility: o.visibility ?? 'joint',
      })
      .execute();

  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h);
    viewer = { userId: null, actor: 'test', municipalityCode: code, held: [{ role: 'police', organisationId: null }], meetingMode: false };
    // Sunday 30 March 2025 00:30 in Stockholm (the night clocks go forward) = Saturday 23:30 UTC.
    await insert('2025-03-29T23:30:00Z', 14.05, 57.18);
    // Sunday 26 October 2025 23:30 CET (after clocks went back) = 22:30 UTC.
    await insert('2025-10-26T22:30:00Z', 14.06, 57.18, { source: 'police' });
    // Monday 2 June 2025 14:00 CEST, outside the area.
    await insert('2025-06-02T12:00:00Z', 13.5, 57.0);
    // Restricted to an organisation the viewer does not belong to: never counted.
    await insert('2025-06-02T12:00:00Z', 14.05, 57.18, { visibility: 'restricted' });
    const area = await h.db
      .insertInto('area')
      .values({ municipality_code: code, kind: 'district', name: 'Centrum', geom: sql`ST_Multi(ST_MakeEnvelope(14.0, 57.15, 14.1, 57.2, 4326))` })
      .returning('id')
      .executeTakeFirstOrThrow();
    areaId = area.id;
    await h.db
      .insertInto('unsafe_place')
      .values([
        { municipality_code: code, title: 'Mörk gångtunnel', source: 'staff', geom: point(14.05, 57.18), reported_at: '2025-02-01T10:00:00Z' },
        { municipality_code: code, title: 'Buskage', source: 'staff', status: 'fixed', fixed_at: '2024-05-01T10:00:00Z', status_changed_at: '2024-05-01T10:00:00Z', geom: point(14.05, 57.17), reported_at: '2024-02-01T10:00:00Z' },
        { municipality_code: code, title: 'Dold', source: 'staff', visibility: 'restricted', geom: point(14.05, 57.17), reported_at: '2025-02-01T10:00:00Z' },
      ])
      .execute();
    await h.db
      .insertInto('vandalism_report')
      .values([
        { municipality_code: code, kind: 'graffiti', reported_at: '2025-03-01T10:00:00Z', geom: point(14.05, 57.18) },
        { municipality_code: code, kind: 'damage', reported_at: '2024-03-01T10:00:00Z', geom: point(14.05, 57.18) },
      ])
      .execute();
  }, 180_000);

  const base = (): SituationIncidentQuery => ({
    municipalityCode: code,
    from: '2025-01-01',
    to: '2025-12-31',
    categoryKeys: ['theft'],
    access: whereExactAccess(viewer),
  });

  it('buckets hour and weekday in Stockholm time across both daylight-saving changes', async () => {
    const rows = await countIncidentsByHourWeekday(h.db, base());
    expect(rows).toEqual([
      { weekday: 1, hour: 14, count: 1 },
      { weekday: 7, hour: 0, count: 1 },
      { weekday: 7, hour: 23, count: 1 },
    ]);
  });

  it('the matrix sums to the number of points for the same filter, and hours and weekdays filter both', async () => {
    const q = { ...base(), weekdays: [7], hours: [23, 0, 1] };
    const points = await listSituationIncidentPoints(h.db, q, 100);
    const cells = await countIncidentsByHourWeekday(h.db, q);
    expect(points).toHaveLength(2);
    expect(cells.reduce((a, c) => a + c.count, 0)).toBe(points.length);
  });

  it('an area keeps only the incidents it covers, and a source filter applies', async () => {
    expect(await listSituationIncidentPoints(h.db, { ...base(), areaId }, 100)).toHaveLength(2);
    expect(await listSituationIncidentPoints(h.db, { ...base(), areaId, sources: ['police'] }, 100)).toHaveLength(1);
  });

  it('an area of another municipality filters everything out', async () => {
    const other = await createTestMunicipality(h);
    expect(await listSituationIncidentPoints(h.db, { ...base(), municipalityCode: other, areaId }, 100)).toHaveLength(0);
  });

  it('counts per local month, March in Stockholm though 29 March 23:30 UTC', async () => {
    expect(await countIncidentsByMonth(h.db, base())).toEqual([
      { month: '2025-03', count: 1 },
      { month: '2025-06', count: 1 },
      { month: '2025-10', count: 1 },
    ]);
  });

  it('unsafe places of the period: open ones, not those fixed before it, none the viewer may not see', async () => {
    const access = whereExactAccess(viewer, { table: 'unsafe_place', categoryColumn: null });
    const rows = await listUnsafePlaces(h.db, { municipalityCode: code, from: '2025-01-01', to: '2025-12-31', access });
    expect(rows.map((r) => r.title)).toEqual(['Mörk gångtunnel']);
    expect(rows[0].status).toBe('open');
    expect(await listUnsafePlaces(h.db, { municipalityCode: code, statuses: ['fixed'], access })).toHaveLength(1);
  });

  it('vandalism reported in the period, in the area', async () => {
    const access = whereExactAccess(viewer, { table: 'vandalism_report', categoryColumn: null });
    const rows = await listVandalismReports(h.db, { municipalityCode: code, from: '2025-01-01', to: '2025-12-31', areaId, access });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'graffiti', status: 'reported', offensive: false, reported_at: '2025-03-01' });
  });

  it('a weekday and hour filter keeps an incident known within a window when any hour of the window is selected', async () => {
    const other = await createTestMunicipality(h);
    // Saturday 14 June 2025 22:30 → Sunday 01:30 in Stockholm (UTC+2): a burglary found in the morning.
    await h.db
      .insertInto('incident')
      .values({
        municipality_code: other,
        category_key: 'theft',
        occurred_at: '2025-06-14T20:30:00Z',
        occurred_to: '2025-06-14T23:30:00Z',
        geom: point(14.05, 57.18),
        source: 'police',
        visibility: 'joint',
      })
      .execute();
    const q = { ...base(), municipalityCode: other, access: whereExactAccess({ ...viewer, municipalityCode: other }) };
    expect(await listSituationIncidentPoints(h.db, { ...q, weekdays: [7], hours: [1] }, 10)).toHaveLength(1);
    expect(await listSituationIncidentPoints(h.db, { ...q, weekdays: [6], hours: [23] }, 10)).toHaveLength(1);
    // Its window ends at 01:30: 02:00 and Saturday noon are outside it.
    expect(await listSituationIncidentPoints(h.db, { ...q, hours: [2] }, 10)).toHaveLength(0);
    expect(await listSituationIncidentPoints(h.db, { ...q, weekdays: [6], hours: [12] }, 10)).toHaveLength(0);
    // The matrix takes it from the windows (aoristic), not from its start hour.
    expect(await countIncidentsByHourWeekday(h.db, q)).toEqual([]);
    expect(await listIncidentWindows(h.db, q)).toEqual([{ from_ms: Date.parse('2025-06-14T20:30:00Z'), to_ms: Date.parse('2025-06-14T23:30:00Z') }]);
  });
});
