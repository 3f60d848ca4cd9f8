// The council's trend statistics (METHODS.md "Council trend statistics"): same period last year, the
// "within normal variation" band, the per-cent rule and rolling means. Pure: figures come in, and a
// figure is either an exact published count or a lower bound ("minst X", parts suppressed) or unknown.

/** A council-precision figure: `value` is exact unless `atLeast` (a sum with suppressed parts); null when suppressed. */
export interface CouncilFigure {
  value: number | null;
  atLeast: boolean;
}

/** True when the figure is an exact, published count (neither suppressed nor a lower bound). */
export function isExact(f: CouncilFigure | undefined): f is CouncilFigure & { value: number } {
  return f !== undefined && f.value !== null && !f.atLeast;
}

/**
 * Poisson quantile: the smallest x with P(X ≤ x) ≥ p for X ~ Poisson(λ), as R's `qpois(p, lambda)`.
 * Summed in log space so large λ does not underflow. Source: R stats::qpois (inversion of the CDF).
 */
export function poissonQuantile(p: number, lambda: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must lie in 0…1 (got ${p})`);
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`lambda must be a finite number ≥ 0 (got ${lambda})`);
  if (lambda === 0 || p === 0) return 0;
  // The same fuzz R applies (1 − 64·ε) so a CDF that equals p up to rounding counts as reaching it.
  const target = p * (1 - 64 * Number.EPSILON);
  let logTerm = -lambda;
  let cdf = Math.exp(logTerm);
  let x = 0;
  while (cdf < target) {
    x += 1;
    logTerm += Math.log(lambda) - Math.log(x);
    cdf += Math.exp(logTerm);
    if (x > lambda + 50 * Math.sqrt(lambda) + 100) break;
  }
  return x;
}

export interface NormalVariationBand {
  /** Mean of the reference counts (the same quarter of the previous years). */
  mean: number;
  /** Quasi-Poisson dispersion φ = max(1, s²/mean), s² the sample variance of the reference counts. */
  dispersion: number;
  lower: number;
  upper: number;
}

/**
 * The 95 % band of "normal variation" around the mean of the reference counts (METHODS.md: the same
 * quarter of the previous three years): the Poisson interval [qpois(0.025, μ), qpois(0.975, μ)],
 * widened by √φ around μ when the counts vary more than Poisson allows (quasi-Poisson, φ = s²/μ > 1).
 * Source: McCullagh & Nelder (1989) §4.5 (quasi-likelihood dispersion); METHODS.md.
 */
export function getNormalVariationBand(reference: readonly number[]): NormalVariationBand {
  if (reference.length < 2) throw new RangeError('the band needs at least two reference counts');
  const n = reference.length;
  const mean = reference.reduce((a, b) => a + b, 0) / n;
  const variance = reference.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  const dispersion = mean > 0 ? Math.max(1, variance / mean) : 1;
  const scale = Math.sqrt(dispersion);
  const lower = Math.max(0, mean - (mean - poissonQuantile(0.025, mean)) * scale);
  const upper = mean + (poissonQuantile(0.975, mean) - mean) * scale;
  return { mean, dispersion, lower, upper };
}

export type VariationVerdict = 'normal' | 'high' | 'low' | 'unknown';

/** How many earlier years of the same quarter the band is built from (METHODS.md). */
export const REFERENCE_YEARS = 3;

/**
 * "Within normal variation", "unusually high/low", or unknown when the current figure or any of the
 * three reference figures is not an exact count (suppressed or a lower bound) or missing.
 */
export function classifyVariation(current: CouncilFigure | undefined, reference: readonly (CouncilFigure | undefined)[]): { verdict: VariationVerdict; band: NormalVariationBand | null } {
  if (!isExact(current) || reference.length < REFERENCE_YEARS || !reference.every(isExact)) return { verdict: 'unknown', band: null };
  const band = getNormalVariationBand(reference.map((r) => r!.value!));
  const verdict = current.value > band.upper ? 'high' : current.value < band.lower ? 'low' : 'normal';
  return { verdict, band };
}

/** Per-cent change is shown only when both counts are at least this (METHODS.md). */
export const PERCENT_MIN_COUNT = 20;

/**
 * Per-cent change from `before` to `after`, rounded to a whole per cent, or null when either figure is
 * not exact or below 20 (METHODS.md: below that, show the counts themselves).
 */
export function getPercentChange(before: CouncilFigure | undefined, after: CouncilFigure | undefined): number | null {
  if (!isExact(before) || !isExact(after)) return null;
  if (before.value < PERCENT_MIN_COUNT || after.value < PERCENT_MIN_COUNT) return null;
  return Math.round(((after.value - before.value) / before.value) * 100);
}

/**
 * Trailing rolling mean over `window` periods (the period itself and the window − 1 before it); null
 * when the window is not full or any figure in it is not exact.
 */
export function getRollingMeans(series: readonly CouncilFigure[], window: number): (number | null)[] {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a whole number ≥ 1 (got ${window})`);
  return series.map((_, i) => {
    if (i + 1 < window) return null;
    const part = series.slice(i + 1 - window, i + 1);
    if (!part.every(isExact)) return null;
    return part.reduce((a, f) => a + f.value!, 0) / window;
  });
}

/** The same period a year earlier: '2026-Q3' → '2025-Q3', '2026-07' → '2025-07'. */
export function getSamePeriodLastYear(period: string): string {
  const m = /^(\d{4})(-(?:Q[1-4]|\d{2}))$/.exec(period);
  if (!m) throw new RangeError(`"${period}" is neither a quarter (2026-Q3) nor a month (2026-07)`);
  return `${Number(m[1]) - 1}${m[2]}`;
}

/** The same period `years` years earlier. */
export function getSamePeriodYearsBefore(period: string, years: number): string {
  let p = period;
  for (let i = 0; i < years; i++) p = getSamePeriodLastYear(p);
  return p;
}
