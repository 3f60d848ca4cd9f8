// Totals, area sums and focus-area figures are sums of published cells only (DESIGN.md §8: "no total,
// trend or focus-area figure includes a suppressed cell"); when parts are suppressed the figure is a
// lower bound, shown as "minst X".

export interface PublishedOrSuppressed {
  /** The published count, or null when the cell is suppressed. */
  value: number | null;
}

export interface PublishedSum {
  /** Sum of the published parts. */
  value: number;
  /** True when at least one part was suppressed: the true figure is at least `value` ("minst X"). */
  atLeast: boolean;
  /** How many parts were published and summed. */
  publishedParts: number;
  suppressedParts: number;
}

/** Sums the published cells and marks the sum "minst" when any part is suppressed (DESIGN.md §8). */
export function sumPublishedCells(cells: readonly PublishedOrSuppressed[]): PublishedSum {
  let value = 0;
  let publishedParts = 0;
  for (const c of cells) {
    if (c.value === null) continue;
    value += c.value;
    publishedParts += 1;
  }
  const suppressedParts = cells.length - publishedParts;
  return { value, atLeast: suppressedParts > 0, publishedParts, suppressedParts };
}

/** Swedish text of a published sum: "12" or "minst 12". */
export function formatPublishedSum(sum: Pick<PublishedSum, 'value' | 'atLeast'>): string {
  return sum.atLeast ? `minst ${sum.value}` : String(sum.value);
}
