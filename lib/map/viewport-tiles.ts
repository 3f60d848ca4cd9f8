// How the staff map asks for incidents at a given zoom (DESIGN.md §5): below street zoom one server
// aggregate of the whole municipality (hexagon counts, cell size by zoom level); at street zoom exact
// points by viewport, requested as fixed Web Mercator tiles so the same bboxes repeat across pans and
// users (the server's cache and the browser's tile cache both key on them). Pure: no DOM, no clock.

/**
 * Map zoom (MapLibre, 512-px tiles) from which points load. At zoom 13 one screen pixel is about 5 m at
 * Swedish latitudes, so a 1280 × 800 viewport is ≈6.7 × 4.2 km. The densest data we plan for (1M
 * synthetic incidents over 20 × 20 km, ≈500 per km² and year) then puts ≈14k points of a year in view
 * and at most ≈42k in the 6–12 tiles around it: under the 50k-point viewport that is the design's upper
 * bound (≈300 kB gzipped; drawn at interactive rates on a laptop's GPU). A full-HD screen can reach ≈70k
 * in its tiles in that worst case. One zoom lower the same view holds four times as many, so below this
 * the map shows server aggregates instead.
 */
export const STREET_ZOOM = 13;

/**
 * Zoom of the tiles points are requested by (XYZ numbering, 2^z tiles across the world). Equal to
 * STREET_ZOOM so a tile is one 512-px square on screen at the threshold: a laptop viewport needs 6–12
 * tiles, fewer when zoomed further in, and each tile (≈2.7 × 2.7 km at 57° N) is a small, cacheable
 * request. Fixed, whatever the map's zoom: zooming in reuses the tiles already loaded.
 */
export const TILE_ZOOM = 13;

/** Loaded tiles kept per filter in the browser (oldest dropped first): about four screens' worth. */
export const TILE_CACHE_SIZE = 64;

/**
 * Hexagon edge (metres, as ST_HexagonGrid's size) of the exact aggregate from a zoom level upwards.
 * Halving the edge per zoom keeps a hexagon about 12 px wide on screen from the municipality (≈zoom 9)
 * to a district (zoom 12). 500 m at zoom 10 is the council's grid (lib/map/hex-aggregates.ts).
 */
export const EXACT_CELL_LEVELS: readonly { minZoom: number; cellSizeM: number }[] = [
  { minZoom: -Infinity, cellSizeM: 1000 },
  { minZoom: 10, cellSizeM: 500 },
  { minZoom: 11, cellSizeM: 250 },
  { minZoom: 12, cellSizeM: 125 },
];

/** The hexagon edges a client may ask the exact aggregate for. */
export const EXACT_CELL_SIZES_M = EXACT_CELL_LEVELS.map((l) => l.cellSizeM);

export type MapMode = { kind: 'aggregate'; cellSizeM: number } | { kind: 'points' };

/** What the map loads at this zoom: an aggregate (with its cell size) below STREET_ZOOM, points from it. */
export function mapModeFor(zoom: number): MapMode {
  if (zoom >= STREET_ZOOM) return { kind: 'points' };
  let cellSizeM = EXACT_CELL_LEVELS[0].cellSizeM;
  for (const level of EXACT_CELL_LEVELS) if (zoom >= level.minZoom) cellSizeM = level.cellSizeM;
  return { kind: 'aggregate', cellSizeM };
}

export interface Tile {
  z: number;
  x: number;
  y: number;
}

/** Web Mercator's latitude limit: tiles span ±85.0511°. */
const MAX_LAT = 85.0511287798066;

function clampLat(lat: number): number {
  return Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
}

/** Tile column of a longitude at zoom z (XYZ / slippy-map numbering). */
export function lonToTileX(lon: number, z: number): number {
  const n = 2 ** z;
  return Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)));
}

/** Tile row of a latitude at zoom z (row 0 at the north edge). */
export function latToTileY(lat: number, z: number): number {
  const n = 2 ** z;
  const r = (clampLat(lat) * Math.PI) / 180;
  return Math.min(n - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)));
}

function tileXToLon(x: number, z: number): number {
  return (x / 2 ** z) * 360 - 180;
}

function tileYToLat(y: number, z: number): number {
  const n = Math.PI - (2 * Math.PI * y) / 2 ** z;
  return (180 / Math.PI) * Math.atan(Math.sinh(n));
}

/** [west, south, east, north] of a tile in WGS84, rounded to 1e-7° so every client sends the same text. */
export function tileBbox(t: Tile): [number, number, number, number] {
  const r = (v: number) => Math.round(v * 1e7) / 1e7;
  return [r(tileXToLon(t.x, t.z)), r(tileYToLat(t.y + 1, t.z)), r(tileXToLon(t.x + 1, t.z)), r(tileYToLat(t.y, t.z))];
}

export function tileKey(t: Tile): string {
  return `${t.z}/${t.x}/${t.y}`;
}

/**
 * The tiles at zoom z covering a [west, south, east, north] box, row by row from the north-west, the
 * ones nearest the box's centre first (they are fetched first and draw first).
 */
export function tilesForBounds(bounds: readonly [number, number, number, number], z = TILE_ZOOM): Tile[] {
  const [w, s, e, n] = bounds;
  const x0 = lonToTileX(w, z);
  const x1 = lonToTileX(e, z);
  const y0 = latToTileY(n, z);
  const y1 = latToTileY(s, z);
  const out: Tile[] = [];
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) out.push({ z, x, y });
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const dist = (t: Tile) => (t.x - cx) ** 2 + (t.y - cy) ** 2;
  return out.sort((a, b) => dist(a) - dist(b) || a.y - b.y || a.x - b.x);
}

/**
 * A small least-recently-used store of loaded tiles (or aggregates) for one filter: `get` refreshes an
 * entry, `set` drops the oldest beyond `capacity`. Keys of a different filter never share a cache.
 */
export class LruCache<V> {
  private readonly entries = new Map<string, V>();
  constructor(readonly capacity: number) {}

  get(key: string): V | undefined {
    const v = this.entries.get(key);
    if (v !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}
