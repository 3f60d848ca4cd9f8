import 'server-only';
import type { Kysely } from 'kysely';
import { type CellCountRow, type CellCounts, type CellGrid, type IncidentFilter, listIncidentCellCounts, listStepKeys, type PointExtent, type TimeStep } from '@/db/queries/analysis/cell-counts';
import { listMunicipalityStudyCells, type StudyAreaCell } from '@/db/queries/analysis/study-area-cells';
import type { Database } from '@/db/schema';
import { buildDistanceBandNeighbours, type NeighbourList } from '@/lib/analysis/distance-band-neighbours';
import { MIN_INCIDENTS } from '@/lib/analysis/default-parameters';
import { type EmergingHotSpotResult, findEmergingHotSpots } from '@/lib/analysis/emerging-hot-spots';
import type { HotSpotCell, HotSpotCellsResult } from '@/lib/analysis/get-hot-spot-cells';
import { giStarWithNeighbours } from '@/lib/analysis/gi-star';
import { getSignificanceBins } from '@/lib/analysis/significance-bins';
import { binPointsToSquareGrid, getSquareCellCentre } from '@/lib/geo/grid';
import { getHexCellCentre, getHexGridRange, listHexCells } from '@/lib/geo/hex';

export interface HotSpotRunOptions extends IncidentFilter {
  grid: CellGrid;
  /** Square side or hexagon edge (as ST_HexagonGrid), metres. */
  cellSize: number;
  /** Distance band, metres: centres within it (≤) are neighbours, self included. */
  band: number;
  fdr?: boolean;
  /**
   * 'points' (default): the rectangle of cells the points span (hexagons: touching their bounding box);
   * 'municipality': the cells touching the municipality's outline (area of kind 'municipality').
   */
  studyArea?: 'points' | 'municipality';
}

/** The study area: every cell of the rectangle the points span (square) or every hexagon touching their bbox. */
export interface StudyGrid {
  grid: CellGrid;
  cellSize: number;
  a: Int32Array;
  b: Int32Array;
  cx: Float64Array;
  cy: Float64Array;
  /** Cell position of (a, b). */
  indexOf: (a: number, b: number) => number;
}

/**
 * The study area from the points' extent alone, cell for cell what lib/analysis getHotSpotCells builds from the
 * points (METHODS.md "Grids": the full rectangle, zero-count cells included). Square cells row-major from
 * (ixMin, iyMin); hexagons in ST_HexagonGrid order for the points' bounding box.
 */
export function buildStudyGrid(extent: PointExtent | null, grid: CellGrid, cellSize: number): StudyGrid {
  if (!extent) throw new RangeError('no points');
  const { minX, minY, maxX, maxY } = extent;
  if (grid === 'square') {
    const ixMin = Math.floor(minX / cellSize);
    const iyMin = Math.floor(minY / cellSize);
    const nx = Math.floor(maxX / cellSize) - ixMin + 1;
    const ny = Math.floor(maxY / cellSize) - iyMin + 1;
    const g = binPointsToSquareGrid([], [], cellSize, { cellSize, ixMin, iyMin, nx, ny });
    const n = nx * ny;
    const a = new Int32Array(n);
    const b = new Int32Array(n);
    for (let k = 0; k < n; k += 1) {
      a[k] = ixMin + (k % nx);
      b[k] = iyMin + Math.floor(k / nx);
    }
    const indexOf = (ia: number, ib: number) => {
      const c = ia - ixMin;
      const r = ib - iyMin;
      return c >= 0 && c < nx && r >= 0 && r < ny ? r * nx + c : -1;
    };
    return { grid, cellSize, a, b, cx: g.cx, cy: g.cy, indexOf };
  }
  const cells = listHexCells(getHexGridRange(minX, minY, maxX, maxY, cellSize));
  const n = cells.length;
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  const slot = new Map<string, number>();
  cells.forEach((c, k) => {
    a[k] = c.i;
    b[k] = c.j;
    [cx[k], cy[k]] = getHexCellCentre(c.i, c.j, cellSize);
    slot.set(`${c.i},${c.j}`, k);
  });
  return { grid, cellSize, a, b, cx, cy, indexOf: (ia, ib) => slot.get(`${ia},${ib}`) ?? -1 };
}

/** The study grid of given cells (e.g. those touching the municipality outline), in their order. */
export function buildStudyGridFromCells(cells: readonly StudyAreaCell[], grid: CellGrid, cellSize: number): StudyGrid {
  const n = cells.length;
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  const slot = new Map<string, number>();
  cells.forEach((c, k) => {
    a[k] = c.a;
    b[k] = c.b;
    [cx[k], cy[k]] = grid === 'square' ? getSquareCellCentre(c.a, c.b, cellSize) : getHexCellCentre(c.a, c.b, cellSize);
    slot.set(`${c.a},${c.b}`, k);
  });
  return { grid, cellSize, a, b, cx, cy, indexOf: (ia, ib) => slot.get(`${ia},${ib}`) ?? -1 };
}

/** Cells of the municipality study area, or undefined for the points' rectangle; throws when there is no outline. */
export async function getStudyAreaCells(db: Kysely<Database>, options: HotSpotRunOptions): Promise<StudyAreaCell[] | undefined> {
  if (options.studyArea !== 'municipality') return undefined;
  const cells = await listMunicipalityStudyCells(db, options);
  if (cells.length === 0) throw new Error(`Municipality ${options.municipalityCode} has no outline (area of kind 'municipality') to use as study area.`);
  return cells;
}

/** Counts of rows (of one step, or all) placed on the study grid; cells outside it are dropped as in binPointsToHexGrid. */
export function placeCounts(study: StudyGrid, rows: readonly CellCountRow[]): Float64Array {
  const counts = new Float64Array(study.a.length);
  for (const r of rows) {
    const k = study.indexOf(r.a, r.b);
    if (k >= 0) counts[k] += r.count;
  }
  return counts;
}

/**
 * Gi* hot and cold spots from the incident table: counts per cell binned in SQL by arithmetic cell index,
 * the full study rectangle with zero cells built here, Gi* with a distance band and ArcGIS bins (FDR by default).
 * Gives cell for cell what getHotSpotCells gives on the same points. Source: METHODS.md "Grids", "Getis-Ord Gi*".
 * TODO(#6): take a viewer instead of a municipality code and apply its permission scope.
 */
export async function runHotSpots(db: Kysely<Database>, options: HotSpotRunOptions): Promise<HotSpotCellsResult> {
  const studyCells = await getStudyAreaCells(db, options);
  const counts = await listIncidentCellCounts(db, { ...options, step: undefined });
  return getHotSpotsFromCellCounts(counts, options, studyCells);
}

/** The part of runHotSpots after the database: cell counts → study grid → Gi* → bins. */
export function getHotSpotsFromCellCounts({ rows, extent }: CellCounts, options: Pick<HotSpotRunOptions, 'grid' | 'cellSize' | 'band' | 'fdr'>, studyCells?: readonly StudyAreaCell[]): HotSpotCellsResult {
  const total = rows.reduce((s, r) => s + r.count, 0);
  if (total === 0) return { ok: false, reason: 'no-points', message: 'There are no incidents to analyse.' };
  const warnings: string[] = [];
  if (total < MIN_INCIDENTS) warnings.push(`Only ${total} incidents: hot-spot statistics need at least ${MIN_INCIDENTS} to mean much.`);
  const study = studyCells ? buildStudyGridFromCells(studyCells, options.grid, options.cellSize) : buildStudyGrid(extent, options.grid, options.cellSize);
  const counts = placeCounts(study, rows);
  const r = giStarWithNeighbours(counts, buildDistanceBandNeighbours(study.cx, study.cy, options.band));
  if (!r.ok) return r;
  const bins = getSignificanceBins(r.z, r.p, { fdr: options.fdr ?? true });
  const cells: HotSpotCell[] = Array.from(counts, (count, k) => ({ a: study.a[k], b: study.b[k], count, z: r.z[k], p: r.p[k], bin: bins[k] }));
  return { ok: true, cells, warnings };
}

export interface EmergingRunOptions extends HotSpotRunOptions {
  /** Local dates 'YYYY-MM-DD', both required: the steps run from the step of `from` to that of `to`. */
  from: string;
  to: string;
  step: TimeStep;
  trendAlpha?: number;
}

export interface EmergingRunResult {
  steps: string[];
  study: StudyGrid;
  /** Counts per step on the study grid (same order as study.a / study.b). */
  countsPerStep: Float64Array[];
  neighbours: NeighbourList;
  result: EmergingHotSpotResult;
}

/**
 * Emerging hot spots from the incident table: counts per cell per local calendar step binned in SQL (one
 * query), one study grid over the whole period, then findEmergingHotSpots (Gi* per step with FDR within the
 * step, Mann–Kendall of each cell's z-series, METHODS.md categories). Null when there are no incidents.
 * TODO(#6): take a viewer instead of a municipality code and apply its permission scope.
 */
export async function runEmergingHotSpots(db: Kysely<Database>, options: EmergingRunOptions): Promise<EmergingRunResult | null> {
  const studyCells = await getStudyAreaCells(db, options);
  const counts = await listIncidentCellCounts(db, options);
  return getEmergingFromCellCounts(counts, options, studyCells);
}

/** Steps, study grid, counts per step and neighbour lists: the input of findEmergingHotSpots. Null without incidents. */
export function prepareEmergingInput({ rows, extent }: CellCounts, options: Omit<EmergingRunOptions, 'municipalityCode'>, studyCells?: readonly StudyAreaCell[]): Omit<EmergingRunResult, 'result'> | null {
  if (rows.length === 0) return null;
  const steps = listStepKeys(options.from, options.to, options.step);
  const study = studyCells ? buildStudyGridFromCells(studyCells, options.grid, options.cellSize) : buildStudyGrid(extent, options.grid, options.cellSize);
  const byStep = new Map<string, CellCountRow[]>(steps.map((s) => [s, []]));
  for (const r of rows) byStep.get(r.step ?? '')?.push(r);
  const countsPerStep = steps.map((s) => placeCounts(study, byStep.get(s) ?? []));
  const neighbours = buildDistanceBandNeighbours(study.cx, study.cy, options.band);
  return { steps, study, countsPerStep, neighbours };
}

/** The part of runEmergingHotSpots after the database. */
export function getEmergingFromCellCounts(counts: CellCounts, options: Omit<EmergingRunOptions, 'municipalityCode'>, studyCells?: readonly StudyAreaCell[]): EmergingRunResult | null {
  const input = prepareEmergingInput(counts, options, studyCells);
  if (!input) return null;
  const result = findEmergingHotSpots(input.countsPerStep, input.neighbours, { fdr: options.fdr ?? true, trendAlpha: options.trendAlpha });
  return { ...input, result };
}
