import { describe, expect, it } from 'vitest';
import { mergePointPacks } from './merge-point-packs';
import { packPoints, unpackPoints } from './point-pack';

const pack = (rows: { lon: number; lat: number; category: number; day: number; id?: number; minute?: number }[], categories: string[], truncated = false) =>
  unpackPoints(packPoints(rows, categories, { truncated }));

describe('mergePointPacks', () => {
  it('concatenates the tiles’ points in order, with every per-point array', () => {
    const a = pack([{ lon: 14, lat: 57, category: 0, day: 20000 }], ['theft', 'burglary_home']);
    const b = pack(
      [
        { lon: 14.1, lat: 57.1, category: 1, day: 20001 },
        { lon: 14.2, lat: 57.2, category: 0, day: 20002 },
      ],
      ['theft', 'burglary_home'],
    );
    const m = mergePointPacks([a, b]);
    expect(m.count).toBe(3);
    expect(m.truncated).toBe(false);
    expect(Array.from(m.positions)).toEqual(Array.from(new Float32Array([14, 57, 14.1, 57.1, 14.2, 57.2])));
    expect(Array.from(m.days)).toEqual([20000, 20001, 20002]);
    expect(Array.from(m.categoryIndex)).toEqual([0, 1, 0]);
    expect(m.categories).toEqual(['theft', 'burglary_home']);
  });

  it('re-indexes a tile whose category table differs, and says truncated when any tile was', () => {
    const a = pack([{ lon: 14, lat: 57, category: 0, day: 1 }], ['theft']);
    const b = pack([{ lon: 14, lat: 57, category: 0, day: 2 }], ['vandalism_graffiti'], true);
    const m = mergePointPacks([a, b]);
    expect(m.categories).toEqual(['theft', 'vandalism_graffiti']);
    expect(Array.from(m.categoryIndex)).toEqual([0, 1]);
    expect(m.truncated).toBe(true);
  });

  it('keeps ids and minutes when every tile has them, and drops them when one has none', () => {
    const a = pack([{ lon: 14, lat: 57, category: 0, day: 1, id: 5, minute: 60 }], ['theft']);
    const b = pack([{ lon: 14, lat: 57, category: 0, day: 2, id: 3, minute: 90 }], ['theft']);
    const m = mergePointPacks([a, b]);
    expect(Array.from(m.ids!)).toEqual([5, 3]);
    expect(Array.from(m.minutes!)).toEqual([60, 90]);
    const old = pack([{ lon: 14, lat: 57, category: 0, day: 2 }], ['theft']);
    const n = mergePointPacks([a, old]);
    expect([n.count, n.ids, n.minutes]).toEqual([2, null, null]);
  });

  it('no tiles make an empty pack', () => {
    const m = mergePointPacks([]);
    expect([m.count, m.positions.length, m.days.length, m.categoryIndex.length]).toEqual([0, 0, 0, 0]);
  });
});
