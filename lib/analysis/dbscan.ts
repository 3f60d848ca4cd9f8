// Grid-indexed DBSCAN on typed arrays: points sorted into grid rows of eps/4 (by x within a row), so that a
// neighbourhood is counted mostly from positions in those rows and only the points near the circle's edge are
// tested one by one. Runs without a database and reports progress (see dbscan.worker.ts).

export interface DbscanOptions {
  eps: number;
  /** Minimum |N(p)| for a core point, p itself included (as PostGIS, R dbscan ≥ 1.0 and scikit-learn count). */
  minPoints: number;
  /** Called with a fraction in 0..1 now and then (about every 1 % of the work). */
  onProgress?: (fraction: number) => void;
}

export interface DbscanResult {
  /** Cluster number per input point, −1 for noise; clusters numbered 0, 1, … by their lowest input index. */
  labels: Int32Array;
  /** 1 for core points. */
  core: Uint8Array;
  clusterCount: number;
  /** Mean |N(p)| − 1 (neighbours within eps, p excluded). */
  meanNeighbours: number;
  /** True when the mean number of neighbours exceeds HIGH_DENSITY_NEIGHBOURS: nearly every point is core. */
  highDensity: boolean;
}

/** Above this mean number of neighbours within eps DBSCAN degenerates into "everything is one cluster" (METHODS.md). */
export const HIGH_DENSITY_NEIGHBOURS = 50;

/** Grid rows per eps: finer rows leave fewer pairs to test one by one but cost more row visits (4 measured best). */
const ROWS_PER_EPS = 4;
/** Cells of the dense grid at most (coarser cells beyond, for points spread far wider than eps). */
const MAX_CELLS = 4_000_000;

/**
 * Points sorted into a dense row-major grid of square cells, and by x within each cell: every grid row is then
 * one run of points sorted by x (the cell column floor((x − minX)/side) never decreases with x), and the first
 * point at or right of any x in a row is found by looking only inside the cell that x falls in.
 */
export interface RowIndex {
  /** Input index of each sorted position. */
  order: Int32Array;
  /** Coordinates in sorted order. */
  sx: Float64Array;
  sy: Float64Array;
  /** Grid row of each sorted position. */
  rowOf: Int32Array;
  /** Cell k = row · nx + column holds sorted positions cellStart[k] .. cellStart[k + 1]. */
  cellStart: Int32Array;
  nx: number;
  ny: number;
  minX: number;
  minY: number;
  side: number;
  /** Widening (metres) that covers the rounding in cell assignment and coordinates. */
  margin: number;
}

/**
 * The row index of the points for radius eps. With `shared`, the arrays a counting helper thread reads (sx, sy,
 * rowOf, cellStart) live in SharedArrayBuffers, so that posting the index to it copies nothing.
 */
export function buildRowIndex(x: Float64Array, y: Float64Array, eps: number, shared = false): RowIndex {
  const n = x.length;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i += 1) {
    if (x[i] < minX) minX = x[i];
    if (x[i] > maxX) maxX = x[i];
    if (y[i] < minY) minY = y[i];
    if (y[i] > maxY) maxY = y[i];
  }
  let side = eps / ROWS_PER_EPS;
  const cellsAt = (s: number) => (Math.floor((maxX - minX) / s) + 1) * (Math.floor((maxY - minY) / s) + 1);
  while (cellsAt(side) > MAX_CELLS) side *= 2;
  const nx = Math.floor((maxX - minX) / side) + 1;
  const ny = Math.floor((maxY - minY) / side) + 1;
  const cellOf = new Int32Array(n);
  const int32 = (len: number) => (shared ? new Int32Array(new SharedArrayBuffer(4 * len)) : new Int32Array(len));
  const float64 = (len: number) => (shared ? new Float64Array(new SharedArrayBuffer(8 * len)) : new Float64Array(len));
  const cellStart = int32(nx * ny + 1);
  for (let i = 0; i < n; i += 1) {
    const k = Math.floor((y[i] - minY) / side) * nx + Math.floor((x[i] - minX) / side);
    cellOf[i] = k;
    cellStart[k + 1] += 1;
  }
  for (let k = 0; k < nx * ny; k += 1) cellStart[k + 1] += cellStart[k];
  const fill = cellStart.slice(0, nx * ny);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i += 1) order[fill[cellOf[i]]++] = i;
  // By x within each cell (ties by input index, so the order depends on the input only).
  const byX = (p: number, q: number) => x[p] - x[q] || p - q;
  for (let k = 0; k < nx * ny; k += 1) {
    const s = cellStart[k];
    const e = cellStart[k + 1];
    if (e - s < 2) continue;
    if (e - s > 32) {
      order.subarray(s, e).sort(byX);
      continue;
    }
    for (let t = s + 1; t < e; t += 1) {
      const v = order[t];
      let u = t - 1;
      while (u >= s && byX(order[u], v) > 0) {
        order[u + 1] = order[u];
        u -= 1;
      }
      order[u + 1] = v;
    }
  }
  const sx = float64(n);
  const sy = float64(n);
  const rowOf = int32(n);
  for (let a = 0; a < n; a += 1) {
    const i = order[a];
    sx[a] = x[i];
    sy[a] = y[i];
    rowOf[a] = Math.floor(cellOf[i] / nx);
  }
  const maxAbs = Math.max(Math.abs(minX), Math.abs(maxX), Math.abs(minY), Math.abs(maxY));
  return { order, sx, sy, rowOf, cellStart, nx, ny, minX, minY, side, margin: 1e-9 * eps + 1e-12 * maxAbs };
}

/** First sorted position in grid row `row` whose x is ≥ v (strict: > v), looking only in the cell of v. */
function searchRow(g: RowIndex, row: number, v: number, strict: boolean): number {
  const base = row * g.nx;
  const col = Math.floor((v - g.minX) / g.side);
  if (col < 0) return g.cellStart[base];
  if (col >= g.nx) return g.cellStart[base + g.nx];
  let lo = g.cellStart[base + col];
  let hi = g.cellStart[base + col + 1];
  const { sx } = g;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (strict ? sx[mid] <= v : sx[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Neighbour counts from the pairs (a, q) with a in lo … hi − 1 and q > a (sorted positions): each pair within
 * eps adds 1 to counts[a] and 1 to q, the latter in `counts[q]` or, for a whole run of positions at once, as +1 at
 * `spans[start]` and −1 at `spans[end]` (a difference array: its running sum is added afterwards). Summed over
 * every a, and with p itself added, this is |N(p)|.
 *
 * Rows are visited from a's own row upwards (row-major positions: rows above hold only larger positions). In a
 * row, the points whose x lies within the circle's chord at the row's far edge are all within eps and are counted
 * by their positions alone; only those between that chord and the chord at the row's near edge are tested one by
 * one, with the same test as everywhere (dx² + dy² ≤ eps², symmetric in the two points). Both chords are
 * narrowed or widened by a margin far above rounding, so the counts equal testing every pair.
 */
function countNeighbourPairs(g: RowIndex, eps: number, counts: Int32Array, spans: Int32Array, lo: number, hi: number): void {
  const { sx, sy, rowOf, ny, minY, side, margin } = g;
  const eps2 = eps * eps;
  const reach = Math.ceil(eps / side) + 1;
  for (let a = lo; a < hi; a += 1) {
    const px = sx[a];
    const py = sy[a];
    const row = rowOf[a];
    let c = 0;
    const r1 = Math.min(ny - 1, row + reach);
    for (let r = row; r <= r1; r += 1) {
      const bottom = minY + r * side;
      const top = bottom + side;
      let vMin = r > row ? bottom - py : 0;
      let vMax = r > row ? top - py : Math.max(py - bottom, top - py);
      vMin -= margin;
      if (vMin < 0) vMin = 0;
      if (vMin > eps) break;
      vMax += margin;
      const outer = Math.sqrt(eps2 - vMin * vMin) + margin;
      let s = searchRow(g, r, px - outer, false);
      const e = searchRow(g, r, px + outer, true);
      if (r === row && s <= a) s = a + 1;
      let inS = e;
      let inE = e;
      if (vMax < eps) {
        const inner = Math.sqrt(eps2 - vMax * vMax) - margin;
        if (inner > 0) {
          inS = searchRow(g, r, px - inner, false);
          inE = searchRow(g, r, px + inner, true);
          if (inS < s) inS = s;
          if (inE < inS) inE = inS;
          c += inE - inS;
          spans[inS] += 1;
          spans[inE] -= 1;
        }
      }
      for (let q = s; q < inS; q += 1) {
        const dx = sx[q] - px;
        const dy = sy[q] - py;
        if (dx * dx + dy * dy <= eps2) {
          c += 1;
          counts[q] += 1;
        }
      }
      for (let q = inE; q < e; q += 1) {
        const dx = sx[q] - px;
        const dy = sy[q] - py;
        if (dx * dx + dy * dy <= eps2) {
          c += 1;
          counts[q] += 1;
        }
      }
    }
    counts[a] += c;
  }
}

/** Positions per block when the counting is shared between threads: blocks alternate between the parts. */
const COUNT_BLOCK = 512;

/** One part's share of the pair counting: counts[a] and the span difference array (see countNeighbourPairs). */
export interface NeighbourPairCounts {
  counts: Int32Array;
  spans: Int32Array;
}

/**
 * The pair counting of blocks part, part + parts, part + 2·parts, … of COUNT_BLOCK sorted positions: parts
 * 0 … parts − 1 together count every pair once, each in arrays of its own (summed by finishDbscan), so that
 * they can run on different threads. Alternating blocks share dense and sparse rows evenly.
 */
export function countDbscanNeighbourPairs(g: RowIndex, eps: number, part = 0, parts = 1, onProgress?: (fraction: number) => void): NeighbourPairCounts {
  const n = g.sx.length;
  const counts = new Int32Array(n);
  const spans = new Int32Array(n + 1);
  const blocks = Math.ceil(n / COUNT_BLOCK);
  const step = Math.max(1, Math.floor(blocks / 100));
  for (let b = part; b < blocks; b += parts) {
    countNeighbourPairs(g, eps, counts, spans, b * COUNT_BLOCK, Math.min(n, (b + 1) * COUNT_BLOCK));
    if (onProgress && b % step === part % step) onProgress(b / blocks);
  }
  return { counts, spans };
}

/**
 * For each non-core sorted position, the lowest input index among the core points within eps, or −1 (few
 * points: a non-core point has fewer than minPoints neighbours).
 */
function findBorderAnchors(g: RowIndex, eps: number, coreS: Uint8Array): Int32Array {
  const { sx, sy, rowOf, ny, minY, side, margin, order } = g;
  const n = sx.length;
  const eps2 = eps * eps;
  const reach = Math.ceil(eps / side) + 1;
  const borderOf = new Int32Array(n).fill(-1);
  for (let a = 0; a < n; a += 1) {
    if (coreS[a] === 1) continue;
    const px = sx[a];
    const py = sy[a];
    const row = rowOf[a];
    let best = -1;
    for (let r = Math.max(0, row - reach); r <= Math.min(ny - 1, row + reach); r += 1) {
      const bottom = minY + r * side;
      let vMin = r < row ? py - (bottom + side) : r > row ? bottom - py : 0;
      vMin -= margin;
      if (vMin < 0) vMin = 0;
      if (vMin > eps) continue;
      const outer = Math.sqrt(eps2 - vMin * vMin) + margin;
      const e = searchRow(g, r, px + outer, true);
      for (let q = searchRow(g, r, px - outer, false); q < e; q += 1) {
        if (coreS[q] !== 1) continue;
        const dx = sx[q] - px;
        const dy = sy[q] - py;
        if (dx * dx + dy * dy > eps2) continue;
        const oq = order[q];
        if (best < 0 || oq < best) best = oq;
      }
    }
    borderOf[a] = best;
  }
  return borderOf;
}

function find(parent: Int32Array, i: number): number {
  let r = i;
  while (parent[r] !== r) r = parent[r];
  while (parent[i] !== r) {
    const next = parent[i];
    parent[i] = r;
    i = next;
  }
  return r;
}

/**
 * Unions every pair of core points within eps (DBSCAN's density-connection of core points), without testing
 * every such pair: core points are bucketed in cells of side eps/√2 (shrunk by a margin well above rounding),
 * so all core points of one cell are within eps of each other and form one set at once; two cells within reach
 * (offsets up to ±2) are joined by the first core pair found within eps, and skipped when already joined.
 * The components are those of testing every core pair (Gunawan's grid DBSCAN), whatever the order.
 */
function connectCorePoints(sx: Float64Array, sy: Float64Array, coreS: Uint8Array, parent: Int32Array, eps: number, onProgress?: (fraction: number) => void): void {
  const n = sx.length;
  const eps2 = eps * eps;
  let minX = Infinity;
  let minY = Infinity;
  let maxAbs = 0;
  let cores = 0;
  for (let a = 0; a < n; a += 1) {
    if (coreS[a] !== 1) continue;
    cores += 1;
    if (sx[a] < minX) minX = sx[a];
    if (sy[a] < minY) minY = sy[a];
    maxAbs = Math.max(maxAbs, Math.abs(sx[a]), Math.abs(sy[a]));
  }
  if (cores === 0) return;
  // Cell assignment and the coordinates carry rounding of about 1e-16 × |coordinate|: the margin covers it.
  const side = (eps * (1 - 1e-9) - 1e-12 * maxAbs) / Math.SQRT2;
  const pos = new Int32Array(cores);
  const cx = new Int32Array(cores);
  const cy = new Int32Array(cores);
  let k = 0;
  let maxCx = 0;
  for (let a = 0; a < n; a += 1) {
    if (coreS[a] !== 1) continue;
    pos[k] = a;
    cx[k] = Math.floor((sx[a] - minX) / side);
    cy[k] = Math.floor((sy[a] - minY) / side);
    if (cx[k] > maxCx) maxCx = cx[k];
    k += 1;
  }
  const nx = maxCx + 5;
  const lookup = new Map<number, number>();
  const sizes: number[] = [];
  const cellOf = new Int32Array(cores);
  for (let m = 0; m < cores; m += 1) {
    const key = cy[m] * nx + cx[m];
    let c = lookup.get(key);
    if (c === undefined) {
      c = sizes.length;
      lookup.set(key, c);
      sizes.push(0);
    }
    cellOf[m] = c;
    sizes[c] += 1;
  }
  const nCells = sizes.length;
  const cellStart = new Int32Array(nCells + 1);
  for (let c = 0; c < nCells; c += 1) cellStart[c + 1] = cellStart[c] + sizes[c];
  const fill = cellStart.slice(0, nCells);
  const members = new Int32Array(cores);
  const cellX = new Int32Array(nCells);
  const cellY = new Int32Array(nCells);
  for (let m = 0; m < cores; m += 1) {
    const c = cellOf[m];
    members[fill[c]++] = pos[m];
    cellX[c] = cx[m];
    cellY[c] = cy[m];
  }
  // Core points of one cell: one set.
  for (let c = 0; c < nCells; c += 1) {
    const first = members[cellStart[c]];
    for (let t = cellStart[c] + 1; t < cellStart[c + 1]; t += 1) parent[members[t]] = first;
  }
  const step = Math.max(1, Math.floor(nCells / 45));
  for (let c = 0; c < nCells; c += 1) {
    for (let dy = -2; dy <= 2; dy += 1) {
      for (let dx = -2; dx <= 2; dx += 1) {
        if (dx === 0 && dy === 0) continue;
        const d = lookup.get((cellY[c] + dy) * nx + (cellX[c] + dx));
        // Each pair of cells once.
        if (d === undefined || d < c) continue;
        const rc = find(parent, members[cellStart[c]]);
        const rd = find(parent, members[cellStart[d]]);
        if (rc === rd) continue;
        let joined = false;
        for (let t = cellStart[c]; t < cellStart[c + 1] && !joined; t += 1) {
          const p = members[t];
          const xi = sx[p];
          const yi = sy[p];
          for (let u = cellStart[d]; u < cellStart[d + 1]; u += 1) {
            const q = members[u];
            const ex = sx[q] - xi;
            const ey = sy[q] - yi;
            if (ex * ex + ey * ey <= eps2) {
              joined = true;
              break;
            }
          }
        }
        if (joined) {
          if (rc < rd) parent[rd] = rc;
          else parent[rc] = rd;
        }
      }
    }
    if (onProgress && c % step === 0) onProgress(0.5 + 0.4 * (c / nCells));
  }
}

/**
 * DBSCAN: N(p) = points within distance ≤ eps (p included); p is core when |N(p)| ≥ minPoints; clusters are
 * connected core points plus the border points they reach (a border point joins the cluster of its
 * lowest-index core neighbour); the rest is noise. Source: Ester et al. (1996), KDD-96; same definition as
 * PostGIS ST_ClusterDBSCAN and R dbscan::dbscan. Deterministic: output depends only on the input order.
 */
export function dbscan(x: Float64Array, y: Float64Array, options: DbscanOptions): DbscanResult {
  checkDbscanInput(x, y, options);
  if (x.length === 0) return emptyDbscanResult();
  const { eps, onProgress } = options;
  const g = buildRowIndex(x, y, eps);
  const pairs = countDbscanNeighbourPairs(g, eps, 0, 1, onProgress ? (f) => onProgress(0.5 * f) : undefined);
  return finishDbscan(g, [pairs], options);
}

/** Throws a RangeError for a non-positive eps, minPoints below 1 or x and y of different lengths. */
export function checkDbscanInput(x: Float64Array, y: Float64Array, options: Pick<DbscanOptions, 'eps' | 'minPoints'>): void {
  if (!(options.eps > 0)) throw new RangeError('eps must be positive');
  if (!(options.minPoints >= 1)) throw new RangeError('minPoints must be at least 1');
  if (y.length !== x.length) throw new RangeError('x and y differ in length');
}

/** The result for no points. */
export function emptyDbscanResult(): DbscanResult {
  return { labels: new Int32Array(0), core: new Uint8Array(0), clusterCount: 0, meanNeighbours: 0, highDensity: false };
}

/**
 * DBSCAN after the pair counting: |N(p)| from the parts' counts, core points, their connection, border points
 * and cluster numbers (progress from 0.5 on).
 */
export function finishDbscan(g: RowIndex, parts: readonly NeighbourPairCounts[], options: DbscanOptions): DbscanResult {
  const { eps, minPoints, onProgress } = options;
  const { order, sx, sy } = g;
  const n = sx.length;
  const labels = new Int32Array(n).fill(-1);
  const core = new Uint8Array(n);
  const posOf = new Int32Array(n);
  for (let a = 0; a < n; a += 1) posOf[order[a]] = a;
  const counts = new Int32Array(n);
  for (let a = 0, run = 1; a < n; a += 1) {
    for (const p of parts) {
      run += p.spans[a];
      counts[a] += p.counts[a];
    }
    counts[a] += run;
  }
  const coreS = new Uint8Array(n);
  let total = 0;
  for (let a = 0; a < n; a += 1) {
    total += counts[a] - 1;
    if (counts[a] >= minPoints) coreS[a] = 1;
  }

  // Pass 2: connect the core points, then give each border point its lowest-index core neighbour.
  const parent = new Int32Array(n);
  for (let a = 0; a < n; a += 1) parent[a] = a;
  connectCorePoints(sx, sy, coreS, parent, eps, onProgress);
  // borderOf holds input indices.
  const borderOf = findBorderAnchors(g, eps, coreS);
  onProgress?.(0.95);

  // Number clusters by the lowest input index of their members.
  const number = new Int32Array(n).fill(-1);
  let clusterCount = 0;
  for (let i = 0; i < n; i += 1) {
    const a = posOf[i];
    core[i] = coreS[a];
    const anchor = coreS[a] === 1 ? a : borderOf[a] >= 0 ? posOf[borderOf[a]] : -1;
    if (anchor < 0) continue;
    const root = find(parent, anchor);
    if (number[root] < 0) number[root] = clusterCount++;
    labels[i] = number[root];
  }
  onProgress?.(1);
  const meanNeighbours = total / n;
  return { labels, core, clusterCount, meanNeighbours, highDensity: meanNeighbours > HIGH_DENSITY_NEIGHBOURS };
}
