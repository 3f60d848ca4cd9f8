// The incident grid of SQL's incident_grid_cell (db/migrations/20261129T0100-incident-grid-cell.ts) on
// the query side: cells of 0.01° of longitude × 0.005° of latitude, numbered
// (floor(lon·100) + 18000) · 36001 + (floor(lat·200) + 18000), each part clamped to ±18000. The same
// float8 products and floors as PostgreSQL's, so a point gets the same cell here and there.

const LON_CELLS_PER_DEGREE = 100;
const LAT_CELLS_PER_DEGREE = 200;
const HALF_RANGE = 18_000;
const ROW_STRIDE = 2 * HALF_RANGE + 1;
/** A bbox touching more cells than this is scanned by time instead (each cell costs an index descent). */
export const MAX_BBOX_GRID_CELLS = 4096;

const clamp = (v: number) => Math.min(Math.max(v, -HALF_RANGE), HALF_RANGE);

/** The cell of a WGS84 point, as incident_grid_cell(geom) gives it. */
export function getIncidentGridCell(lon: number, lat: number): number {
  return (clamp(Math.floor(lon * LON_CELLS_PER_DEGREE)) + HALF_RANGE) * ROW_STRIDE + (clamp(Math.floor(lat * LAT_CELLS_PER_DEGREE)) + HALF_RANGE);
}

/**
 * Widened by a few float4 steps: PostGIS's `&&` compares boxes rounded outward to float4, so it can
 * accept a point up to two float4 steps (each at most 2⁻²³ of the value) outside the bbox; the cells
 * must cover those too.
 */
const widen = (v: number, direction: -1 | 1) => v + direction * (Math.abs(v) * 2 ** -21 + 2 ** -100);

/**
 * The cells covering every point that `geom && ST_MakeEnvelope(bbox)` accepts, ascending; null when
 * they are more than `max`. They only narrow an index scan: the bbox test stays the exact filter.
 */
export function listBboxIncidentGridCells(bbox: readonly [number, number, number, number], max = MAX_BBOX_GRID_CELLS): number[] | null {
  const [west, south, east, north] = bbox;
  const x0 = clamp(Math.floor(widen(west, -1) * LON_CELLS_PER_DEGREE));
  const x1 = clamp(Math.floor(widen(east, 1) * LON_CELLS_PER_DEGREE));
  const y0 = clamp(Math.floor(widen(south, -1) * LAT_CELLS_PER_DEGREE));
  const y1 = clamp(Math.floor(widen(north, 1) * LAT_CELLS_PER_DEGREE));
  if (!(x1 >= x0 && y1 >= y0) || (x1 - x0 + 1) * (y1 - y0 + 1) > max) return null;
  const cells: number[] = [];
  for (let x = x0; x <= x1; x++) {
    for (let y = y0; y <= y1; y++) cells.push((x + HALF_RANGE) * ROW_STRIDE + (y + HALF_RANGE));
  }
  return cells;
}
