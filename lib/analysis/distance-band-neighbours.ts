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
 * Cells whose centres lie within `band` (≤, self included), found through buckets of size `band` (a dense
 * bucket grid in typed arrays; each cell's neighbours in ascending order).
 * Source: the binary distance-band weights of spdep::dnearneigh(centres, 0, d) with include.self.
 */
export function buildDistanceBandNeighbours(cx: ArrayLike<number>, cy: ArrayLike<number>, band: number, includeSelf = true): NeighbourList {
  const n = cx.length;
  if (!(band > 0)) throw new RangeError('distance band must be positive');
  const bx = new Float64Array(n);
  const by = new Float64Array(n);
  let minBx = Infinity;
  let minBy = Infinity;
  let maxBx = -Infinity;
  let maxBy = -Infinity;
  for (let i = 0; i < n; i += 1) {
    bx[i] = Math.floor(cx[i] / band);
    by[i] = Math.floor(cy[i] / band);
    if (bx[i] < minBx) minBx = bx[i];
    if (bx[i] > maxBx) maxBx = bx[i];
    if (by[i] < minBy) minBy = by[i];
    if (by[i] > maxBy) maxBy = by[i];
  }
  // Centres spread much wider than the band (or not finite) leave the dense grid mostly empty: buckets in a map.
  const w = maxBx - minBx + 3;
  const h = maxBy - minBy + 3;
  if (n === 0 || !(w * h <= 4 * n + 1024)) return buildWithMap(cx, cy, band, includeSelf);
  // Bucket (bx, by) at slot (by − minBy + 1) · w + (bx − minBx + 1): a ring of empty buckets around the rest.
  const slots = w * h;
  const start = new Int32Array(slots + 1);
  const slotOf = new Int32Array(n);
  for (let i = 0; i < n; i += 1) {
    slotOf[i] = (by[i] - minBy + 1) * w + (bx[i] - minBx + 1);
    start[slotOf[i] + 1] += 1;
  }
  for (let k = 0; k < slots; k += 1) start[k + 1] += start[k];
  const fill = start.slice(0, slots);
  // Ascending within each bucket.
  const members = new Int32Array(n);
  for (let i = 0; i < n; i += 1) members[fill[slotOf[i]]++] = i;
  const limit = band * band * (1 + BAND_TOLERANCE);
  const offsets = new Int32Array(n + 1);
  let out = new Int32Array(Math.max(16, n * 8));
  let m = 0;
  for (let i = 0; i < n; i += 1) {
    const first = m;
    for (let dy = -w; dy <= w; dy += w) {
      for (let dx = -1; dx <= 1; dx += 1) {
        const k = slotOf[i] + dy + dx;
        for (let t = start[k]; t < start[k + 1]; t += 1) {
          const j = members[t];
          if (j === i && !includeSelf) continue;
          const ex = cx[j] - cx[i];
          const ey = cy[j] - cy[i];
          if (ex * ex + ey * ey <= limit) {
            if (m === out.length) {
              const grown = new Int32Array(out.length * 2);
              grown.set(out);
              out = grown;
            }
            out[m++] = j;
          }
        }
      }
    }
    out.subarray(first, m).sort();
    offsets[i + 1] = m;
  }
  return { offsets, indices: out.slice(0, m) };
}

function buildWithMap(cx: ArrayLike<number>, cy: ArrayLike<number>, band: number, includeSelf: boolean): NeighbourList {
  const n = cx.length;
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
