// Focus-area and buffer figures are sums of the published cells they overlap (DESIGN.md §8: "focus-area
// figures are sums of published cells"), "minst X" when some overlapping cells are suppressed. Never a
// count over the focus polygon itself: a focus area drawn around one house reveals nothing the
// published cells did not. Pure: the overlapping cells come in.
import { CATEGORY_GROUP_LABELS, type CategoryGroup } from '@/lib/domain/categories';
import { ALL_GROUPS } from './build-publication-figures';
import { sumPublishedCells } from './sum-published-cells';

export interface FocusAreaCellInput {
  targetId: string;
  targetName: string;
  targetKind: 'focus_area' | 'focus_buffer';
  group: string;
  /** null when the cell is suppressed */
  count: number | null;
}

export interface FocusAreaFigureDto {
  id: string;
  name: string;
  kind: 'focus_area' | 'focus_buffer';
  quarter: string;
  version: number;
  group: CategoryGroup | typeof ALL_GROUPS;
  groupLabel: string;
  /** Sum of the published cells it overlaps. */
  count: number;
  /** Some overlapping cells are suppressed: the figure is a lower bound. */
  atLeast: boolean;
  /** "12", "minst 12", or, when every overlapping cell is suppressed, "färre än 5 i varje del". */
  display: string;
  publishedCells: number;
  suppressedCells: number;
}

/** Per focus area (or buffer) and group, plus over all groups: the sum of its overlapping published cells. */
export function buildFocusAreaFigures(pub: { quarter: string; version: number; k: number }, cells: readonly FocusAreaCellInput[]): FocusAreaFigureDto[] {
  const groups = new Map<string, FocusAreaCellInput[]>();
  for (const c of cells) {
    for (const key of [`${c.targetId}\u0001${c.group}`, `${c.targetId}\u0001${ALL_GROUPS}`]) groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.entries()].map(([key, parts]) => {
    const group = key.split('\u0001')[1] as CategoryGroup | typeof ALL_GROUPS;
    const sum = sumPublishedCells(parts.map((p) => ({ value: p.count })));
    return {
      id: parts[0].targetId,
      name: parts[0].targetName,
      kind: parts[0].targetKind,
      quarter: pub.quarter,
      version: pub.version,
      group,
      groupLabel: group === ALL_GROUPS ? 'Alla grupper' : CATEGORY_GROUP_LABELS[group].sv,
      count: sum.value,
      atLeast: sum.atLeast,
      display: sum.publishedParts === 0 ? `färre än ${pub.k} i varje del` : sum.atLeast ? `minst ${sum.value}` : String(sum.value),
      publishedCells: sum.publishedParts,
      suppressedCells: sum.suppressedParts,
    };
  });
}
