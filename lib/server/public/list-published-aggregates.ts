import 'server-only';
// GET-side of the public map's aggregates: frozen snapshots only, the latest version of each published
// quarter, as plain DTOs (DESIGN.md §8). Nothing here reads `incident`: no live count, no geometry.
import type { Kysely } from 'kysely';
import { listPublicationCells, listPublications } from '@/db/queries/disclosure/publication';
import { withPublicationTables } from '@/db/queries/disclosure/types';
import type { Database } from '@/db/schema';
import { CATEGORY_GROUP_LABELS, type CategoryGroup } from '@/lib/domain/categories';
import { formatPublishedSum } from '@/lib/privacy/sum-published-cells';

export interface PublishedCellDto {
  areaName: string;
  /** District id (district geography) or null. */
  areaId: string | null;
  /** Grid cell index (grid geography): ix = floor(x/s), iy = floor(y/s) in SWEREF 99 TM. */
  gridIx: number | null;
  gridIy: number | null;
  group: CategoryGroup | 'all';
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

/** The public's published aggregates, latest version per quarter, oldest quarter first. */
export async function listPublishedAggregates(db: Kysely<Database>, o: { municipalityCode: string; quarter?: string }): Promise<PublishedQuarterDto[]> {
  const dbp = withPublicationTables(db);
  const all = await listPublications(dbp, { municipalityCode: o.municipalityCode, audience: 'public', quarter: o.quarter });
  const latest = new Map<string, (typeof all)[number]>();
  for (const p of all) if ((latest.get(p.quarter)?.version ?? 0) < p.version) latest.set(p.quarter, p);
  const pubs = [...latest.values()];
  const cells = await listPublicationCells(dbp, pubs.map((p) => p.id));
  return pubs.map((p) => {
    const dtos = cells
      .filter((c) => c.publication_id === p.id)
      .map((c) => ({
        dto: {
          areaName: c.area_name,
          areaId: c.area_id,
          gridIx: c.grid_ix,
          gridIy: c.grid_iy,
          group: c.group_key as CategoryGroup | 'all',
          groupLabel: c.group_key === 'all' ? 'Alla grupper' : CATEGORY_GROUP_LABELS[c.group_key as CategoryGroup].sv,
          count: c.count,
          atLeast: c.at_least,
          display: c.count === null ? `färre än ${p.k}` : formatPublishedSum({ value: c.count, atLeast: c.at_least }),
        } satisfies PublishedCellDto,
        isTotalArea: c.cell_key === 'total',
      }));
    return {
      quarter: p.quarter,
      version: p.version,
      publishedOn: stockholmDate.format(p.created_at),
      changelog: p.changelog,
      k: p.k,
      geography: p.geography as 'district' | 'grid',
      gridCellSizeM: p.grid_cell_size_m,
      cells: dtos.filter((d) => !d.isTotalArea && d.dto.group !== 'all').map((d) => d.dto),
      areaTotals: dtos.filter((d) => !d.isTotalArea && d.dto.group === 'all').map((d) => d.dto),
      municipalityTotals: dtos.filter((d) => d.isTotalArea).map((d) => d.dto),
    };
  });
}
