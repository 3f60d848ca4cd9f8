import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { projectWgs84ToSweref99tm } from '@/lib/geo/crs';
import { getHexCellIndex } from '@/lib/geo/hex';
import { AGGREGATE_HEX_SIZE_M } from '@/lib/map/hex-aggregates';
import { filtersSchema } from '@/lib/schemas/map-filters';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { computeHexAggregates } from './get-hex-aggregates';

describe(`council hex aggregates on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;
  let council: Viewer;
  const insert = (lon: number, lat: number, o: { category?: string; visibility?: string; at?: string } = {}) =>
    h.db
      .insertInto('incident')
      .values({
        municipality_code: code,
        category_key: o.category ?? 'theft',
        occurred_at: o.at ?? '2025-05-10T12:00:00Z',
        geom: sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`,
        source: 'police',
        visibility: o.visibility ?? 'restricted',
      })
      .execute();
  const cellOf = (lon: number, lat: number) => {
    const [x, y] = projectWgs84ToSweref99tm(lon, lat);
    return getHexCellIndex(x, y, AGGREGATE_HEX_SIZE_M);
  };

  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h);
    council = { userId: null, actor: 'council@test', municipalityCode: code, held: [{ role: 'council', organisationId: null }], meetingMode: false };
    // Three incidents at three places ~30 m apart: one cell that passes k = 3.
    await insert(14.05, 57.18);
    await insert(14.0505, 57.18);
    await insert(14.05, 57.1803);
    // Sensitive: never counted in these aggregates.
    await insert(14.0502, 57.1801, { category: 'domestic_violence' });
    // Two incidents in a cell ~5 km away: suppressed, so absent.
    await insert(14.13, 57.18);
    await insert(14.1303, 57.18);
    // Five incidents at one address: k incidents but one place, suppressed.
    for (let n = 0; n < 5; n++) await insert(14.2, 57.25);
  }, 180_000);

  it('returns only cells with at least k incidents at k places, never a point', async () => {
    const dto = await computeHexAggregates(h.db, council, filtersSchema.parse({ municipality: code, from: '2025-05-03', to: '2025-05-20' }), new Date('2025-12-01T00:00:00Z'));
    expect(dto.k).toBe(3);
    expect(dto).toMatchObject({ from: '2025-05-01', to: '2025-05-31' });
    const expected = cellOf(14.05, 57.18);
    expect(dto.cells.map((c) => ({ i: c.i, j: c.j, count: c.count }))).toEqual([{ ...expected, count: 3 }]);
    expect(JSON.stringify(dto)).not.toContain('57.18,');
  });

  it('a category filter or another period counts nothing there', async () => {
    const dto = await computeHexAggregates(h.db, council, filtersSchema.parse({ municipality: code, from: '2025-06-01', to: '2025-06-30' }), new Date());
    expect(dto.cells).toEqual([]);
    const burglary = await computeHexAggregates(h.db, council, filtersSchema.parse({ municipality: code, from: '2025-05-01', to: '2025-05-31', categories: 'burglary_home' }), new Date());
    expect(burglary.cells).toEqual([]);
  });
});
