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

  // Pass 2, each pair once: union core–core pairs; a border point remembers its lowest-index core neighbour.
  const parent = new Int32Array(n);
  for (let a = 0; a < n; a += 1) parent[a] = a;
  const borderOf = new Int32Array(n).fill(-1);
  done = 0;
  for (let b = 0; b < nBuckets; b += 1) {
    for (let a = start[b]; a < start[b + 1]; a += 1) {
      const xi = sx[a];
      const yi = sy[a];
      const aCore = coreS[a] === 1;
      const oa = order[a];
      // a's root, kept current across its unions: a core pair already in one set needs no distance test
      // (in dense clusters most are), which is what makes this pass cheaper than the counting pass.
      let ra = aCore ? find(parent, a) : -1;
      for (let t = nbrOffsets[b]; t < nbrOffsets[b + 1]; t += 1) {
        const nb = nbrs[t];
        if (nb < b) continue;
        const end = start[nb + 1];
        for (let q = nb === b ? a + 1 : start[nb]; q < end; q += 1) {
          const qCore = coreS[q] === 1;
          if (!aCore && !qCore) continue;
          let rq = -1;
          if (aCore && qCore) {
            rq = find(parent, q);
            if (rq === ra) continue;
          }
          const dx = sx[q] - xi;
          const dy = sy[q] - yi;
          if (dx * dx + dy * dy > eps2) continue;
          if (aCore && qCore) {
            if (ra < rq) parent[rq] = ra;
            else {
              parent[ra] = rq;
              ra = rq;
            }
          } else if (aCore) {
            if (borderOf[q] < 0 || oa < borderOf[q]) borderOf[q] = oa;
          } else {
            const oq = order[q];
            if (borderOf[a] < 0 || oq < borderOf[a]) borderOf[a] = oq;
          }
        }
      }
      done += 1;
      if (onProgress && done % step === 0) onProgress(0.5 + 0.45 * (done / n));
    }
  }

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
