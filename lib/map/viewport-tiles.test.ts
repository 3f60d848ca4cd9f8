import { describe, expect, it } from 'vitest';
import { EXACT_CELL_SIZES_M, LruCache, STREET_ZOOM, TILE_ZOOM, latToTileY, lonToTileX, mapModeFor, tileBbox, tileKey, tilesForBounds } from './viewport-tiles';

describe('mapModeFor', () => {
  it('asks for points from street zoom on, and for an aggregate below it', () => {
    expect(mapModeFor(STREET_ZOOM)).toEqual({ kind: 'points' });
    expect(mapModeFor(STREET_ZOOM + 4.5)).toEqual({ kind: 'points' });
    expect(mapModeFor(STREET_ZOOM - 0.01).kind).toBe('aggregate');
  });

  it('halves the hexagon per zoom level from the municipality to a district', () => {
    expect(mapModeFor(5)).toEqual({ kind: 'aggregate', cellSizeM: 1000 });
    expect(mapModeFor(9.6)).toEqual({ kind: 'aggregate', cellSizeM: 1000 });
    expect(mapModeFor(10)).toEqual({ kind: 'aggregate', cellSizeM: 500 });
    expect(mapModeFor(11.2)).toEqual({ kind: 'aggregate', cellSizeM: 250 });
    expect(mapModeFor(12.99)).toEqual({ kind: 'aggregate', cellSizeM: 125 });
    expect(EXACT_CELL_SIZES_M).toEqual([1000, 500, 250, 125]);
  });
});

describe('tile math', () => {
  it('numbers tiles as the slippy-map scheme does (Värnamo at z13)', () => {
    // Reference: x = floor((lon + 180) / 360 · 2^z), y = floor((1 − asinh(tan φ) / π) / 2 · 2^z).
    const lon = 14.0464;
    const lat = 57.1857;
    expect(lonToTileX(lon, 13)).toBe(Math.floor(((lon + 180) / 360) * 8192));
    expect(latToTileY(lat, 13)).toBe(Math.floor(((1 - Math.asinh(Math.tan((lat * Math.PI) / 180)) / Math.PI) / 2) * 8192));
    expect([lonToTileX(0, 1), latToTileY(0.001, 1), latToTileY(-0.001, 1)]).toEqual([1, 0, 1]);
  });

  it("a tile's bbox contains the point it was computed from, and its neighbours share edges exactly", () => {
    const t = { z: 13, x: lonToTileX(14.0464, 13), y: latToTileY(57.1857, 13) };
    const [w, s, e, n] = tileBbox(t);
    expect(w).toBeLessThanOrEqual(14.0464);
    expect(e).toBeGreaterThan(14.0464);
    expect(s).toBeLessThanOrEqual(57.1857);
    expect(n).toBeGreaterThan(57.1857);
    expect(tileBbox({ ...t, x: t.x + 1 })[0]).toBe(e);
    expect(tileBbox({ ...t, y: t.y + 1 })[3]).toBe(s);
    // About 2.7 km wide at 57° N.
    expect((e - w) * 111.32 * Math.cos((57.18 * Math.PI) / 180)).toBeCloseTo(2.66, 1);
    expect(tileKey(t)).toBe(`13/${t.x}/${t.y}`);
  });

  it('covers a box with every tile it touches, nearest the centre first', () => {
    const a = tileBbox({ z: TILE_ZOOM, x: 4415, y: 2540 });
    const b = tileBbox({ z: TILE_ZOOM, x: 4417, y: 2541 });
    // From inside the north-west tile to inside the south-east one: 3 × 2 tiles.
    const tiles = tilesForBounds([a[0] + 0.001, b[1] + 0.001, b[2] - 0.001, a[3] - 0.001]);
    expect(tiles).toHaveLength(6);
    expect(new Set(tiles.map(tileKey))).toEqual(new Set(['13/4415/2540', '13/4416/2540', '13/4417/2540', '13/4415/2541', '13/4416/2541', '13/4417/2541']));
    expect(tiles.slice(0, 2).map((t) => t.x)).toEqual([4416, 4416]);
  });

  it('the same view moved inside its tiles asks for the same tiles (requests repeat across pans)', () => {
    const view = [14.02, 57.17, 14.07, 57.2] as const;
    const moved = [14.021, 57.1705, 14.0705, 57.2005] as const;
    expect(tilesForBounds(moved).map(tileKey).sort()).toEqual(tilesForBounds(view).map(tileKey).sort());
  });
});

describe('LruCache', () => {
  it('drops the least recently used entry beyond its capacity', () => {
    const c = new LruCache<number>(2);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('a')).toBe(1);
    c.set('c', 3);
    expect([c.has('a'), c.has('b'), c.has('c'), c.size]).toEqual([true, false, true, 2]);
  });
});
