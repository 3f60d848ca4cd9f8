import { benjaminiHochberg } from '@/lib/analysis/benjamini-hochberg';

/** Confidence levels of the ArcGIS bins ±1, ±2, ±3. */
export const SIGNIFICANCE_LEVELS = [0.1, 0.05, 0.01] as const;

export interface SignificanceBinOptions {
  /** Benjamini–Hochberg within this set of cells (default true); false = each p against α uncorrected. */
  fdr?: boolean;
}

/**
 * ArcGIS-style Gi_Bin: ±3/±2/±1 for the strictest of α = 0.01/0.05/0.10 a cell passes, sign from z, 0 otherwise.
 * With FDR, "passes α" means significant under Benjamini–Hochberg at q = α (METHODS.md); without, p ≤ α.
 * Source: ArcGIS Pro "Hot Spot Analysis (Getis-Ord Gi*)" output fields; Benjamini & Hochberg (1995).
 */
export function getSignificanceBins(z: ArrayLike<number>, p: ArrayLike<number>, options: SignificanceBinOptions = {}): Int8Array {
  const fdr = options.fdr ?? true;
  const n = p.length;
  const bins = new Int8Array(n);
  SIGNIFICANCE_LEVELS.forEach((alpha, level) => {
    const pass = fdr ? benjaminiHochberg(p, alpha).significant : Array.from(p, (v) => v <= alpha);
    for (let i = 0; i < n; i += 1) {
      if (pass[i] && z[i] !== 0 && !Number.isNaN(z[i])) bins[i] = (Math.sign(z[i]) * (level + 1)) as number;
    }
  });
  return bins;
}
