import type { NeighbourList } from '@/lib/analysis/distance-band-neighbours';
import { giStarWithNeighbours } from '@/lib/analysis/gi-star';
import { mannKendall } from '@/lib/analysis/mann-kendall';
import { getSignificanceBins } from '@/lib/analysis/significance-bins';

export type EmergingCategory =
  | 'new'
  | 'consecutive'
  | 'intensifying'
  | 'persistent'
  | 'diminishing'
  | 'sporadic'
  | 'oscillating'
  | 'historical'
  | 'none';

export interface EmergingClassification {
  category: EmergingCategory;
  /** Which side the category describes; null for 'none'. */
  side: 'hot' | 'cold' | null;
}

/** Share of steps that makes a cell persistently hot (METHODS.md: ≥ 90 %). */
export const PERSISTENT_SHARE = 0.9;

function classifySide(sig: boolean[], opposite: boolean[], trendZ: number, trendSignificant: boolean, sign: 1 | -1): EmergingCategory | null {
  const n = sig.length;
  if (n === 0) return null;
  const last = sig[n - 1];
  const hot = sig.filter(Boolean).length;
  if (hot === 0) return null;
  const mostly = hot >= PERSISTENT_SHARE * n;
  let run = 0;
  while (run < n && sig[n - 1 - run]) run += 1;
  const upward = trendSignificant && Math.sign(trendZ) === sign;
  const downward = trendSignificant && Math.sign(trendZ) === -sign;
  if (last && hot === 1) return 'new';
  if (last && run >= 2 && run === hot && !mostly) return 'consecutive';
  if (mostly && last && upward) return 'intensifying';
  if (mostly && last && downward) return 'diminishing';
  if (mostly && !last) return 'historical';
  if (mostly) return 'persistent';
  if (last && opposite.slice(0, n - 1).some(Boolean)) return 'oscillating';
  if (last) return 'sporadic';
  return null;
}

/**
 * Emerging hot-spot category of one cell from its per-step significance bins and the Mann–Kendall trend of its
 * Gi* z-scores. Hot side first when the last step is hot or not significant, cold first when it is cold; cold
 * categories mirror hot ones. Source: METHODS.md table, after ArcGIS Pro "Emerging Hot Spot Analysis"
 * (without its time neighbourhood).
 */
export function classifyEmergingCell(bins: ArrayLike<number>, trend: { z: number; p: number }, alpha = 0.05): EmergingClassification {
  const hot = Array.from(bins, (b) => b > 0);
  const cold = Array.from(bins, (b) => b < 0);
  const significant = trend.p < alpha && trend.z !== 0;
  const lastCold = cold[cold.length - 1] === true;
  const order: ['hot' | 'cold', boolean[], boolean[], 1 | -1][] = [
    ['hot', hot, cold, 1],
    ['cold', cold, hot, -1],
  ];
  if (lastCold) order.reverse();
  for (const [side, sig, opp, sign] of order) {
    const c = classifySide(sig, opp, trend.z, significant, sign);
    if (c) return { category: c, side };
  }
  return { category: 'none', side: null };
}

export interface EmergingHotSpotOptions {
  /** FDR within each step (default true). */
  fdr?: boolean;
  /** Significance level of the Mann–Kendall trend (default 0.05). */
  trendAlpha?: number;
}

export interface EmergingHotSpotResult {
  /** Per step: z-scores (0 in a step without variance) and bins, each of length nCells. */
  z: Float64Array[];
  bins: Int8Array[];
  /** Steps in which every cell had the same count: no Gi* there (z 0, bin 0). */
  zeroVarianceSteps: number[];
  trendZ: Float64Array;
  trendP: Float64Array;
  categories: EmergingClassification[];
}

/**
 * Emerging hot spots: Gi* per cell per time step with one grid and band (FDR within each step), then
 * Mann–Kendall on each cell's series of z-scores, then the METHODS.md categories. Source: METHODS.md;
 * Ord & Getis (1995); Mann (1945); ArcGIS Pro "How Emerging Hot Spot Analysis works".
 */
export function findEmergingHotSpots(countsPerStep: ArrayLike<number>[], neighbours: NeighbourList, options: EmergingHotSpotOptions = {}): EmergingHotSpotResult {
  const nCells = neighbours.offsets.length - 1;
  const z: Float64Array[] = [];
  const bins: Int8Array[] = [];
  const zeroVarianceSteps: number[] = [];
  countsPerStep.forEach((counts, step) => {
    if (counts.length !== nCells) throw new RangeError(`step ${step} has ${counts.length} cells, expected ${nCells}`);
    const r = giStarWithNeighbours(counts, neighbours);
    if (!r.ok) {
      zeroVarianceSteps.push(step);
      z.push(new Float64Array(nCells));
      bins.push(new Int8Array(nCells));
      return;
    }
    const zs = r.z.map((v) => (Number.isNaN(v) ? 0 : v));
    z.push(zs);
    bins.push(getSignificanceBins(zs, r.p, { fdr: options.fdr ?? true }));
  });
  const trendZ = new Float64Array(nCells);
  const trendP = new Float64Array(nCells);
  const categories: EmergingClassification[] = [];
  const series = new Float64Array(z.length);
  const cellBins = new Int8Array(z.length);
  for (let c = 0; c < nCells; c += 1) {
    for (let t = 0; t < z.length; t += 1) {
      series[t] = z[t][c];
      cellBins[t] = bins[t][c];
    }
    const mk = mannKendall(series);
    trendZ[c] = mk.z;
    trendP[c] = mk.p;
    categories.push(classifyEmergingCell(cellBins, mk, options.trendAlpha ?? 0.05));
  }
  return { z, bins, zeroVarianceSteps, trendZ, trendP, categories };
}
