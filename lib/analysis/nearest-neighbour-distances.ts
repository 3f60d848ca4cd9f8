// k-th nearest-neighbour distances through a bucket grid whose cells hold about two points each.

/**
 * Distance from each point to its k-th nearest other point (k ≥ 1), Euclidean, exact.
 * Returns NaN for every point when there are at most k points.
 */
export function getKthNeighbourDistances(x: ArrayLike<number>, y: ArrayLike<number>, k: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n).fill(NaN);
  if (n <= k || k < 1) return out;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i += 1) {
    minX = Math.min(minX, x[i]);
    maxX = Math.max(maxX, x[i]);
    minY = Math.min(minY, y[i]);
    maxY = Math.max(maxY, y[i]);
  }
  const w = maxX - minX;
  const h = maxY - minY;
  // Degenerate (collinear) extents would give tiny cells and endless rings: floor the area at a square strip.
  const area = Math.max(w * h, (Math.max(w, h) ** 2) / n, 1e-12);
  const cell = Math.max(Math.sqrt((area * Math.max(2, k)) / n), 1e-9);
  const buckets = new Map<string, number[]>();
  for (let i = 0; i < n; i += 1) {
    const key = `${Math.floor((x[i] - minX) / cell)},${Math.floor((y[i] - minY) / cell)}`;
    const list = buckets.get(key);
    if (list) list.push(i);
    else buckets.set(key, [i]);
  }
  const maxRing = Math.ceil(Math.max(maxX - minX, maxY - minY) / cell) + 1;
  for (let i = 0; i < n; i += 1) {
    const bx = Math.floor((x[i] - minX) / cell);
    const by = Math.floor((y[i] - minY) / cell);
    const best: number[] = [];
    for (let ring = 0; ring <= maxRing; ring += 1) {
      for (let dx = -ring; dx <= ring; dx += 1) {
        const edge = Math.abs(dx) === ring;
        for (let dy = -ring; dy <= ring; dy += edge || ring === 0 ? 1 : 2 * ring) {
          const list = buckets.get(`${bx + dx},${by + dy}`);
          if (!list) continue;
          for (const j of list) {
            if (j === i) continue;
            const d2 = (x[j] - x[i]) ** 2 + (y[j] - y[i]) ** 2;
            if (best.length < k) {
              best.push(d2);
              best.sort((a, b) => a - b);
            } else if (d2 < best[k - 1]) {
              best[k - 1] = d2;
              best.sort((a, b) => a - b);
            }
          }
        }
      }
      // Every point outside the searched square is farther than ring·cell.
      if (best.length === k && best[k - 1] <= (ring * cell) ** 2) break;
    }
    out[i] = Math.sqrt(best[k - 1]);
  }
  return out;
}
