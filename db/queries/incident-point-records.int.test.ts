// The points query's packed path (./incident-point-records.ts) against its row path, and the grid
// cells that narrow its bbox scan (the 20261129T0100 migration) against their TypeScript mirror.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { getIncidentGridCell } from '@/lib/geo/incident-grid-cells';
import { packPointColumns, packPoints } from '@/lib/map/point-pack';
import { idsHash, idsHashOfUuidBytes } from '@/lib/server/audit/hash-chain';
import { whereExactAccess } from '@/lib/server/permissions/exact-access';
import { Random } from '@/lib/testing/random';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { type IncidentPointQuery, type IncidentPointRow, listIncidentPointColumns, listIncidentPoints } from './incident-points';
import type { IncidentPointColumns } from './incident-point-records';
import { listSituationIncidentPointColumns, listSituationIncidentPoints } from './situation-incidents';

const CATEGORIES = ['assault', 'theft', 'vandalism'];
// Cell edges: every 0.01° of longitude and 0.005° of latitude.
const EDGE_LONS = [14.0, 14.01, 14.02, 14.03];
const EDGE_LATS = [57.18, 57.185, 57.19, 57.195];
const near = (v: number) => [v, v - 1e-12, v + 1e-12, v - 1e-9, v + 1e-9, v - 2 ** -30, v + 2 ** -30];

const packOfRows = (rows: IncidentPointRow[], keys = CATEGORIES) =>
  packPoints(rows.map((r) => ({ lon: r.lon, lat: r.lat, category: keys.indexOf(r.category_key), day: r.day, minute: r.minute, id: r.seq })), keys);
const packOfColumns = (c: IncidentPointColumns, keys = CATEGORIES) =>
  packPointColumns({ positions: c.positions, days: c.days, minutes: c.minutes, categoryIndex: c.categoryIndex, ids: c.seqs }, keys);

describe(`packed incident points on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;

  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h, 'Rutkommun');
    const random = new Random('incident-point-records');
    const values: { lon: number; lat: number; at: string; category: string; visibility: string }[] = [];
    for (const lon of EDGE_LONS.flatMap(near)) for (const lat of EDGE_LATS.flatMap(near)) values.push({ lon, lat, at: '2025-05-01T10:00:00Z', category: 'theft', visibility: 'joint' });
    // Around both daylight-saving changes of 2025, and across the year, on both sides of the cut-off second.
    const times = ['2025-03-29T23:30:00Z', '2025-03-30T00:59:59.999Z', '2025-03-30T01:00:00Z', '2025-10-26T00:59:59Z', '2025-10-26T01:00:00Z', '2025-10-26T22:30:00Z', '2025-12-31T22:59:59Z', '2025-12-31T23:00:00Z'];
    for (let i = 0; i < 400; i++) {
      values.push({
        lon: random.uniform(13.98, 14.05),
        lat: random.uniform(57.17, 57.2),
        at: i < times.length ? times[i] : new Date(Date.UTC(2025, 0, 1) + random.uniform(0, 365 * 86_400_000)).toISOString(),
        category: CATEGORIES[random.int(0, CATEGORIES.length - 1)],
        visibility: random.chance(0.2) ? 'restricted' : 'joint',
      });
    }
    await h.db
      .insertInto('incident')
      .values(values.map((v) => ({ municipality_code: code, category_key: v.category, occurred_at: v.at, geom: sql`ST_SetSRID(ST_MakePoint(${v.lon}, ${v.lat}), 4326)`, source: 'municipality', visibility: v.visibility })))
      .execute();
  }, 180_000);

  const query = (o: Partial<IncidentPointQuery> = {}): IncidentPointQuery => ({ municipalityCode: code, categoryKeys: CATEGORIES, visibilities: ['joint', 'partners'], limit: 10_000, ...o });

  it('incident_grid_cell in SQL and getIncidentGridCell agree on points on and next to cell edges', async () => {
    const rows = await sql<{ lon: number; lat: number; cell: number }>`
      SELECT ST_X(geom)::float8 AS lon, ST_Y(geom)::float8 AS lat, incident_grid_cell(geom) AS cell FROM incident WHERE municipality_code = ${code}`.execute(h.db);
    expect(rows.rows.length).toBeGreaterThan(700);
    for (const r of rows.rows) expect([r.lon, r.lat, Number(r.cell)]).toEqual([r.lon, r.lat, getIncidentGridCell(Number(r.lon), Number(r.lat))]);
    // The edges do split cells: 14.0 and the double just below it fall in different columns.
    const cells = new Set(rows.rows.map((r) => Number(r.cell)));
    expect(cells.has(getIncidentGridCell(14.0, 57.18))).toBe(true);
    expect(cells.has(getIncidentGridCell(14.0 - 1e-12, 57.18))).toBe(true);
    expect(getIncidentGridCell(14.0, 57.18)).not.toBe(getIncidentGridCell(14.0 - 1e-12, 57.18));
  });

  it('a bbox query narrowed by grid cells returns exactly the ids of the bbox test alone', async () => {
    for (const bbox of [
      [14.0, 57.18, 14.02, 57.19],
      [14.0 - 1e-12, 57.185 + 1e-12, 14.01 + 1e-9, 57.195 - 1e-9],
      [13.99, 57.17, 14.04, 57.2],
    ] as const) {
      const narrowed = (await listIncidentPoints(h.db, query({ bbox }))).map((r) => r.id).sort();
      const plain = await h.db
        .selectFrom('incident')
        .select('id')
        .where('municipality_code', '=', code)
        .where('visibility', 'in', ['joint', 'partners'])
        .where(sql<boolean>`geom && ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326)`)
        .execute();
      expect(narrowed.length).toBeGreaterThan(0);
      expect(narrowed).toEqual(plain.map((r) => r.id).sort());
      const columns = await listIncidentPointColumns(h.db, query({ bbox }));
      expect(columns!.count).toBe(narrowed.length);
    }
  });

  it('the packed path gives the same pack and ids hash as the row path', async () => {
    for (const q of [query(), query({ bbox: [14.0, 57.18, 14.02, 57.19] }), query({ from: '2025-03-30', to: '2025-10-26' }), query({ categoryKeys: ['theft'] })]) {
      const rows = await listIncidentPoints(h.db, q);
      const columns = (await listIncidentPointColumns(h.db, q))!;
      expect(rows.length).toBeGreaterThan(0);
      expect(packOfColumns(columns, [...q.categoryKeys])).toEqual(packOfRows(rows, [...q.categoryKeys]));
      expect(idsHashOfUuidBytes(columns.uuids)).toBe(idsHash(rows.map((r) => r.id)));
    }
  });

  it('the situation query’s packed path gives the same pack as its row path', async () => {
    const viewer = { userId: null, actor: 'test', municipalityCode: code, held: [{ role: 'police' as const, organisationId: null }], meetingMode: false };
    const q = { municipalityCode: code, categoryKeys: CATEGORIES, access: whereExactAccess(viewer), bbox: [14.0, 57.18, 14.03, 57.195] as const, hours: [0, 1, 2, 10, 11, 12, 23] };
    const rows = await listSituationIncidentPoints(h.db, q, 10_000);
    const columns = (await listSituationIncidentPointColumns(h.db, q, 10_000))!;
    expect(rows.length).toBeGreaterThan(0);
    expect(packOfColumns(columns)).toEqual(packOfRows(rows));
    expect(idsHashOfUuidBytes(columns.uuids)).toBe(idsHash(rows.map((r) => r.id)));
  });

  it('more matches than the limit: the packed path keeps the same oldest points as the row path, flagged truncated', async () => {
    for (const q of [query(), query({ from: '2025-03-30', to: '2025-10-26' })]) {
      const all = (await listIncidentPointColumns(h.db, q))!.count;
      const limit = all - 3;
      const rows = (await listIncidentPoints(h.db, { ...q, limit: limit + 1 })).filter((r) => r.ord <= limit);
      const columns = (await listIncidentPointColumns(h.db, { ...q, limit }))!;
      expect(columns.truncated).toBe(true);
      expect(columns.count).toBe(limit);
      expect(packOfColumns(columns)).toEqual(packOfRows(rows));
      expect(idsHashOfUuidBytes(columns.uuids)).toBe(idsHash(rows.map((r) => r.id)));
      expect((await listIncidentPointColumns(h.db, { ...q, limit: all }))!.truncated).toBe(false);
    }
  });

  it('more matches than the limit in a grid-cell scan: no columns (the row path cuts by time)', async () => {
    const q = query({ bbox: [13.99, 57.17, 14.04, 57.2] });
    const all = (await listIncidentPointColumns(h.db, q))!.count;
    expect(await listIncidentPointColumns(h.db, { ...q, limit: all - 1 })).toBeNull();
    expect((await listIncidentPointColumns(h.db, { ...q, limit: all }))!.count).toBe(all);
  });
});
