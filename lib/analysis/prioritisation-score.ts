export interface PriorityCriterion {
  key: string;
  weight: number;
  /** 'higher' (default): a larger raw value means more priority; 'lower': a smaller one does. */
  direction?: 'higher' | 'lower';
}

export interface PriorityCandidate {
  id: string;
  /** Raw criterion values; a missing or non-finite value counts as the least priority (0 after normalising). */
  values: Record<string, number | null | undefined>;
}

export interface PriorityResult {
  id: string;
  score: number;
  rank: number;
  /** Per criterion: normalised value 0…1, weight × normalised, and its share of the score. */
  parts: Record<string, { normalised: number; contribution: number; share: number }>;
}

/**
 * Prioritisation score: each criterion min–max normalised to 0…1 across candidates (all equal → 0), then
 * score = Σ weight × criterion; ranked by score, ties by id so the order is deterministic. Source: METHODS.md
 * "Prioritising focus areas" (simple additive weighting, as in multi-criteria decision analysis).
 */
export function scorePriorities(candidates: PriorityCandidate[], criteria: PriorityCriterion[]): PriorityResult[] {
  const ranges = criteria.map((c) => {
    const vals = candidates.map((k) => k.values[c.key]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    return { min: Math.min(...vals), max: Math.max(...vals) };
  });
  const results = candidates.map((cand) => {
    const parts: PriorityResult['parts'] = {};
    let score = 0;
    criteria.forEach((c, k) => {
      const v = cand.values[c.key];
      const { min, max } = ranges[k];
      let normalised = 0;
      if (typeof v === 'number' && Number.isFinite(v) && max > min) {
        normalised = (v - min) / (max - min);
        if (c.direction === 'lower') normalised = 1 - normalised;
      }
      const contribution = c.weight * normalised;
      score += contribution;
      parts[c.key] = { normalised, contribution, share: 0 };
    });
    for (const key of Object.keys(parts)) parts[key].share = score > 0 ? parts[key].contribution / score : 0;
    return { id: cand.id, score, rank: 0, parts };
  });
  results.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  results.forEach((r, k) => (r.rank = k + 1));
  return results;
}
