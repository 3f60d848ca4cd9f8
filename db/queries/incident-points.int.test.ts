import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { listAreaOutlines } from './areas';
import { findIncidentIdBySeq, listIncidentPoints, listMapCategories } from './incident-points';

const dayNumber = (isoDate: string) => Date.UTC(+isoDate.slice(0, 4), +isoDate.slice(5, 7) - 1, +isoDate.slice(8, 10)) / 86_400_000;

describe(`map queries on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;
  let other: string;

  const insert = (municipality: string, at: string, lon: number, lat: number, category = 'theft', visibility = 'joint') =>
    h.db
      .insertInto('incident')
      .values({
        municipality_code: municipality,
        category_key: category,
        occurred_at: at,
        geom: sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`,
        source: 'municipality',
        visibility,
      })
      .execute();

  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h);
    other = await createTestMunicipality(h);
    // 00:30 on 30 March 2025 in Stockholm (CET, the night clocks go forward): still 29 March in UTC.
    await insert(code, '2025-03-29T23:30:00Z', 14.05, 57.18);
    // 23:30 on 26 October 2025 in Stockholm (CET again, the night clocks went back).
    await insert(code, '2025-10-26T22:30:00Z', 13.74, 57.17);
    await insert(code, '2025-06-01T12:00:00Z', 14.05, 57.18, 'assault', 'restricted');
    await insert(other, '2025-06-01T12:00:00Z', 14.05, 57.18);
    await h.db
      .insertInto('area')
      .values({
        municipality_code: code,
        kind: 'district',
        name: 'Centrum',
        geom: sql`ST_Multi(ST_MakeEnvelope(14.0, 57.15, 14.1, 57.2, 4326))`,
      })
      .execute();
  }, 180_000);

  const base = () => ({ municipalityCode: code, categoryKeys: ['theft', 'assault'], visibilities: ['joint', 'partners'], limit: 100 });

  it('returns only the tenant’s points of the allowed visibilities, with lon/lat as numbers', async () => {
    const rows = await listIncidentPoints(h.db, base());
    expect(rows).toHaveLength(2);
    expect(typeof rows[0].lon).toBe('number');
    expect(rows[0].lon).toBeCloseTo(14.05, 6);
    expect(typeof rows[0].day).toBe('number');
  });

  it('numbers days by the Stockholm date, across both daylight-saving changes', async () => {
    const rows = await listIncidentPoints(h.db, base());
    expect(rows.map((r) => r.day)).toEqual([dayNumber('2025-03-30'), dayNumber('2025-10-26')]);
  });

  it('from and to are Stockholm dates, to inclusive', async () => {
    expect(await listIncidentPoints(h.db, { ...base(), from: '2025-03-30', to: '2025-03-30' })).toHaveLength(1);
    expect(await listIncidentPoints(h.db, { ...base(), to: '2025-03-29' })).toHaveLength(0);
    expect(await listIncidentPoints(h.db, { ...base(), from: '2025-10-26', to: '2025-10-26' })).toHaveLength(1);
    expect(await listIncidentPoints(h.db, { ...base(), from: '2025-10-27' })).toHaveLength(0);
  });

  it('a bbox keeps only the points inside it', async () => {
    const rows = await listIncidentPoints(h.db, { ...base(), bbox: [14.0, 57.1, 14.1, 57.2] });
    expect(rows.map((r) => r.lon)).toEqual([expect.closeTo(14.05, 6)]);
  });

  it('gives each point its local minute of the day, across both daylight-saving changes', async () => {
    const rows = await listIncidentPoints(h.db, base());
    expect(rows.map((r) => r.minute).sort((a, b) => a - b)).toEqual([30, 23 * 60 + 30]);
  });

  it('returns the points in seq order, each seq a distinct number that finds its incident', async () => {
    const later = '2025-01-15T10:00:00Z';
    await insert(code, later, 14.06, 57.19);
    const rows = await listIncidentPoints(h.db, base());
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => typeof r.seq === 'number' && Number.isInteger(r.seq))).toBe(true);
    expect(rows.map((r) => r.seq)).toEqual([...rows.map((r) => r.seq)].sort((a, b) => a - b));
    // The newest insert has the highest seq although it is the second oldest in time.
    expect(rows[2].day).toBe(dayNumber('2025-01-15'));
    const visible = sql<boolean>`incident.visibility = 'joint'`;
    expect((await findIncidentIdBySeq(h.db, rows[2].seq, visible))?.id).toBe(rows[2].id);
    expect(await findIncidentIdBySeq(h.db, rows[2].seq, sql<boolean>`false`)).toBeNull();
    // A limit keeps the oldest matches, still in seq order.
    const cut = await listIncidentPoints(h.db, { ...base(), limit: 2 });
    expect(cut.map((r) => r.day).sort((a, b) => a - b)).toEqual([dayNumber('2025-01-15'), dayNumber('2025-03-30')]);
    expect(cut[0].seq).toBeLessThan(cut[1].seq);
    expect(cut.map((r) => r.ord).sort()).toEqual([1, 2]);
    await h.db.deleteFrom('incident').where('id', '=', rows[2].id).execute();
  });

  it('no categories means no points', async () => {
    expect(await listIncidentPoints(h.db, { ...base(), categoryKeys: [] })).toEqual([]);
  });

  it('lists the categories with their sensitivity', async () => {
    const cats = await listMapCategories(h.db);
    expect(cats.find((c) => c.key === 'domestic_violence')?.sensitivity).toBe('sensitive');
  });

  it('outlines come as GeoJSON with a label point inside and the area in km²', async () => {
    const [area] = await listAreaOutlines(h.db, { municipalityCode: code, kinds: ['district'] });
    expect(JSON.parse(area.geometry).type).toBe('MultiPolygon');
    expect(area.label_lon).toBeGreaterThan(14.0);
    expect(area.label_lon).toBeLessThan(14.1);
    // 0.1° × 0.05° at 57° N ≈ 6.0 km × 5.6 km.
    expect(area.area_km2).toBeGreaterThan(30);
    expect(area.area_km2).toBeLessThan(36);
  });
});
