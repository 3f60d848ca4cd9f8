import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { Random } from '@/lib/testing/random';
import { decodePointPack, packPointColumns, packPoints, unpackPoints, type PointColumns, type PointRow } from './point-pack';

const rows: PointRow[] = [
  { lon: 14.0478, lat: 57.1831, category: 0, day: 20_000 },
  { lon: 13.7362, lat: 57.2512, category: 2, day: 20_417 },
  { lon: 14.1702, lat: 57.0049, category: 1, day: -3 },
];
const categories = ['assault', 'theft', 'skadegörelse_ö'];

describe('point pack', () => {
  it('round-trips positions, days, categories and the table', () => {
    const p = unpackPoints(packPoints(rows, categories));
    expect(p.count).toBe(3);
    expect(p.truncated).toBe(false);
    expect(p.categories).toEqual(categories);
    expect(Array.from(p.categoryIndex)).toEqual([0, 2, 1]);
    expect(Array.from(p.days)).toEqual([20_000, 20_417, -3]);
    rows.forEach((r, i) => {
      expect(p.positions[i * 2]).toBeCloseTo(r.lon, 5);
      expect(p.positions[i * 2 + 1]).toBeCloseTo(r.lat, 5);
    });
  });

  it('takes about 13 bytes a point after the header', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ lon: 14 + i / 1e4, lat: 57, category: 0, day: i }));
    const small = packPoints(many.slice(0, 1), ['a']).length;
    expect(packPoints(many, ['a']).length - small).toBe(999 * 13);
  });

  it('keeps the truncated flag', () => {
    expect(unpackPoints(packPoints(rows, categories, { truncated: true })).truncated).toBe(true);
  });

  it('round-trips ids and minutes of the day', () => {
    const withIds = rows.map((r, i) => ({ ...r, id: [7, 8, 2 ** 40 + 3][i], minute: [0, 1439, 754][i] }));
    const p = unpackPoints(packPoints(withIds, categories, { truncated: true }));
    expect(Array.from(p.ids!)).toEqual([7, 8, 2 ** 40 + 3]);
    expect(Array.from(p.minutes!)).toEqual([0, 1439, 754]);
    expect(Array.from(p.days)).toEqual([20_000, 20_417, -3]);
    expect(Array.from(p.categoryIndex)).toEqual([0, 2, 1]);
    expect(p.truncated).toBe(true);
  });

  it('a pack without ids or minutes says so', () => {
    const p = unpackPoints(packPoints(rows, categories));
    expect(p.ids).toBeNull();
    expect(p.minutes).toBeNull();
  });

  it('stores close ids in about one byte each', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ lon: 14, lat: 57, category: 0, day: 0, id: 1_000_000 + i * 20 }));
    const bare = packPoints(many.map(({ id: _id, ...r }) => r), ['a']).length;
    expect(packPoints(many, ['a']).length - bare).toBe(3 + 999);
  });

  it('rejects ids out of order, and ids or minutes on some points only', () => {
    expect(() => packPoints([{ ...rows[0], id: 5 }, { ...rows[1], id: 4 }], categories)).toThrow(/ascending/);
    expect(() => packPoints([{ ...rows[0], id: 5 }, rows[1]], categories)).toThrow(/every point or none/);
    expect(() => packPoints([rows[0], { ...rows[1], minute: 3 }], categories)).toThrow(/every point or none/);
    expect(() => packPoints([{ ...rows[0], minute: 1440 }], categories)).toThrow(/outside 0–1439/);
  });

  it('reads a version-1 pack (no ids, no minutes)', () => {
    const v1 = packPoints(rows, categories, { truncated: true });
    v1.set(new TextEncoder().encode('LBP1'), 0);
    const p = unpackPoints(v1);
    expect(p.truncated).toBe(true);
    expect(p.ids).toBeNull();
    expect(Array.from(p.days)).toEqual([20_000, 20_417, -3]);
  });

  it('rejects a pack whose id block is cut short or too long', () => {
    const packed = packPoints(rows.map((r, i) => ({ ...r, id: 300 * (i + 1) })), categories);
    expect(() => unpackPoints(packed.subarray(0, packed.length - 1))).toThrow(/inside the id|does not hold/);
    const longer = new Uint8Array(packed.length + 1);
    longer.set(packed);
    expect(() => unpackPoints(longer)).toThrow(/does not hold/);
  });

  it('reads a pack that starts at an unaligned offset of a larger buffer', () => {
    const packed = packPoints(rows, categories);
    const outer = new Uint8Array(packed.length + 3);
    outer.set(packed, 3);
    expect(Array.from(unpackPoints(outer.subarray(3)).days)).toEqual([20_000, 20_417, -3]);
  });

  it('reads a Node Buffer that shares a pooled ArrayBuffer', () => {
    const pooled = Buffer.from(packPoints(rows, categories));
    expect(Array.from(unpackPoints(pooled).categoryIndex)).toEqual([0, 2, 1]);
  });

  it('an empty selection packs to a header and a table', () => {
    const p = unpackPoints(packPoints([], categories));
    expect(p.count).toBe(0);
    expect(p.positions.length).toBe(0);
    expect(Array.from(p.ids!)).toEqual([]);
    expect(Array.from(p.minutes!)).toEqual([]);
  });

  it('rejects a category index outside the table', () => {
    expect(() => packPoints([{ lon: 0, lat: 0, category: 3, day: 0 }], categories)).toThrow(/outside the table/);
  });

  it('rejects bytes that are not a pack, or are cut short', () => {
    expect(() => unpackPoints(new TextEncoder().encode('{"type":"FeatureCollection"}'))).toThrow(/Not a point pack/);
    const packed = packPoints(rows, categories);
    expect(() => unpackPoints(packed.subarray(0, packed.length - 1))).toThrow(/does not hold/);
  });

  it('decodes a gzipped pack as the API sends it, and a plain one', async () => {
    const packed = packPoints(rows, categories);
    const fromGzip = await decodePointPack(gzipSync(packed));
    expect(Array.from(fromGzip.days)).toEqual([20_000, 20_417, -3]);
    expect(fromGzip.categories).toEqual(categories);
    expect((await decodePointPack(packed)).count).toBe(3);
    await expect(decodePointPack(gzipSync(new TextEncoder().encode('not a pack at all')))).rejects.toThrow(/Not a point pack/);
  });
});

describe('point pack from columns', () => {
  const columnsOf = (points: PointRow[]): PointColumns => ({
    positions: Float32Array.from(points.flatMap((r) => [r.lon, r.lat])),
    days: Int32Array.from(points.map((r) => r.day)),
    categoryIndex: Uint8Array.from(points.map((r) => r.category)),
    ids: points[0]?.id === undefined ? null : Float64Array.from(points.map((r) => r.id!)),
    minutes: points[0]?.minute === undefined ? null : Uint16Array.from(points.map((r) => r.minute!)),
  });

  it('gives the same bytes as packing the rows, with ids and minutes', () => {
    const random = new Random('point-pack-columns');
    const next = () => random.next();
    let id = 0;
    const many: PointRow[] = Array.from({ length: 2000 }, () => ({
      lon: 13.5 + next(),
      lat: 56.9 + next() / 2,
      category: Math.floor(next() * 3),
      day: 19_000 + Math.floor(next() * 800),
      minute: Math.floor(next() * 1440),
      id: (id += 1 + Math.floor(next() * (next() < 0.01 ? 2 ** 20 : 40))),
    }));
    expect(packPointColumns(columnsOf(many), categories, { truncated: true })).toEqual(packPoints(many, categories, { truncated: true }));
  });

  it('gives the same bytes as packing the rows, without ids and minutes, and for no points', () => {
    expect(packPointColumns(columnsOf(rows), categories)).toEqual(packPoints(rows, categories));
    expect(packPointColumns(columnsOf([]), categories)).toEqual(packPoints([], categories));
  });

  it('refuses ids out of order and categories outside the table', () => {
    const withIds = rows.map((r, i) => ({ ...r, id: [8, 7, 9][i] }));
    expect(() => packPointColumns(columnsOf(withIds), categories)).toThrow(/ascending/);
    expect(() => packPointColumns(columnsOf(rows), ['assault'])).toThrow(/category index/);
  });
});
