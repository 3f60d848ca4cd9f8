// Who sees an aggregate decides its k (DESIGN.md §8): the public default 5, the council default 3,
// and never below 3 for anyone, whatever a setting says.

export const DISCLOSURE_AUDIENCES = ['public', 'council', 'partner'] as const;
export type DisclosureAudience = (typeof DISCLOSURE_AUDIENCES)[number];

/** No cell is ever published below this many incidents (DESIGN.md §8: "never below 3"). */
export const MIN_K = 3;

/**
 * Default k per audience. Public 5 and council 3 are DESIGN.md §8. Partners (housing companies,
 * business associations) are outside organisations that may hold their own records of the same
 * places, so they get the public default rather than the council's.
 */
export const DEFAULT_K: Readonly<Record<DisclosureAudience, number>> = { public: 5, council: 3, partner: 5 };

/**
 * The k to use for an audience: the requested one (a setting or a CLI flag) or the default.
 * Throws when the requested k is below MIN_K or not a whole number, so a bad setting fails loudly
 * instead of publishing small counts (DESIGN.md §8).
 */
export function resolveDisclosureK(audience: DisclosureAudience, requested?: number | null): number {
  const k = requested ?? DEFAULT_K[audience];
  if (!Number.isInteger(k) || k < MIN_K) throw new RangeError(`k must be a whole number of at least ${MIN_K} (got ${k})`);
  return k;
}
