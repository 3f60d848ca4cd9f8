import 'server-only';
// One quarter's figures for an audience, from the one disclosure core: counts in SQL over the fixed
// geography, then suppression and published-only totals (lib/privacy).
import type { Kysely } from 'kysely';
import { listQuarterDistrictCells, listQuarterGridCells } from '@/db/queries/disclosure/quarter-cells';
import type { Database } from '@/db/schema';
import type { CategoryGroup } from '@/lib/domain/categories';
import { buildPublicationFigures, type PublicationFigure } from '@/lib/privacy/build-publication-figures';
import { getQuarterBounds, parseQuarter } from '@/lib/privacy/publication-quarter';
import { listPublicationGroups } from '@/lib/privacy/publication-groups';
import type { DisclosureConfig } from './get-disclosure-config';

export const MUNICIPALITY_TOTAL_NAME = 'Hela kommunen';

/** Suppressed and published figures of one quarter (cells of the fixed geography × groups, plus totals). */
export async function computeQuarterFigures(
  db: Kysely<Database>,
  o: { municipalityCode: string; quarter: string; config: DisclosureConfig },
): Promise<PublicationFigure[]> {
  const { start, end } = getQuarterBounds(parseQuarter(o.quarter));
  const groups = listPublicationGroups();
  const pairs = groups.flatMap((g) => g.categoryKeys.map((key) => [key, g.key] as const));
  const options = {
    municipalityCode: o.municipalityCode,
    quarter: o.quarter,
    start,
    end,
    categoryKeys: pairs.map(([key]) => key),
    groupKeys: pairs.map(([, group]) => group),
    locationRoundingM: o.config.locationRoundingM,
  };
  const rows =
    o.config.geography === 'grid'
      ? await listQuarterGridCells(db, { ...options, cellSizeM: o.config.gridCellSizeM! })
      : await listQuarterDistrictCells(db, options);
  return buildPublicationFigures({
    quarter: o.quarter,
    geography: o.config.geographyKey,
    k: o.config.k,
    totalName: MUNICIPALITY_TOTAL_NAME,
    cells: rows.map((r) => ({
      cellKey: r.cell_key,
      areaName: r.area_name,
      areaId: r.area_id,
      gridIx: r.grid_ix,
      gridIy: r.grid_iy,
      group: r.group_key as CategoryGroup,
      count: r.count,
      distinctLocations: r.distinct_locations,
    })),
  });
}
