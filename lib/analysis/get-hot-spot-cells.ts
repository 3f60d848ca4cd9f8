import { giStarWithNeighbours } from '@/lib/analysis/gi-star';
import { buildDistanceBandNeighbours } from '@/lib/analysis/distance-band-neighbours';
import { MIN_INCIDENTS } from '@/lib/analysis/default-parameters';
import { getSignificanceBins } from '@/lib/analysis/significance-bins';
import { binPointsToSquareGrid } from '@/lib/geo/grid';
import { binPointsToHexGrid } from '@/lib/geo/hex';

export interface HotSpotCellsOptions {
  grid: 'square' | 'hex';
  /** Square side or hexagon edge (as ST_HexagonGrid), planar units. */
  cellSize: number;
  band: number;
  fdr?: boolean;
}

export interface HotSpotCell {
  /** Square: ix, iy; hex: i, j as ST_HexagonGrid numbers them. */
  a: number;
  b: number;
  count: number;
  z: number;
  p: number;
  bin: number;
}

export type HotSpotCellsResult =
  | { ok: true; cells: HotSpotCell[]; warnings: string[] }
  | { ok: false; reason: 'zero-variance' | 'too-few-cells' | 'no-points'; message: string };

/**
 * Gi* hot and cold spots from raw points: arithmetic binning over the full study rectangle (square) or every
 * hexagon ST_HexagonGrid returns for the points' bounding box (hex), Gi* with a distance band, ArcGIS bins.
 * Source: METHODS.md "Grids" and "Getis-Ord Gi*"; Ord & Getis (1995); Benjamini & Hochberg (1995).
 */
export function getHotSpotCells(x: ArrayLike<number>, y: ArrayLike<number>, options: HotSpotCellsOptions): HotSpotCellsResult {
  if (x.length === 0) return { ok: false, reason: 'no-points', message: 'There are no incidents to analyse.' };
  const warnings: string[] = [];
  if (x.length < MIN_INCIDENTS) warnings.push(`Only ${x.length} incidents: hot-spot statistics need at least ${MIN_INCIDENTS} to mean much.`);
  let a: ArrayLike<number>;
  let b: ArrayLike<number>;
  let grid: { cx: ArrayLike<number>; cy: ArrayLike<number>; counts: Float64Array };
  if (options.grid === 'square') {
    const g = binPointsToSquareGrid(x, y, options.cellSize);
    a = Array.from(g.counts, (_, k) => g.ixMin + (k % g.nx));
    b = Array.from(g.counts, (_, k) => g.iyMin + Math.floor(k / g.nx));
    grid = g;
  } else {
    const g = binPointsToHexGrid(x, y, options.cellSize);
    a = g.i;
    b = g.j;
    grid = g;
  }
  const r = giStarWithNeighbours(grid.counts, buildDistanceBandNeighbours(grid.cx, grid.cy, options.band));
  if (!r.ok) return r;
  const bins = getSignificanceBins(r.z, r.p, { fdr: options.fdr ?? true });
  const cells = Array.from(grid.counts, (count, k) => ({ a: a[k], b: b[k], count, z: r.z[k], p: r.p[k], bin: bins[k] }));
  return { ok: true, cells, warnings };
}
