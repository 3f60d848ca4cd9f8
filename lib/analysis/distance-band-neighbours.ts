// Neighbour lists for binary distance-band weights, in compressed sparse row form so that repeated
// Gi* runs (one per time step) reuse one search. Centre pairs at distance ≤ band count, self included.

export interface NeighbourList {
  /** Neighbours of cell i are indices[offsets[i] .. offsets[i + 1]). */
  offsets: Int32Array;
  indices: Int32Array;
}

// Absorbs rounding in centre coordinates so that a centre exactly at the band (e.g. 2 cells of 100 at band 200) counts.
const BAND_TOLERANCE = 1e-12;

/**
 * Cells whose centres lie within `band` (≤, self included), found through buckets of size `band`.
 * Source: the binary distance-band weights of spdep::dnearneigh(centres, 0, d) with include.self.
 */
export function buildDistanceBandNeighbours(cx: ArrayLike<number>, cy: ArrayLike<number>, band: number, includeSelf = true): NeighbourList {
  const n = cx.length;
  if (!(band > 0)) throw new RangeError('distance band must be positive');
  const buckets = new Map<number, number[]>();
  // Numeric bucket key: exact for |bucket index| < 2^25, far beyond any study area.
  const keyOf = (bx: number, by: number): number => (bx + 33554432) * 67108864 + (by + 33554432);
  for (let i = 0; i < n; i += 1) {
    const k = keyOf(Math.floor(cx[i] / band), Math.floor(cy[i] / band));
    const list = buckets.get(k);
    if (list) list.push(i);
    else buckets.set(k, [i]);
  }
  const limit = band * band * (1 + BAND_TOLERANCE);
  const offsets = new Int32Array(n + 1);
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const bx = Math.floor(cx[i] / band);
    const by = Math.floor(cy[i] / band);
    const found: number[] = [];
    for (let dx = -1; dx <= 1; dx += 1) {
      for (let dy = -1; dy <= 1; dy += 1) {
        const list = buckets.get(keyOf(bx + dx, by + dy));
        if (!list) continue;
        for (const j of list) {
          if (j === i && !includeSelf) continue;
          const ex = cx[j] - cx[i];
          const ey = cy[j] - cy[i];
          if (ex * ex + ey * ey <= limit) found.push(j);
        }
      }
    }
    found.sort((a, b) => a - b);
    for (const j of found) out.push(j);
    offsets[i + 1] = out.length;
  }
  return { offsets, indices: Int32Array.from(out) };
}
