export interface BenjaminiHochbergResult {
  /** Adjusted p-values as R's p.adjust(p, "BH"); NaN stays NaN. */
  adjusted: number[];
  /** p ≤ p_(k) for the largest rank k with p_(k) ≤ (k/m)·q. */
  significant: boolean[];
}

/**
 * Benjamini–Hochberg false discovery rate control at level q. NaN p-values are left out of m (as R's p.adjust does).
 * Source: Benjamini & Hochberg (1995), JRSS B 57(1); adjusted values as R's p.adjust(method = "BH").
 */
export function benjaminiHochberg(p: ArrayLike<number>, q: number): BenjaminiHochbergResult {
  const idx: number[] = [];
  for (let i = 0; i < p.length; i += 1) if (!Number.isNaN(p[i])) idx.push(i);
  idx.sort((a, b) => p[a] - p[b] || a - b);
  const m = idx.length;
  const adjusted = new Array<number>(p.length).fill(NaN);
  const significant = new Array<boolean>(p.length).fill(false);
  let running = Infinity;
  for (let r = m; r >= 1; r -= 1) {
    const i = idx[r - 1];
    running = Math.min(running, (m / r) * p[i]);
    adjusted[i] = Math.min(1, running);
  }
  let cut = -Infinity;
  for (let r = m; r >= 1; r -= 1) {
    const v = p[idx[r - 1]];
    if (v <= (r / m) * q) {
      cut = v;
      break;
    }
  }
  for (const i of idx) significant[i] = p[i] <= cut;
  return { adjusted, significant };
}
