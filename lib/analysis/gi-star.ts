import { buildDistanceBandNeighbours, type NeighbourList } from '@/lib/analysis/distance-band-neighbours';
import { twoSidedNormalP } from '@/lib/analysis/normal-cdf';

export interface GiStarCells {
  /** Cell centres in planar units and the count per cell; every cell of the study area, zeros included. */
  cx: ArrayLike<number>;
  cy: ArrayLike<number>;
  counts: ArrayLike<number>;
}

export type GiStarResult =
  | { ok: true; z: Float64Array; p: Float64Array; mean: number; sd: number }
  | { ok: false; reason: 'zero-variance' | 'too-few-cells'; message: string };

/**
 * Getis–Ord Gi* z-scores with precomputed neighbour lists (binary weights, self included):
 * Gi*(i) = (Σ_j w_ij x_j − x̄ W_i) / (S·sqrt((n W_i − W_i²)/(n − 1))), S the population standard deviation.
 * Source: Ord & Getis (1995), Geographical Analysis 27(4); identical to spdep::localG with include.self, style "B".
 * p is two-sided normal. Zero variance (all cells equal) gives no result.
 */
export function giStarWithNeighbours(counts: ArrayLike<number>, neighbours: NeighbourList): GiStarResult {
  const n = counts.length;
  if (n < 2) return { ok: false, reason: 'too-few-cells', message: 'Gi* needs at least two cells.' };
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i += 1) {
    sum += counts[i];
    sumSq += counts[i] * counts[i];
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i += 1) ss += (counts[i] - mean) ** 2;
  const variance = ss / n;
  if (!(variance > 0) || variance <= 1e-15 * (sumSq / n)) {
    return { ok: false, reason: 'zero-variance', message: 'Every cell has the same count, so there is no variation to test: Gi* is undefined.' };
  }
  const sd = Math.sqrt(variance);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const { offsets, indices } = neighbours;
  for (let i = 0; i < n; i += 1) {
    let lag = 0;
    const from = offsets[i];
    const to = offsets[i + 1];
    for (let k = from; k < to; k += 1) lag += counts[indices[k]];
    const w = to - from;
    const denom = sd * Math.sqrt((n * w - w * w) / (n - 1));
    z[i] = denom > 0 ? (lag - mean * w) / denom : NaN;
    p[i] = twoSidedNormalP(z[i]);
  }
  return { ok: true, z, p, mean, sd };
}

/**
 * Getis–Ord Gi* over cells with a distance band (centres within `band`, ≤, self included).
 * Source: Ord & Getis (1995); reference implementation spdep::localG(x, nb2listw(include.self(dnearneigh(c, 0, d)), style = "B")).
 */
export function giStar(cells: GiStarCells, band: number): GiStarResult {
  return giStarWithNeighbours(cells.counts, buildDistanceBandNeighbours(cells.cx, cells.cy, band, true));
}
