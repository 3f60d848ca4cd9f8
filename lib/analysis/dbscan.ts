// Grid-indexed DBSCAN on typed arrays: points are bucketed in eps-sized cells, so each neighbourhood query
// reads the 3 × 3 cells around a point. Runs without a database and reports progress (see dbscan.worker.ts).

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

interface GridIndex {
  /** Point indices ordered by bucket. */
  order: Int32Array;
  /** Bucket b holds order[start[b] .. start[b + 1]). */
  start: Int32Array;
  /** Bucket of each point. */
  bucketOf: Int32Array;
  /** Bucket number of a cell key, or undefined. */
  lookup: Map<number, number>;
  bx: Int32Array;
  by: Int32Array;
  nx: number;
}

function buildGridIndex(x: Float64Array, y: Float64Array, cell: number): GridIndex {
  const n = x.length;
  let minX = Infinity;
  let minY = Infinity;
  for (let i = 0; i < n; i += 1) {
    if (x[i] < minX) minX = x[i];
    if (y[i] < minY) minY = y[i];
  }
  const bx = new Int32Array(n);
  const by = new Int32Array(n);
  let maxBx = 0;
  for (let i = 0; i < n; i += 1) {
    bx[i] = Math.floor((x[i] - minX) / cell);
    by[i] = Math.floor((y[i] - minY) / cell);
    if (bx[i] > maxBx) maxBx = bx[i];
  }
  const nx = maxBx + 3;
  const lookup = new Map<number, number>();
  const bucketOf = new Int32Array(n);
  const sizes: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const key = by[i] * nx + bx[i];
    let b = lookup.get(key);
    if (b === undefined) {
      b = sizes.length;
      lookup.set(key, b);
      sizes.push(0);
    }
    bucketOf[i] = b;
    sizes[b] += 1;
  }
  const start = new Int32Array(sizes.length + 1);
  for (let b = 0; b < sizes.length; b += 1) start[b + 1] = start[b] + sizes[b];
  const fill = start.slice(0, sizes.length);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i += 1) order[fill[bucketOf[i]]++] = i;
  return { order, start, bucketOf, lookup, bx, by, nx };
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
  const { eps, minPoints, onProgress } = options;
  if (!(eps > 0)) throw new RangeError('eps must be positive');
  if (!(minPoints >= 1)) throw new RangeError('minPoints must be at least 1');
  const n = x.length;
  if (y.length !== n) throw new RangeError('x and y differ in length');
  const labels = new Int32Array(n).fill(-1);
  const core = new Uint8Array(n);
  if (n === 0) return { labels, core, clusterCount: 0, meanNeighbours: 0, highDensity: false };
  const eps2 = eps * eps;
  const g = buildGridIndex(x, y, eps);
  const { order, start, lookup, bx, by, nx } = g;
  const step = Math.max(1, Math.floor(n / 100));
  // Work in bucket order on copied coordinates: neighbours then sit next to each other in memory.
  const sx = new Float64Array(n);
  const sy = new Float64Array(n);
  const posOf = new Int32Array(n);
  for (let a = 0; a < n; a += 1) {
    sx[a] = x[order[a]];
    sy[a] = y[order[a]];
    posOf[order[a]] = a;
  }

  // Neighbour buckets of each bucket, resolved once.
  const nBuckets = start.length - 1;
  const nbrOffsets = new Int32Array(nBuckets + 1);
  const nbrList: number[] = [];
  for (let b = 0; b < nBuckets; b += 1) {
    const i = order[start[b]];
    for (let dy = -1; dy <= 1; dy += 1) {
      for (let dx = -1; dx <= 1; dx += 1) {
        const nb = lookup.get((by[i] + dy) * nx + (bx[i] + dx));
        if (nb !== undefined) nbrList.push(nb);
      }
    }
    nbrOffsets[b + 1] = nbrList.length;
  }
  const nbrs = Int32Array.from(nbrList);

  // Pass 1: |N(p)| for every point. Each pair is visited once (bucket nb ≥ b, and q > a within a bucket).
  const counts = new Int32Array(n).fill(1);
  let done = 0;
  for (let b = 0; b < nBuckets; b += 1) {
    for (let a = start[b]; a < start[b + 1]; a += 1) {
      const xi = sx[a];
      const yi = sy[a];
      let c = 0;
      for (let t = nbrOffsets[b]; t < nbrOffsets[b + 1]; t += 1) {
        const nb = nbrs[t];
        if (nb < b) continue;
        const end = start[nb + 1];
        for (let q = nb === b ? a + 1 : start[nb]; q < end; q += 1) {
          const dx = sx[q] - xi;
          const dy = sy[q] - yi;
          if (dx * dx + dy * dy <= eps2) {
            c += 1;
            counts[q] += 1;
          }
        }
      }
      counts[a] += c;
      done += 1;
      if (onProgress && done % step === 0) onProgress(0.5 * (done / n));
    }
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
  const borderOf = new Int32Array(n).fill(-1);
  connectCorePoints(sx, sy, coreS, parent, eps, onProgress);
  // A non-core point with a core point within eps is a border point (few: it has fewer than minPoints
  // neighbours, so its 3 × 3 buckets are sparse). borderOf holds input indices.
  for (let b = 0; b < nBuckets; b += 1) {
    for (let a = start[b]; a < start[b + 1]; a += 1) {
      if (coreS[a] === 1) continue;
      const xi = sx[a];
      const yi = sy[a];
      let best = -1;
      for (let t = nbrOffsets[b]; t < nbrOffsets[b + 1]; t += 1) {
        const nb = nbrs[t];
        for (let q = start[nb]; q < start[nb + 1]; q += 1) {
          if (coreS[q] !== 1) continue;
          const dx = sx[q] - xi;
          const dy = sy[q] - yi;
          if (dx * dx + dy * dy > eps2) continue;
          const oq = order[q];
          if (best < 0 || oq < best) best = oq;
        }
      }
      borderOf[a] = best;
    }
  }
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
