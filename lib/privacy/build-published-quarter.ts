// The reader's view of one frozen publication: cells, area totals and municipality totals as plain
// DTOs, each with the text to show ("12", "minst 12", "färre än 5"). Pure: the rows come in.
import { CATEGORY_GROUP_LABELS, type CategoryGroup } from '@/lib/domain/categories';
import { ALL_GROUPS, TOTAL_CELL } from './build-publication-figures';
import { formatPublishedSum } from './sum-published-cells';

export interface StoredPublication {
  quarter: string;
  version: number;
  k: number;
  geography: string;
  grid_cell_size_m: number | null;
  changelog: string;
  created_at: Date;
}

export interface StoredPublicationCell {
  cell_key: string;
  area_id: string | null;
  area_name: string;
  grid_ix: number | null;
  grid_iy: number | null;
  group_key: string;
  count: number | null;
  at_least: boolean;
}

export interface PublishedCellDto {
  areaName: string;
  /** District id (district geography) or null. */
  areaId: string | null;
  /** Grid cell index (grid geography): ix = floor(x/s), iy = floor(y/s) in SWEREF 99 TM. */
  gridIx: number | null;
  gridIy: number | null;
  group: CategoryGroup | typeof ALL_GROUPS;
  groupLabel: string;
  /** null when suppressed */
  count: number | null;
  /** Totals only: the true figure is at least `count` because parts are suppressed. */
  atLeast: boolean;
  /** What to show: "12", "minst 12" or "färre än 5". */
  display: string;
}

export interface PublishedQuarterDto {
  quarter: string;
  version: number;
  /** 'YYYY-MM-DD' in Stockholm */
  publishedOn: string;
  changelog: string;
  k: number;
  geography: 'district' | 'grid';
  gridCellSizeM: number | null;
  /** Cells of the geography × category group. */
  cells: PublishedCellDto[];
  /** Per area over all groups, summing published cells only. */
  areaTotals: PublishedCellDto[];
  /** The whole municipality per group and over all groups, summing published cells only. */
  municipalityTotals: PublishedCellDto[];
}

const stockholmDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Swedish display text of a published figure (DESIGN.md §8: "färre än k", "minst X"). */
export function formatPublishedFigure(count: number | null, atLeast: boolean, k: number): string {
  return count === null ? `färre än ${k}` : formatPublishedSum({ value: count, atLeast });
}

/** Reshapes a stored publication and its cells into the reader's DTO. */
export function buildPublishedQuarter(pub: StoredPublication, cells: readonly StoredPublicationCell[]): PublishedQuarterDto {
  const dto = (c: StoredPublicationCell): PublishedCellDto => ({
    areaName: c.area_name,
    areaId: c.area_id,
    gridIx: c.grid_ix,
    gridIy: c.grid_iy,
    group: c.group_key as CategoryGroup | typeof ALL_GROUPS,
    groupLabel: c.group_key === ALL_GROUPS ? 'Alla grupper' : (CATEGORY_GROUP_LABELS[c.group_key as CategoryGroup]?.sv ?? c.group_key),
    count: c.count,
    atLeast: c.at_least,
    display: formatPublishedFigure(c.count, c.at_least, pub.k),
  });
  return {
    quarter: pub.quarter,
    version: pub.version,
    publishedOn: stockholmDate.format(pub.created_at),
    changelog: pub.changelog,
    k: pub.k,
    geography: pub.geography as 'district' | 'grid',
    gridCellSizeM: pub.grid_cell_size_m,
    cells: cells.filter((c) => c.cell_key !== TOTAL_CELL && c.group_key !== ALL_GROUPS).map(dto),
    areaTotals: cells.filter((c) => c.cell_key !== TOTAL_CELL && c.group_key === ALL_GROUPS).map(dto),
    municipalityTotals: cells.filter((c) => c.cell_key === TOTAL_CELL).map(dto),
  };
}

/** The latest version of each quarter, oldest quarter first. */
export function listLatestVersions<T extends { quarter: string; version: number }>(pubs: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const p of pubs) if ((latest.get(p.quarter)?.version ?? 0) < p.version) latest.set(p.quarter, p);
  return [...latest.values()].sort((a, b) => a.quarter.localeCompare(b.quarter));
}
