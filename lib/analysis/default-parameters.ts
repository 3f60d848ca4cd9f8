import { buildDistanceBandNeighbours } from '@/lib/analysis/distance-band-neighbours';
import { getKthNeighbourDistances } from '@/lib/analysis/nearest-neighbour-distances';
import { binPointsToSquareGrid } from '@/lib/geo/grid';

export type DefaultParameterWarning =
  | { code: 'few-incidents'; count: number; message: string }
  | { code: 'zero-variance'; message: string }
  | { code: 'too-few-locations'; message: string };

export interface DefaultParameters {
  /** Cell size in planar units, or null when it cannot be derived (fewer than two distinct locations). */
  cellSize: number | null;
  band: number | null;
  bandSource: 'moran-peak' | 'kth-neighbour' | null;
  /** Inputs behind the choice, for the "cell 250 m because …" explanation. */
  explanation: { meanNnd: number; medianNnd: number; k: number | null; distinctLocations: number; moranZ: { distance: number; z: number }[] };
  warnings: DefaultParameterWarning[];
}

/** Below this many incidents Gi* results are unreliable (ArcGIS Optimized Hot Spot Analysis needs 30). */
export const MIN_INCIDENTS = 30;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Global Moran's I z-score (normality assumption) with binary distance-band weights, self excluded.
 * Source: Cliff & Ord (1981), Spatial Processes, eqs. 1.35–1.36; as ArcGIS "Spatial Autocorrelation".
 */
export function getMoransIZ(counts: ArrayLike<number>, cx: ArrayLike<number>, cy: ArrayLike<number>, band: number): { I: number; z: number } {
  const n = counts.length;
  const nb = buildDistanceBandNeighbours(cx, cy, band, false);
  let mean = 0;
  for (let i = 0; i < n; i += 1) mean += counts[i] / n;
  let m2 = 0;
  for (let i = 0; i < n; i += 1) m2 += (counts[i] - mean) ** 2;
  let cross = 0;
  let s0 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i += 1) {
    const w = nb.offsets[i + 1] - nb.offsets[i];
    s0 += w;
    s2 += (2 * w) ** 2;
    for (let k = nb.offsets[i]; k < nb.offsets[i + 1]; k += 1) cross += (counts[i] - mean) * (counts[nb.indices[k]] - mean);
  }
  if (!(m2 > 0) || s0 === 0) return { I: NaN, z: NaN };
  const I = (n / s0) * (cross / m2);
  const s1 = 2 * s0;
  const e = -1 / (n - 1);
  const v = (n * n * s1 - n * s2 + 3 * s0 * s0) / (s0 * s0 * (n * n - 1)) - e * e;
  return { I, z: (I - e) / Math.sqrt(v) };
}

/**
 * Default cell size and distance band when the user gives none, as ArcGIS Optimized Hot Spot Analysis does
 * (METHODS.md): cell = max(mean, median NN distance) × max(2, larger/smaller); band = first peak of the global
 * Moran's I z-score over distances cell × 1, 1.5, …, 10.5 (ArcGIS Incremental Spatial Autocorrelation), else
 * the mean distance to the k-th neighbour, k = 5 % of n clamped to 3…30. Nearest-neighbour distances are over
 * distinct locations, since coincident points (e.g. municipality centroids) have distance 0. The band is never
 * smaller than the cell.
 */
export function getDefaultParameters(x: ArrayLike<number>, y: ArrayLike<number>): DefaultParameters {
  const n = x.length;
  const warnings: DefaultParameterWarning[] = [];
  if (n < MIN_INCIDENTS) {
    warnings.push({ code: 'few-incidents', count: n, message: `Only ${n} incidents: hot-spot statistics need at least ${MIN_INCIDENTS} to mean much.` });
  }
  const seen = new Set<string>();
  const ux: number[] = [];
  const uy: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const key = `${x[i]},${y[i]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ux.push(x[i]);
    uy.push(y[i]);
  }
  const empty = { meanNnd: NaN, medianNnd: NaN, k: null, distinctLocations: ux.length, moranZ: [] };
  if (ux.length < 2) {
    warnings.push({ code: 'too-few-locations', message: 'All incidents share one location: no cell size or band can be derived.' });
    return { cellSize: null, band: null, bandSource: null, explanation: empty, warnings };
  }
  const nnd = Array.from(getKthNeighbourDistances(ux, uy, 1));
  const meanNnd = nnd.reduce((a, b) => a + b, 0) / nnd.length;
  const medianNnd = median(nnd);
  const larger = Math.max(meanNnd, medianNnd);
  const smaller = Math.min(meanNnd, medianNnd);
  const cellSize = larger * Math.max(2, larger / smaller);
  const grid = binPointsToSquareGrid(x, y, cellSize);
  let allSame = true;
  for (let i = 1; i < grid.counts.length; i += 1) if (grid.counts[i] !== grid.counts[0]) allSame = false;
  const moranZ: { distance: number; z: number }[] = [];
  let band: number | null = null;
  let bandSource: DefaultParameters['bandSource'] = null;
  if (allSame) {
    warnings.push({ code: 'zero-variance', message: 'Every cell has the same count: there is no variation for Gi* to test.' });
  } else {
    for (let step = 0; step < 20; step += 1) {
      const d = cellSize * (1 + 0.5 * step);
      moranZ.push({ distance: d, z: getMoransIZ(grid.counts, grid.cx, grid.cy, d).z });
    }
    for (let s = 1; s < moranZ.length - 1; s += 1) {
      const { z } = moranZ[s];
      if (z > moranZ[s - 1].z && z >= moranZ[s + 1].z) {
        band = moranZ[s].distance;
        bandSource = 'moran-peak';
        break;
      }
    }
  }
  const k = Math.min(30, Math.max(3, Math.round(0.05 * n)));
  if (band === null) {
    const kk = Math.min(k, ux.length - 1);
    const dk = Array.from(getKthNeighbourDistances(ux, uy, kk));
    band = dk.reduce((a, b) => a + b, 0) / dk.length;
    bandSource = 'kth-neighbour';
  }
  band = Math.max(band, cellSize);
  return { cellSize, band, bandSource, explanation: { meanNnd, medianNnd, k, distinctLocations: ux.length, moranZ }, warnings };
}
