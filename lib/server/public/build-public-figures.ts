// The public's published picture as plain DTOs: every figure of the latest version of each published
// quarter, with the audit variables it sums (`parts`), so anyone can rebuild the disclosure audit from
// what the public API serves; and per focus area a trend made only of the published cells it overlaps
// (DESIGN.md §8). Pure: the frozen rows come in.
import type { CategoryGroup } from '@/lib/domain/categories';
import { ALL_GROUPS, getCellVariable, TOTAL_CELL } from '@/lib/privacy/build-publication-figures';
import { sumPublishedCells } from '@/lib/privacy/sum-published-cells';

export interface PublicFigure {
  /** 'district:<id>', 'grid:<size>:<ix>:<iy>' or 'total' */
  cellKey: string;
  areaName: string;
  group: CategoryGroup | typeof ALL_GROUPS;
  /** null: suppressed ("färre än k") */
  count: number | null;
  /** A sum with suppressed parts: the true figure is at least count ("minst X"). */
  atLeast: boolean;
  /** The audit variables this figure sums: its own for a cell, the published cells for a total. */
  parts: string[];
}

export interface PublicQuarter {
  quarter: string;
  version: number;
  /** 'YYYY-MM-DD' in Stockholm */
  publishedOn: string;
  changelog: string;
  k: number;
  geography: 'district' | 'grid';
  gridCellSizeM: number | null;
  cells: PublicFigure[];
  areaTotals: PublicFigure[];
  municipalityTotals: PublicFigure[];
}

export interface PublicTrendPoint {
  quarter: string;
  version: number;
  /** Sum of the published cells (all groups) the focus area overlaps. */
  count: number;
  atLeast: boolean;
  publishedCells: number;
  suppressedCells: number;
  parts: string[];
}

export interface StoredPublicPublication {
  id: string;
  quarter: string;
  version: number;
  k: number;
  geography: string;
  grid_cell_size_m: number | null;
  changelog: string;
  created_at: Date;
}

export interface StoredPublicCell {
  publication_id: string;
  cell_key: string;
  area_name: string;
  group_key: string;
  count: number | null;
  at_least: boolean;
  parts: string[];
}

const stockholmDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The audit's geography tag of a publication ('district' or 'grid<size>'), as the disclosure core keys variables. */
export function geographyTag(pub: Pick<StoredPublicPublication, 'geography' | 'grid_cell_size_m'>): string {
  return pub.geography === 'grid' ? `grid${pub.grid_cell_size_m}` : 'district';
}

/** Reshapes one frozen publication and its cells into the public DTO. */
export function buildPublicQuarter(pub: StoredPublicPublication, cells: readonly StoredPublicCell[]): PublicQuarter {
  const figure = (c: StoredPublicCell): PublicFigure => ({
    cellKey: c.cell_key,
    areaName: c.area_name,
    group: c.group_key as PublicFigure['group'],
    count: c.count,
    atLeast: c.at_least,
    parts: [...c.parts],
  });
  const own = cells.filter((c) => c.publication_id === pub.id);
  return {
    quarter: pub.quarter,
    version: pub.version,
    publishedOn: stockholmDate.format(pub.created_at),
    changelog: pub.changelog,
    k: pub.k,
    geography: pub.geography === 'grid' ? 'grid' : 'district',
    gridCellSizeM: pub.grid_cell_size_m,
    cells: own.filter((c) => c.cell_key !== TOTAL_CELL && c.group_key !== ALL_GROUPS).map(figure),
    areaTotals: own.filter((c) => c.cell_key !== TOTAL_CELL && c.group_key === ALL_GROUPS).map(figure),
    municipalityTotals: own.filter((c) => c.cell_key === TOTAL_CELL).map(figure),
  };
}

export interface OverlappingCell {
  focus_area_id: string;
  publication_id: string;
  cell_key: string;
  group_key: string;
  count: number | null;
}

/**
 * Per focus area, per published quarter (oldest first): the sum over all groups of the published cells it
 * overlaps, "minst" when some are suppressed. Never a count over the focus polygon itself.
 */
export function buildFocusAreaTrends(pubs: readonly StoredPublicPublication[], cells: readonly OverlappingCell[]): Map<string, PublicTrendPoint[]> {
  const byPub = new Map(pubs.map((p) => [p.id, p]));
  const grouped = new Map<string, Map<string, OverlappingCell[]>>();
  for (const c of cells) {
    if (!byPub.has(c.publication_id)) continue;
    const perArea = grouped.get(c.focus_area_id) ?? new Map<string, OverlappingCell[]>();
    perArea.set(c.publication_id, [...(perArea.get(c.publication_id) ?? []), c]);
    grouped.set(c.focus_area_id, perArea);
  }
  const out = new Map<string, PublicTrendPoint[]>();
  for (const [focusAreaId, perPub] of grouped) {
    const points: PublicTrendPoint[] = [];
    for (const [pubId, parts] of perPub) {
      const pub = byPub.get(pubId)!;
      const sum = sumPublishedCells(parts.map((p) => ({ value: p.count })));
      points.push({
        quarter: pub.quarter,
        version: pub.version,
        count: sum.value,
        atLeast: sum.atLeast,
        publishedCells: sum.publishedParts,
        suppressedCells: sum.suppressedParts,
        parts: parts.filter((p) => p.count !== null).map((p) => getCellVariable(pub.quarter, geographyTag(pub), p.cell_key, p.group_key)),
      });
    }
    points.sort((a, b) => a.quarter.localeCompare(b.quarter));
    out.set(focusAreaId, points);
  }
  return out;
}
