/**
 * Weighted displacement quotient WDQ = (B1/C1 − B0/C0) / (A1/C1 − A0/C0); meaningful only when the target
 * improved (denominator < 0, `readable`). Source: Bowers & Johnson (2003), J. Quant. Criminol. 19(3); METHODS.md.
 */
export function getWeightedDisplacementQuotient(c: { a0: number; a1: number; b0: number; b1: number; c0: number; c1: number }): { wdq: number; readable: boolean } {
  const denom = c.a1 / c.c1 - c.a0 / c.c0;
  const wdq = (c.b1 / c.c1 - c.b0 / c.c0) / denom;
  return { wdq, readable: denom < 0 && Number.isFinite(wdq) };
}

export interface WeightedDisplacementDifference {
  wdd: number;
  variance: number;
  se: number;
  z: number;
}

/**
 * Weighted displacement difference WDD = (A1 − A0) − (C1 − C0) + (B1 − B0) − (D1 − D0), D the buffer's control;
 * under Poisson Var = sum of all eight counts, z = WDD/√Var. Source: Wheeler & Ratcliffe (2018), Crime Science 7:2.
 */
export function getWeightedDisplacementDifference(c: { a0: number; a1: number; b0: number; b1: number; c0: number; c1: number; d0: number; d1: number }): WeightedDisplacementDifference {
  const wdd = c.a1 - c.a0 - (c.c1 - c.c0) + (c.b1 - c.b0) - (c.d1 - c.d0);
  const variance = c.a0 + c.a1 + c.b0 + c.b1 + c.c0 + c.c1 + c.d0 + c.d1;
  const se = Math.sqrt(variance);
  return { wdd, variance, se, z: se > 0 ? wdd / se : NaN };
}
