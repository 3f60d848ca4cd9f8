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
    out.push(hexCell(r.i, r.j, s.value, sizeM));
  }
  return out;
}

/** Hexagon (i, j) of edge sizeM (EPSG:3006, ST_HexagonGrid numbering) with its count, in WGS84. */
export function hexCell(i: number, j: number, count: number, sizeM: number): HexAggregateCell {
  const [cx, cy] = getHexCellCentre(i, j, sizeM);
  return {
    i,
    j,
    count,
    centre: round6(projectSweref99tmToWgs84(cx, cy)),
    ring: getHexCellRing(i, j, sizeM).map(([x, y]) => round6(projectSweref99tmToWgs84(x, y))),
  };
}

/**
 * Exact counts per hexagon for viewers with exact access (GET /api/v1/aggregates/exact): what the map
 * draws below street zoom instead of points. Counted in SQL over exactly the incidents the viewer may
 * see, so nothing is suppressed; compact (no rings) because the finer levels hold thousands of cells.
 */
export interface ExactHexAggregatesDto {
  cellSizeM: number;
  /** The filter's local dates (null: unbounded), as counted. */
  from: string | null;
  to: string | null;
  /** Incidents counted: the sum of the cells. */
  total: number;
  /** Flat triples i, j, count (ST_HexagonGrid numbering in EPSG:3006). */
  cells: number[];
}

/** The cells of an exact aggregate as the hexagon layers draw them (the same layers as the council's). */
export function exactAggregateCells(dto: Pick<ExactHexAggregatesDto, 'cellSizeM' | 'cells'>): HexAggregateCell[] {
  const out: HexAggregateCell[] = [];
  for (let k = 0; k + 2 < dto.cells.length; k += 3) out.push(hexCell(dto.cells[k], dto.cells[k + 1], dto.cells[k + 2], dto.cellSizeM));
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
