// Primary suppression (DESIGN.md §8, METHODS.md "Public aggregates"): a cell is published only with at
// least k incidents at at least k distinct locations; otherwise it reads "färre än k".

export type SuppressionReason = 'too-few-incidents' | 'too-few-locations';

export interface CellCounts {
  /** Incidents in the cell. */
  count: number;
  /** Distinct rounded locations among them (see location-key.ts). */
  distinctLocations: number;
}

export type SuppressedCell =
  | { suppressed: false; value: number; reason: null }
  | { suppressed: true; value: null; reason: SuppressionReason };

/**
 * Suppresses a cell below k incidents or below k distinct locations (DESIGN.md §8). Zero is
 * suppressed too: were 0 published, "färre än k" would mean 1…k−1, a range the audit forbids.
 */
export function suppressCell(cell: CellCounts, k: number): SuppressedCell {
  if (cell.distinctLocations > cell.count) throw new RangeError('a cell cannot hold more locations than incidents');
  if (cell.count < k) return { suppressed: true, value: null, reason: 'too-few-incidents' };
  if (cell.distinctLocations < k) return { suppressed: true, value: null, reason: 'too-few-locations' };
  return { suppressed: false, value: cell.count, reason: null };
}
