// Turns a quarter's raw cell counts into what is published: each cell with primary suppression
// (suppress-cell.ts), plus area, group and grand totals computed only from published cells
// ("minst X" when parts are suppressed; DESIGN.md §8). Every figure lists the cell variables it sums,
// so the audit can be rebuilt from the frozen rows alone.
import type { CategoryGroup } from '@/lib/domain/categories';
import { suppressCell, type SuppressionReason } from './suppress-cell';
import { sumPublishedCells } from './sum-published-cells';

/** Group key of a total over all groups. */
export const ALL_GROUPS = 'all' as const;
/** Cell key of a total over all cells of the geography (the whole municipality). */
export const TOTAL_CELL = 'total' as const;

export interface RawAggregateCell {
  /** Stable key of the geography cell: 'district:<area id>' or 'grid:<size>:<ix>:<iy>'. */
  cellKey: string;
  areaName: string;
  areaId: string | null;
  gridIx: number | null;
  gridIy: number | null;
  group: CategoryGroup;
  count: number;
  distinctLocations: number;
}

export interface PublicationFigure {
  cellKey: string;
  areaName: string;
  areaId: string | null;
  gridIx: number | null;
  gridIy: number | null;
  group: CategoryGroup | typeof ALL_GROUPS;
  /** Published value, or null for "färre än k". */
  count: number | null;
  suppressed: boolean;
  reason: SuppressionReason | null;
  /** For totals: some parts were suppressed, the figure is a lower bound. */
  atLeast: boolean;
  /** Cell variables this figure sums (its own variable for a cell; the published cells for a total). */
  parts: string[];
}

/**
 * The audit's unknown for one cell: the same key in every version of the quarter, so earlier
 * versions' values constrain the current one. Geography is part of the key ('district', 'grid1000'):
 * cells of different geographies are different unknowns.
 */
export function getCellVariable(quarter: string, geography: string, cellKey: string, group: string): string {
  return `${quarter}|${geography}|${cellKey}|${group}`;
}

export interface BuildPublicationInput {
  quarter: string;
  /** 'district' or 'grid<size in m>' */
  geography: string;
  k: number;
  /** Every cell × group of the fixed geography, zero counts included (a missing cell would reveal a zero). */
  cells: readonly RawAggregateCell[];
  /** Label of the whole-municipality totals. */
  totalName: string;
}

/**
 * Suppresses cells below k incidents or k distinct locations and adds totals per area, per group and
 * overall, each summing published cells only (DESIGN.md §8: no total includes a suppressed cell).
 */
export function buildPublicationFigures(input: BuildPublicationInput): PublicationFigure[] {
  const { quarter, geography, k } = input;
  const cells: PublicationFigure[] = input.cells.map((c) => {
    const s = suppressCell(c, k);
    return {
      cellKey: c.cellKey,
      areaName: c.areaName,
      areaId: c.areaId,
      gridIx: c.gridIx,
      gridIy: c.gridIy,
      group: c.group,
      count: s.value,
      suppressed: s.suppressed,
      reason: s.reason,
      atLeast: false,
      parts: [getCellVariable(quarter, geography, c.cellKey, c.group)],
    };
  });
  const total = (parts: PublicationFigure[], head: Pick<PublicationFigure, 'cellKey' | 'areaName' | 'areaId' | 'gridIx' | 'gridIy' | 'group'>): PublicationFigure => {
    const sum = sumPublishedCells(parts.map((p) => ({ value: p.count })));
    return {
      ...head,
      count: sum.value,
      suppressed: false,
      reason: null,
      atLeast: sum.atLeast,
      parts: parts.filter((p) => !p.suppressed).flatMap((p) => p.parts),
    };
  };
  const byArea = new Map<string, PublicationFigure[]>();
  const byGroup = new Map<string, PublicationFigure[]>();
  for (const c of cells) {
    byArea.set(c.cellKey, [...(byArea.get(c.cellKey) ?? []), c]);
    byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c]);
  }
  const areaTotals = [...byArea.values()].map((parts) => total(parts, { ...parts[0], group: ALL_GROUPS }));
  const groupTotals = [...byGroup.entries()].map(([group, parts]) =>
    total(parts, { cellKey: TOTAL_CELL, areaName: input.totalName, areaId: null, gridIx: null, gridIy: null, group: group as CategoryGroup }),
  );
  const grand = total(cells, { cellKey: TOTAL_CELL, areaName: input.totalName, areaId: null, gridIx: null, gridIy: null, group: ALL_GROUPS });
  return [...cells, ...areaTotals, ...groupTotals, grand];
}
