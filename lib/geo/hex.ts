// Flat-topped hexagon grid numbered exactly as PostGIS ST_HexagonGrid(size, bounds) numbers it
// (postgis/lwgeom_hexagon.c): size = edge length, origin (0, 0), centre of (i, j) at
// x = 1.5·size·i, y = √3·size·(j + 0.5·(|i| mod 2)); odd columns are shifted up half a row.

const SQRT3 = Math.sqrt(3);

export interface HexCellIndex {
  i: number;
  j: number;
}

/** Centre of hexagon (i, j) as ST_HexagonGrid / ST_Hexagon place it. */
export function getHexCellCentre(i: number, j: number, size: number): [number, number] {
  return [1.5 * size * i, SQRT3 * size * (j + 0.5 * (Math.abs(i) % 2))];
}

/** Polygon ring of hexagon (i, j), vertex order as PostGIS builds it (closed). */
export function getHexCellRing(i: number, j: number, size: number): [number, number][] {
  const hx = [-1, -0.5, 0.5, 1, 0.5, -0.5, -1];
  const hy = [0, -0.5, -0.5, 0, 0.5, 0.5, 0];
  const height = size * SQRT3;
  const off = 0.5 * (Math.abs(i) % 2);
  return hx.map((dx, k) => [size * (1.5 * i + dx), height * (j + off + hy[k])]);
}

function nearestRow(y: number, i: number, height: number): number {
  return Math.round(y / height - 0.5 * (Math.abs(i) % 2));
}

/**
 * Hexagon (i, j) containing (x, y), by arithmetic: the containing hexagon is the one with the nearest
 * centre, and it lies in column floor(x / 1.5s) or the next one. Points exactly on an edge go to the
 * lower column / nearest-rounded row (PostGIS's ST_Intersects would count them in both).
 */
export function getHexCellIndex(x: number, y: number, size: number): HexCellIndex {
  const height = size * SQRT3;
  const colWidth = 1.5 * size;
  const i0 = Math.floor(x / colWidth);
  const j0 = nearestRow(y, i0, height);
  const i1 = i0 + 1;
  const j1 = nearestRow(y, i1, height);
  const [x0, y0] = getHexCellCentre(i0, j0, size);
  const [x1, y1] = getHexCellCentre(i1, j1, size);
  const d0 = (x - x0) ** 2 + (y - y0) ** 2;
  const d1 = (x - x1) ** 2 + (y - y1) ** 2;
  return d1 < d0 ? { i: i1, j: j1 } : { i: i0, j: j0 };
}

export interface HexGridRange {
  size: number;
  columnMin: number;
  columnMax: number;
  rowMinEven: number;
  rowMaxEven: number;
  rowMinOdd: number;
  rowMaxOdd: number;
}

/** Index ranges ST_HexagonGrid(size, bounds) iterates for a bounding box (lwgeom_hexagon.c, hexagon_grid_state). */
export function getHexGridRange(xmin: number, ymin: number, xmax: number, ymax: number, size: number): HexGridRange {
  if (!(size > 0)) throw new RangeError('hexagon size must be positive');
  const colWidth = 1.5 * size;
  const rowHeight = size * SQRT3;
  let columnMin = Math.floor(xmin / colWidth);
  if (xmin - columnMin * colWidth > size) columnMin += 1;
  let columnMax = Math.ceil(xmax / colWidth);
  if (columnMax * colWidth - xmax > size) columnMax -= 1;
  return {
    size,
    columnMin,
    columnMax,
    rowMinEven: Math.floor(ymin / rowHeight + 0.5),
    rowMaxEven: Math.floor(ymax / rowHeight + 0.5),
    rowMinOdd: Math.floor(ymin / rowHeight),
    rowMaxOdd: Math.floor(ymax / rowHeight),
  };
}

/** All (i, j) that ST_HexagonGrid(size, bounds) returns for a box, in its order (column by column, rows upward). */
export function listHexCells(range: HexGridRange): HexCellIndex[] {
  const out: HexCellIndex[] = [];
  for (let i = range.columnMin; i <= range.columnMax; i += 1) {
    const odd = Math.abs(i) % 2 === 1;
    const jMin = odd ? range.rowMinOdd : range.rowMinEven;
    const jMax = odd ? range.rowMaxOdd : range.rowMaxEven;
    for (let j = jMin; j <= jMax; j += 1) out.push({ i, j });
  }
  return out;
}

export interface HexGridCounts {
  size: number;
  i: Int32Array;
  j: Int32Array;
  counts: Float64Array;
  cx: Float64Array;
  cy: Float64Array;
  /** With `withCellOfPoint`: the cell (index into i, j, counts) of each point, for per-period counts without re-binning. */
  cellOfPoint?: Int32Array;
}

/**
 * Counts points per hexagon over every hexagon ST_HexagonGrid returns for the points' bounding box
 * (zero-count cells included), arithmetically: binning 1M points needs no spatial join.
 */
export function binPointsToHexGrid(xs: ArrayLike<number>, ys: ArrayLike<number>, size: number, options: { withCellOfPoint?: boolean } = {}): HexGridCounts {
  if (xs.length === 0) throw new RangeError('no points');
  let xmin = Infinity;
  let ymin = Infinity;
  let xmax = -Infinity;
  let ymax = -Infinity;
  for (let k = 0; k < xs.length; k += 1) {
    if (xs[k] < xmin) xmin = xs[k];
    if (xs[k] > xmax) xmax = xs[k];
    if (ys[k] < ymin) ymin = ys[k];
    if (ys[k] > ymax) ymax = ys[k];
  }
  const range = getHexGridRange(xmin, ymin, xmax, ymax, size);
  const cells = listHexCells(range);
  // Dense lookup: column offset × row offset, rows spanning both parities' ranges.
  const rowLo = Math.min(range.rowMinEven, range.rowMinOdd);
  const rowHi = Math.max(range.rowMaxEven, range.rowMaxOdd);
  const nRows = rowHi - rowLo + 1;
  const nCols = range.columnMax - range.columnMin + 1;
  const slot = new Int32Array(nRows * nCols).fill(-1);
  const n = cells.length;
  const iArr = new Int32Array(n);
  const jArr = new Int32Array(n);
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  cells.forEach((c, k) => {
    iArr[k] = c.i;
    jArr[k] = c.j;
    const [x, y] = getHexCellCentre(c.i, c.j, size);
    cx[k] = x;
    cy[k] = y;
    slot[(c.i - range.columnMin) * nRows + (c.j - rowLo)] = k;
  });
  const counts = new Float64Array(n);
  const cellOfPoint = options.withCellOfPoint ? new Int32Array(xs.length).fill(-1) : undefined;
  const height = size * SQRT3;
  const colWidth = 1.5 * size;
  for (let k = 0; k < xs.length; k += 1) {
    const x = xs[k];
    const y = ys[k];
    // Inlined getHexCellIndex for speed on millions of points.
    const i0 = Math.floor(x / colWidth);
    const p0 = i0 & 1;
    const j0 = Math.round(y / height - 0.5 * p0);
    const j1 = Math.round(y / height - 0.5 * (1 - p0));
    const dx0 = x - colWidth * i0;
    const dy0 = y - height * (j0 + 0.5 * p0);
    const dx1 = dx0 - colWidth;
    const dy1 = y - height * (j1 + 0.5 * (1 - p0));
    let ci = i0;
    let cj = j0;
    if (dx1 * dx1 + dy1 * dy1 < dx0 * dx0 + dy0 * dy0) {
      ci = i0 + 1;
      cj = j1;
    }
    const col = ci - range.columnMin;
    const row = cj - rowLo;
    if (col < 0 || col >= nCols || row < 0 || row >= nRows) continue;
    const s = slot[col * nRows + row];
    if (s >= 0) {
      counts[s] += 1;
      if (cellOfPoint) cellOfPoint[k] = s;
    }
  }
  return { size, i: iArr, j: jArr, counts, cx, cy, ...(cellOfPoint ? { cellOfPoint } : {}) };
}
