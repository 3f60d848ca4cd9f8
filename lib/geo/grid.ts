// Square grid anchored at the CRS origin: cell (ix, iy) covers [ix·s, (ix+1)·s) × [iy·s, (iy+1)·s).
// Anchoring at the origin (not at the data) keeps cells identical across runs and periods.

export interface SquareCellIndex {
  ix: number;
  iy: number;
}

export interface SquareGridExtent {
  cellSize: number;
  ixMin: number;
  iyMin: number;
  /** Number of columns (ix from ixMin to ixMin + nx − 1). */
  nx: number;
  /** Number of rows. */
  ny: number;
}

/** Square cell index of a point: ix = floor(x/s), iy = floor(y/s) (METHODS.md, Grids). */
export function getSquareCellIndex(x: number, y: number, cellSize: number): SquareCellIndex {
  return { ix: Math.floor(x / cellSize), iy: Math.floor(y / cellSize) };
}

/** Centre ((ix + 0.5)s, (iy + 0.5)s) of square cell (ix, iy). */
export function getSquareCellCentre(ix: number, iy: number, cellSize: number): [number, number] {
  return [(ix + 0.5) * cellSize, (iy + 0.5) * cellSize];
}

/** Polygon ring (counter-clockwise, closed) of square cell (ix, iy). */
export function getSquareCellRing(ix: number, iy: number, cellSize: number): [number, number][] {
  const x0 = ix * cellSize;
  const y0 = iy * cellSize;
  const x1 = (ix + 1) * cellSize;
  const y1 = (iy + 1) * cellSize;
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
}

/** The full rectangle of cell indices the points span (zero-count cells included). Throws on no points. */
export function getSquareGridExtent(xs: ArrayLike<number>, ys: ArrayLike<number>, cellSize: number): SquareGridExtent {
  if (!(cellSize > 0)) throw new RangeError('cell size must be positive');
  if (xs.length === 0) throw new RangeError('no points');
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let k = 0; k < xs.length; k += 1) {
    const x = xs[k];
    const y = ys[k];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const ixMin = Math.floor(minX / cellSize);
  const iyMin = Math.floor(minY / cellSize);
  return { cellSize, ixMin, iyMin, nx: Math.floor(maxX / cellSize) - ixMin + 1, ny: Math.floor(maxY / cellSize) - iyMin + 1 };
}

export interface SquareGridCounts extends SquareGridExtent {
  /** Counts in row-major order: cell (ixMin + c, iyMin + r) at index r·nx + c. */
  counts: Float64Array;
  /** Cell centres, same order. */
  cx: Float64Array;
  cy: Float64Array;
}

/** Counts points per square cell over the full rectangle the points span, arithmetically (no spatial join). */
export function binPointsToSquareGrid(xs: ArrayLike<number>, ys: ArrayLike<number>, cellSize: number, extent?: SquareGridExtent): SquareGridCounts {
  const e = extent ?? getSquareGridExtent(xs, ys, cellSize);
  const n = e.nx * e.ny;
  const counts = new Float64Array(n);
  for (let k = 0; k < xs.length; k += 1) {
    const c = Math.floor(xs[k] / cellSize) - e.ixMin;
    const r = Math.floor(ys[k] / cellSize) - e.iyMin;
    if (c >= 0 && c < e.nx && r >= 0 && r < e.ny) counts[r * e.nx + c] += 1;
  }
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  for (let r = 0; r < e.ny; r += 1) {
    for (let c = 0; c < e.nx; c += 1) {
      cx[r * e.nx + c] = (e.ixMin + c + 0.5) * cellSize;
      cy[r * e.nx + c] = (e.iyMin + r + 0.5) * cellSize;
    }
  }
  return { ...e, counts, cx, cy };
}
