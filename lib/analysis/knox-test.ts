import { createSeededRandom } from '@/lib/analysis/seeded-random';

export interface KnoxOptions {
  /** Upper limits of the distance bands, ascending (band a = (d_{a−1}, d_a], the first from 0 inclusive). */
  distanceBands: number[];
  /** Upper limits of the time bands, ascending, in the unit of `t` (e.g. days). */
  timeBands: number[];
  permutations?: number;
  /** Seed of the permutations: the same seed gives the same p-values. */
  seed: number;
}

export interface KnoxCell {
  distanceBand: number;
  timeBand: number;
  observed: number;
  meanSimulated: number;
  ratio: number;
  p: number;
  /** p < 0.05 and ratio ≥ 1.2 (METHODS.md). */
  flagged: boolean;
}

function bandOf(value: number, limits: number[]): number {
  for (let k = 0; k < limits.length; k += 1) if (value <= limits[k]) return k;
  return -1;
}

/**
 * Knox near-repeat test over a table of distance × time bands: observed pair counts against 999 (default)
 * permutations of the event times; ratio = observed / mean simulated; p = (1 + #sim ≥ obs)/(1 + permutations).
 * Source: Knox (1964), Applied Statistics 13(1); Johnson et al. (2007) near-repeat calculator; METHODS.md.
 */
export function runKnoxTest(x: ArrayLike<number>, y: ArrayLike<number>, t: ArrayLike<number>, options: KnoxOptions): KnoxCell[] {
  const { distanceBands, timeBands } = options;
  const permutations = options.permutations ?? 999;
  const n = x.length;
  const nd = distanceBands.length;
  const nt = timeBands.length;
  const maxD = distanceBands[nd - 1];
  // Pairs close in space never change under time permutation: find them once through a bucket grid.
  const pairI: number[] = [];
  const pairJ: number[] = [];
  const pairBand: number[] = [];
  const buckets = new Map<string, number[]>();
  for (let i = 0; i < n; i += 1) {
    const key = `${Math.floor(x[i] / maxD)},${Math.floor(y[i] / maxD)}`;
    const list = buckets.get(key);
    if (list) list.push(i);
    else buckets.set(key, [i]);
  }
  for (let i = 0; i < n; i += 1) {
    const bx = Math.floor(x[i] / maxD);
    const by = Math.floor(y[i] / maxD);
    for (let dx = -1; dx <= 1; dx += 1) {
      for (let dy = -1; dy <= 1; dy += 1) {
        for (const j of buckets.get(`${bx + dx},${by + dy}`) ?? []) {
          if (j <= i) continue;
          const band = bandOf(Math.hypot(x[j] - x[i], y[j] - y[i]), distanceBands);
          if (band < 0) continue;
          pairI.push(i);
          pairJ.push(j);
          pairBand.push(band);
        }
      }
    }
  }
  const count = (times: ArrayLike<number>): Int32Array => {
    const table = new Int32Array(nd * nt);
    for (let k = 0; k < pairI.length; k += 1) {
      const tb = bandOf(Math.abs(times[pairI[k]] - times[pairJ[k]]), timeBands);
      if (tb >= 0) table[pairBand[k] * nt + tb] += 1;
    }
    return table;
  };
  const observed = count(t);
  const sums = new Float64Array(nd * nt);
  const atLeast = new Int32Array(nd * nt);
  const random = createSeededRandom(options.seed);
  const perm = Float64Array.from(t);
  for (let s = 0; s < permutations; s += 1) {
    for (let i = n - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      const tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
    const sim = count(perm);
    for (let c = 0; c < sim.length; c += 1) {
      sums[c] += sim[c];
      if (sim[c] >= observed[c]) atLeast[c] += 1;
    }
  }
  const cells: KnoxCell[] = [];
  for (let a = 0; a < nd; a += 1) {
    for (let b = 0; b < nt; b += 1) {
      const c = a * nt + b;
      const meanSimulated = sums[c] / permutations;
      const ratio = meanSimulated > 0 ? observed[c] / meanSimulated : NaN;
      const p = (1 + atLeast[c]) / (1 + permutations);
      cells.push({ distanceBand: a, timeBand: b, observed: observed[c], meanSimulated, ratio, p, flagged: p < 0.05 && ratio >= 1.2 });
    }
  }
  return cells;
}
