// Suppressed incident counts on fixed hexagons for viewers without exact access (council): the DTO
// the map draws as hexagons or as a heatmap of cell centres, and its construction from cell counts.
// Pure: counts in, WGS84 cells out; cells below k are left out (absent means "fewer than k").
import { projectSweref99tmToWgs84 } from '@/lib/geo/crs';
import { getHexCellCentre, getHexCellRing } from '@/lib/geo/hex';
import { suppressCell } from '@/lib/privacy/suppress-cell';

/** Hexagon edge in metres (ST_HexagonGrid size): neighbourhood-sized, one fixed grid for every view. */
export const AGGREGATE_HEX_SIZE_M = 500;

export interface HexAggregateCell {
  i: number;
  j: number;
  count: number;
  /** [lon, lat] of the cell centre. */
  centre: [number, number];
  /** Closed ring of [lon, lat]. */
  ring: [number, number][];
}

export interface HexAggregatesDto {
  k: number;
  cellSizeM: number;
  /** The period counted: whole local months around the filter's dates. */
  from: string;
  to: string;
  /** Only cells with at least k incidents at at least k distinct locations. */
  cells: HexAggregateCell[];
}

/**
 * Cells that pass primary suppression (lib/privacy suppressCell, DESIGN.md §8), in WGS84. A suppressed
 * cell is left out entirely rather than marked: "absent" then reads as 0…k−1, never as 1…k−1.
 */
export function buildHexAggregateCells(rows: readonly { i: number; j: number; count: number; distinct_locations: number }[], k: number, sizeM: number): HexAggregateCell[] {
  const out: HexAggregateCell[] = [];
  for (const r of rows) {
    const s = suppressCell({ count: r.count, distinctLocations: r.distinct_locations }, k);
    if (s.suppressed) continue;
    const [cx, cy] = getHexCellCentre(r.i, r.j, sizeM);
    out.push({
      i: r.i,
      j: r.j,
      count: s.value,
      centre: round6(projectSweref99tmToWgs84(cx, cy)),
      ring: getHexCellRing(r.i, r.j, sizeM).map(([x, y]) => round6(projectSweref99tmToWgs84(x, y))),
    });
  }
  return out;
}

function round6([lon, lat]: [number, number]): [number, number] {
  return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}

/** The whole local months a period touches: live aggregates move by months, not by days (fewer differences to subtract). */
export function snapToMonths(from: string, to: string): { from: string; to: string } {
  const [ty, tm] = to.split('-').map(Number);
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return { from: `${from.slice(0, 7)}-01`, to: `${to.slice(0, 7)}-${String(lastDay).padStart(2, '0')}` };
}
