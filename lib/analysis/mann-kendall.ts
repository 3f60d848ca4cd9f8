import { twoSidedNormalP } from '@/lib/analysis/normal-cdf';

export interface MannKendallResult {
  S: number;
  varS: number;
  z: number;
  p: number;
}

/**
 * Mann–Kendall trend test with tie correction:
 * S = Σ_{i<j} sign(x_j − x_i); Var(S) = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)]/18; z = (S ∓ 1)/√Var; p two-sided normal.
 * Var(S) = 0 gives z = 0, p = 1. Source: Mann (1945), Kendall (1975) "Rank Correlation Methods"; METHODS.md.
 */
export function mannKendall(series: ArrayLike<number>): MannKendallResult {
  const n = series.length;
  let S = 0;
  for (let i = 0; i < n - 1; i += 1) {
    for (let j = i + 1; j < n; j += 1) S += Math.sign(series[j] - series[i]);
  }
  const sorted = Array.from(series).sort((a, b) => a - b);
  let tieTerm = 0;
  for (let k = 0; k < n; ) {
    let t = 1;
    while (k + t < n && sorted[k + t] === sorted[k]) t += 1;
    tieTerm += t * (t - 1) * (2 * t + 5);
    k += t;
  }
  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  if (!(varS > 0)) return { S, varS, z: 0, p: 1 };
  const z = S > 0 ? (S - 1) / Math.sqrt(varS) : S < 0 ? (S + 1) / Math.sqrt(varS) : 0;
  return { S, varS, z, p: twoSidedNormalP(z) };
}
