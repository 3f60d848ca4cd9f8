import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { getHexCellIndex } from '@/lib/geo/hex';
import { filtersSchema, type MapFiltersInput } from '@/lib/schemas/map-filters';
import { whereExactAccess } from '@/lib/server/permissions/exact-access';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { computeExactAggregates } from './get-exact-aggregates';

describe(`exact hexagon aggregates on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;
  let policeOrg: string;
  let partnerOrg: string;
  let police: Viewer;
  let partner: Viewer;

  const insert = (lon: number, lat: number, o: { category?: string; visibility?: string; org?: string | null; at?: string; source?: string } = {}) =>
    h.db
      .insertInto('incident')
      .values({
        municipality_code: code,
        category_key: o.category ?? 'theft',
        occurred_at: o.at ?? '2025-05-10T12:00:00Z',
        geom: sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`,
        source: o.source ?? 'police',
        visibility: o.visibility ?? 'joint',
        origin_org_id: o.org === undefined ? policeOrg : o.org,
      })
      .execute();
  const filters = (f: Partial<MapFiltersInput> = {}) => filtersSchema.parse({ municipality: code, from: '2025-01-01', to: '2025-12-31', ...f });
  const asMap = (cells: number[]) => {
    const out = new Map<string, number>();
    for (let k = 0; k < cells.length; k += 3) out.set(`${cells[k]}:${cells[k + 1]}`, cells[k + 2]);
    return out;
  };

  /** The same counts the direct way: every row the viewer may see (whereExactAccess in SQL), binned in JS. */
  const direct = async (viewer: Viewer, size: number, extra = sql<boolean>`true`) => {
    const rows = await h.db
      .selectFrom('incident')
      .where(whereExactAccess(viewer))
      .where(sql<boolean>`incident.occurred_at >= '2025-01-01T00:00:00+01:00' AND incident.occurred_at < '2026-01-01T00:00:00+01:00'`)
      .where(extra)
      .select([sql<number>`ST_X(geom_3006)::float8`.as('x'), sql<number>`ST_Y(geom_3006)::float8`.as('y')])
      .execute();
    const out = new Map<string, number>();
    for (const r of rows) {
      const c = getHexCellIndex(Number(r.x), Number(r.y), size);
      out.set(`${c.i}:${c.j}`, (out.get(`${c.i}:${c.j}`) ?? 0) + 1);
    }
    return { cells: out, total: rows.length };
  };

  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h);
    const org = async (name: string, kind: string) => (await h.db.insertInto('organisation').values({ municipality_code: code, name, kind }).returning('id').executeTakeFirstOrThrow()).id;
    policeOrg = await org('Polisen', 'police');
    partnerOrg = await org('Bostadsbolaget', 'housing');
    police = { userId: null, actor: 'polis@test', municipalityCode: code, held: [{ role: 'police', organisationId: policeOrg }], meetingMode: false };
    partner = { userId: null, actor: 'partner@test', municipalityCode: code, held: [{ role: 'partner', organisationId: partnerOrg }], meetingMode: false };
    // A spread of records over ~6 km, of every visibility, two organisations and two sensitivities.
    const visibilities = ['joint', 'restricted', 'partners'];
    for (let n = 0; n < 60; n++) {
      const lon = 14.0 + (n % 10) * 0.009;
      const lat = 57.15 + Math.floor(n / 10) * 0.006;
      await insert(lon, lat, {
        visibility: visibilities[n % 3],
        org: n % 4 === 0 ? partnerOrg : policeOrg,
        category: n % 7 === 0 ? 'domestic_violence' : 'theft',
        // Saturdays and a Tuesday, at 22:00 and 10:00 local time.
        at: n % 2 === 0 ? '2025-05-10T20:00:00Z' : '2025-05-13T08:00:00Z',
      });
    }
    // Outside the period, and a police-feed row at the centroid: never counted.
    await insert(14.02, 57.16, { at: '2024-12-31T12:00:00Z' });
    await insert(14.02, 57.16, { source: 'police_feed' });
  }, 180_000);

  it('counts per cell equal a direct count of the records the police viewer may see', async () => {
    for (const size of [1000, 250]) {
      const dto = await computeExactAggregates(h.db, police, filters(), size);
      const want = await direct(police, size);
      expect(asMap(dto.cells)).toEqual(want.cells);
      expect(dto.total).toBe(want.total);
      expect(dto.cellSizeM).toBe(size);
    }
    // The police see every joint and partners record and their own restricted ones (not the partner's).
    const dto = await computeExactAggregates(h.db, police, filters(), 1000);
    expect(dto.total).toBe(60 - 5);
  });

  it("a partner's aggregate leaves out what whereExactAccess hides from them", async () => {
    const dto = await computeExactAggregates(h.db, partner, filters(), 500);
    const want = await direct(partner, 500);
    expect(asMap(dto.cells)).toEqual(want.cells);
    expect(dto.total).toBe(want.total);
    // Partners records of normal sensitivity, and their own organisation's of any visibility.
    const expected = await h.db
      .selectFrom('incident')
      .where('municipality_code', '=', code)
      .where('category_key', '=', 'theft')
      .where('source', '<>', 'police_feed')
      .where('occurred_at', '>=', new Date('2025-01-01T00:00:00Z'))
      .where((eb) => eb.or([eb('visibility', '=', 'partners'), eb('origin_org_id', '=', partnerOrg)]))
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(dto.total).toBe(Number(expected.n));
    expect(dto.total).toBeLessThan((await computeExactAggregates(h.db, police, filters(), 500)).total);
  });

  it('in meeting mode the police see no restricted record, in no cell', async () => {
    const meeting = { ...police, meetingMode: true };
    const dto = await computeExactAggregates(h.db, meeting, filters(), 1000);
    const joint = await direct(police, 1000, sql<boolean>`incident.visibility = 'joint'`);
    expect(asMap(dto.cells)).toEqual(joint.cells);
    expect(dto.total).toBe(joint.total);
    expect(dto.total).toBe(20);
  });

  it('weekday, hour, source and category filters are applied in SQL', async () => {
    const saturdayNights = await computeExactAggregates(h.db, police, filters({ weekdays: '6', hours: '22' }), 1000);
    const want = await direct(police, 1000, sql<boolean>`incident.occurred_at = '2025-05-10T20:00:00Z'`);
    expect(saturdayNights.total).toBe(want.total);
    expect(asMap(saturdayNights.cells)).toEqual(want.cells);
    expect((await computeExactAggregates(h.db, police, filters({ sources: 'citizen' }), 1000)).cells).toEqual([]);
    const theft = await computeExactAggregates(h.db, police, filters({ categories: 'theft' }), 1000);
    expect(theft.total).toBe((await direct(police, 1000, sql<boolean>`incident.category_key = 'theft'`)).total);
  });
});
