// Coordinates of imported rows: WGS84 degrees (EPSG:4326) or SWEREF 99 TM metres (EPSG:3006), told
// apart by their value ranges (DESIGN.md §4) unless the user says which. Pure.
import { projectSweref99tmToWgs84 } from '@/lib/geo/crs';

export const IMPORT_CRS = ['EPSG:4326', 'EPSG:3006'] as const;
export type ImportCrs = (typeof IMPORT_CRS)[number];

// Sweden with a margin: EPSG:3006's area of use (lon 10.03–24.17, lat 54.96–69.07) and its metres.
const SWEDEN_WGS84 = { west: 10.0, south: 54.9, east: 24.2, north: 69.1 };
const SWEDEN_SWEREF = { west: 180_000, south: 6_050_000, east: 1_090_000, north: 7_700_000 };

function inWgs84(x: number, y: number): boolean {
  return x >= SWEDEN_WGS84.west && x <= SWEDEN_WGS84.east && y >= SWEDEN_WGS84.south && y <= SWEDEN_WGS84.north;
}

function inSweref(x: number, y: number): boolean {
  return x >= SWEDEN_SWEREF.west && x <= SWEDEN_SWEREF.east && y >= SWEDEN_SWEREF.south && y <= SWEDEN_SWEREF.north;
}

/**
 * The CRS most of the pairs (x = east/longitude, y = north/latitude) fall in Sweden in; null when
 * none does. A few bad rows cannot flip it: they are reported as rows outside Sweden instead.
 */
export function detectCrs(pairs: Iterable<readonly [number, number]>): ImportCrs | null {
  let wgs = 0;
  let sweref = 0;
  for (const [x, y] of pairs) {
    if (inWgs84(x, y)) wgs++;
    else if (inSweref(x, y)) sweref++;
  }
  if (wgs === 0 && sweref === 0) return null;
  return wgs >= sweref ? 'EPSG:4326' : 'EPSG:3006';
}

export type ToWgs84Result = { ok: true; lon: number; lat: number } | { ok: false; message: string };

/** [lon, lat] in WGS84 of a pair in `crs`, or why it cannot be a place in Sweden. */
export function toWgs84(x: number, y: number, crs: ImportCrs): ToWgs84Result {
  if (crs === 'EPSG:4326') {
    if (inWgs84(x, y)) return { ok: true, lon: x, lat: y };
    if (inWgs84(y, x)) return { ok: false, message: `longitude ${x}, latitude ${y} is outside Sweden: are latitude and longitude swapped?` };
    if (inSweref(x, y)) return { ok: false, message: `${x}, ${y} look like SWEREF 99 TM metres, not degrees (choose EPSG:3006)` };
    return { ok: false, message: `longitude ${x}, latitude ${y} is outside Sweden (WGS84 degrees expected)` };
  }
  if (inSweref(x, y)) {
    const [lon, lat] = projectSweref99tmToWgs84(x, y);
    return { ok: true, lon, lat };
  }
  if (inSweref(y, x)) return { ok: false, message: `x ${x}, y ${y} is outside Sweden: are x (east) and y (north) swapped?` };
  if (inWgs84(x, y)) return { ok: false, message: `${x}, ${y} look like WGS84 degrees, not SWEREF 99 TM metres (choose EPSG:4326)` };
  return { ok: false, message: `x ${x}, y ${y} is outside Sweden (SWEREF 99 TM metres expected)` };
}
