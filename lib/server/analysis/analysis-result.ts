import 'server-only';
// The result of an analysis as it is saved (analysis_run.result) and as the page shows it. Saved compact
// and in grid indices / EPSG:3006 (what the computation produced, JSON-safe, deterministic); the view
// (WGS84 GeoJSON for the map, a ranked list of hotspots) is rebuilt from it on every display, so a saved run
// and a fresh job look the same. No function here touches the database.
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { HIGH_DENSITY_NEIGHBOURS } from '@/lib/analysis/dbscan';
import { MIN_INCIDENTS } from '@/lib/analysis/default-parameters';
import type { EmergingCategory } from '@/lib/analysis/emerging-hot-spots';
import { summarizeClusters } from '@/lib/analysis/summarize-clusters';
import { projectSweref99tmToWgs84 } from '@/lib/geo/crs';
import { getSquareCellCentre, getSquareCellRing } from '@/lib/geo/grid';
import { getHexCellCentre, getHexCellRing } from '@/lib/geo/hex';
import type { AnalysisJobResult } from './jobs';

export type AnalysisMethodKey = 'gi_star' | 'dbscan' | 'kde' | 'emerging';
export type CellGridKind = 'square' | 'hex';

/** Warnings as codes (the page words them in the user's language). */
export type AnalysisWarning =
  | { code: 'few-incidents'; count: number; minimum: number }
  | { code: 'zero-variance' }
  | { code: 'no-points' }
  | { code: 'too-few-cells' }
  | { code: 'high-density'; meanNeighbours: number; limit: number }
  | { code: 'zero-variance-steps'; steps: string[] };

/** [a, b, count, z, p, bin] per cell of the study area, in study-area order. */
export type GiCellTuple = [number, number, number, number, number, number];
/** [a, b, category, side (1 hot, −1 cold, 0 none), trend z, trend p, hot steps, incidents] per cell with a pattern. */
export type EmergingCellTuple = [number, number, EmergingCategory, number, number, number, number, number];

export interface StoredCluster {
  cluster: number;
  count: number;
  /** Convex hull ring in EPSG:3006 metres; null for fewer than three non-collinear points. */
  hull: Position[] | null;
  categories: Record<string, number>;
  /** 7 × 24, Monday first, Stockholm time. */
  hourByWeekday: number[];
}

export type StoredResult =
  | { method: 'gi_star'; grid: CellGridKind; cellSize: number; band: number; fdr: boolean; cells: GiCellTuple[]; warnings: AnalysisWarning[] }
  | { method: 'emerging'; grid: CellGridKind; cellSize: number; band: number; steps: string[]; cells: EmergingCellTuple[]; warnings: AnalysisWarning[] }
  | { method: 'dbscan'; eps: number; minPoints: number; clusterCount: number; noise: number; meanNeighbours: number; clusters: StoredCluster[]; warnings: AnalysisWarning[] }
  | { method: 'kde'; cellSize: number; bandwidth: number; cells: [number, number, number][]; warnings: AnalysisWarning[] };

export interface StoredResultContext {
  grid?: CellGridKind;
  cellSize?: number;
  band?: number;
  fdr?: boolean;
  eps?: number;
  minPoints?: number;
  bandwidth?: number;
}

function fewIncidents(count: number): AnalysisWarning[] {
  return count > 0 && count < MIN_INCIDENTS ? [{ code: 'few-incidents', count, minimum: MIN_INCIDENTS }] : [];
}

/** A finished job's result, compact and JSON-safe, as it is saved. */
export function toStoredResult(r: AnalysisJobResult, p: StoredResultContext): StoredResult {
  const count = r.digest.count;
  if (r.kind === 'hot-spots') {
    const base = { method: 'gi_star' as const, grid: p.grid ?? 'square', cellSize: p.cellSize ?? 0, band: p.band ?? 0, fdr: p.fdr ?? true };
    if (!r.result.ok) return { ...base, cells: [], warnings: [...fewIncidents(count), { code: r.result.reason }] };
    return { ...base, cells: r.result.cells.map((c) => [c.a, c.b, c.count, c.z, c.p, c.bin]), warnings: fewIncidents(count) };
  }
  if (r.kind === 'emerging') {
    const base = { method: 'emerging' as const, grid: p.grid ?? 'square', cellSize: p.cellSize ?? 0, band: p.band ?? 0 };
    if (!r.result) return { ...base, steps: [], cells: [], warnings: [{ code: 'no-points' }] };
    const { study, result, steps, countsPerStep } = r.result;
    const cells: EmergingCellTuple[] = [];
    result.categories.forEach((c, k) => {
      if (c.category === 'none') return;
      let hot = 0;
      let incidents = 0;
      for (let t = 0; t < steps.length; t += 1) {
        if (result.bins[t][k] > 0) hot += 1;
        incidents += countsPerStep[t][k];
      }
      cells.push([study.a[k], study.b[k], c.category, c.side === 'hot' ? 1 : c.side === 'cold' ? -1 : 0, result.trendZ[k], result.trendP[k], hot, incidents]);
    });
    const warnings: AnalysisWarning[] = fewIncidents(count);
    if (result.zeroVarianceSteps.length > 0) warnings.push({ code: 'zero-variance-steps', steps: result.zeroVarianceSteps.map((s) => steps[s]) });
    return { ...base, steps, cells, warnings };
  }
  if (r.kind === 'kde') {
    return {
      method: 'kde',
      cellSize: p.cellSize ?? 0,
      bandwidth: p.bandwidth ?? 0,
      cells: r.cells.map((c) => [c.a, c.b, c.density]),
      warnings: count === 0 ? [{ code: 'no-points' }] : fewIncidents(count),
    };
  }
  const { result, points } = r;
  const summaries = summarizeClusters({ x: points.x, y: points.y, labels: result.labels, categories: points.categories, times: points.times });
  let noise = 0;
  for (let k = 0; k < result.labels.length; k += 1) if (result.labels[k] < 0) noise += 1;
  const warnings: AnalysisWarning[] = count === 0 ? [{ code: 'no-points' }] : fewIncidents(count);
  if (result.highDensity) warnings.push({ code: 'high-density', meanNeighbours: result.meanNeighbours, limit: HIGH_DENSITY_NEIGHBOURS });
  return {
    method: 'dbscan',
    eps: p.eps ?? 0,
    minPoints: p.minPoints ?? 0,
    clusterCount: result.clusterCount,
    noise,
    meanNeighbours: result.meanNeighbours,
    clusters: summaries.map((s) => ({ cluster: s.cluster, count: s.count, hull: s.hull ? s.hull.coordinates[0] : null, categories: s.categories, hourByWeekday: s.hourByWeekday ?? [] })),
    warnings,
  };
}

// ---------------------------------------------------------------------------------------------------
// The view: WGS84 GeoJSON and the ranked hotspots.

export interface RankedHotspot {
  /** Stable inside the run: `cell:a:b` of the peak cell, or `cluster:n`. */
  ref: string;
  rank: number;
  /** Incidents in the hotspot (sum over its cells, or cluster members). */
  incidents: number;
  cells: number;
  /** Gi*: the largest z and smallest p, and the confidence of the best cell (90, 95, 99). */
  z: number | null;
  p: number | null;
  confidence: 90 | 95 | 99 | null;
  /** Emerging: the category of the peak cell; KDE: the density (per km²) at the peak. */
  category: EmergingCategory | null;
  density: number | null;
  /** Largest categories (key, count), clusters only. */
  topCategories: [string, number][];
  areaKm2: number;
  /** [lon, lat] to centre the map on. */
  centre: [number, number];
  /** Rings in EPSG:3006 metres: the hotspot's cells or hull (used for comparison and as a focus-area candidate). */
  rings3006: Position[][];
}

export interface CellProperties {
  key: string;
  count: number | null;
  z: number | null;
  p: number | null;
  bin: number | null;
  category: EmergingCategory | null;
  side: number | null;
  density: number | null;
  hotspot: string | null;
}

export interface ResultView {
  method: AnalysisMethodKey;
  cells: FeatureCollection<Polygon, CellProperties>;
  clusters: FeatureCollection<Polygon, { ref: string; cluster: number; count: number }>;
  hotspots: RankedHotspot[];
  /** Counts for the summary line. */
  summary: { hotCells: number; coldCells: number; clusters: number; noise: number | null; cells: number };
  warnings: AnalysisWarning[];
  /** [west, south, east, north] of everything drawn, or null. */
  bounds: [number, number, number, number] | null;
}

const SQRT3 = Math.sqrt(3);

function ringOf(grid: CellGridKind, a: number, b: number, size: number): Position[] {
  return grid === 'hex' ? getHexCellRing(a, b, size) : getSquareCellRing(a, b, size);
}

function centreOf(grid: CellGridKind, a: number, b: number, size: number): [number, number] {
  return grid === 'hex' ? getHexCellCentre(a, b, size) : getSquareCellCentre(a, b, size);
}

function toWgs84Ring(ring: Position[]): Position[] {
  return ring.map(([x, y]) => {
    const [lon, lat] = projectSweref99tmToWgs84(x, y);
    return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
  });
}

function ringArea(ring: Position[]): number {
  let s = 0;
  for (let k = 0; k + 1 < ring.length; k += 1) s += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
  return Math.abs(s) / 2;
}

function cellArea(grid: CellGridKind, size: number): number {
  return grid === 'hex' ? ((3 * SQRT3) / 2) * size * size : size * size;
}

/**
 * Connected groups of the chosen cells: neighbours share an edge (centres one cell apart: s for squares,
 * s·√3 for hexagons). Deterministic: groups in order of their first member, members in input order.
 */
export function groupAdjacentCells(grid: CellGridKind, size: number, cells: readonly { a: number; b: number }[]): number[][] {
  const spacing = (grid === 'hex' ? SQRT3 : 1) * size * 1.001;
  const index = new Map<string, number>();
  cells.forEach((c, k) => index.set(`${c.a}:${c.b}`, k));
  const seen = new Uint8Array(cells.length);
  const groups: number[][] = [];
  const offsets = grid === 'hex' ? [[-1, -1], [-1, 0], [-1, 1], [0, -1], [0, 1], [1, -1], [1, 0], [1, 1]] : [[-1, 0], [1, 0], [0, -1], [0, 1]];
  for (let s = 0; s < cells.length; s += 1) {
    if (seen[s]) continue;
    const group: number[] = [];
    const stack = [s];
    seen[s] = 1;
    while (stack.length) {
      const k = stack.pop()!;
      group.push(k);
      const [x0, y0] = centreOf(grid, cells[k].a, cells[k].b, size);
      for (const [da, db] of offsets) {
        const n = index.get(`${cells[k].a + da}:${cells[k].b + db}`);
        if (n === undefined || seen[n]) continue;
        const [x1, y1] = centreOf(grid, cells[n].a, cells[n].b, size);
        if (Math.hypot(x1 - x0, y1 - y0) > spacing) continue;
        seen[n] = 1;
        stack.push(n);
      }
    }
    groups.push(group.sort((p, q) => p - q));
  }
  return groups;
}

const EMERGING_ORDER: EmergingCategory[] = ['intensifying', 'persistent', 'consecutive', 'new', 'sporadic', 'oscillating', 'diminishing', 'historical', 'none'];

function boundsOf(rings: Position[][]): [number, number, number, number] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const r of rings) {
    for (const [x, y] of r) {
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    }
  }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

function centreLonLat(rings: Position[][]): [number, number] {
  const b = boundsOf(rings);
  if (!b) return [0, 0];
  return projectSweref99tmToWgs84((b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
}

function cellFeature(grid: CellGridKind, size: number, a: number, b: number, props: Partial<CellProperties>): Feature<Polygon, CellProperties> {
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [toWgs84Ring(ringOf(grid, a, b, size))] },
    properties: { key: `${a}:${b}`, count: null, z: null, p: null, bin: null, category: null, side: null, density: null, hotspot: null, ...props },
  };
}

/** Most hotspots listed: the page shows the strongest, the saved result keeps every cell. */
export const MAX_HOTSPOTS = 50;

/** The map layers and the ranked list of a stored result. */
export function buildResultView(r: StoredResult, options: { limit?: number } = {}): ResultView {
  const cells: Feature<Polygon, CellProperties>[] = [];
  const clusters: ResultView['clusters']['features'] = [];
  let hotspots: RankedHotspot[] = [];
  const summary = { hotCells: 0, coldCells: 0, clusters: 0, noise: null as number | null, cells: 0 };
  const allRings: Position[][] = [];
  if (r.method === 'gi_star') {
    const size = r.cellSize;
    const hot = r.cells.filter((c) => c[5] > 0).map(([a, b, count, z, p, bin]) => ({ a, b, count, z, p, bin }));
    summary.cells = r.cells.length;
    summary.hotCells = hot.length;
    summary.coldCells = r.cells.filter((c) => c[5] < 0).length;
    const hotspotOfCell = new Map<string, string>();
    hotspots = groupAdjacentCells(r.grid, size, hot).map((g) => {
      const members = g.map((k) => hot[k]);
      const peak = members.reduce((best, c) => (c.z > best.z || (c.z === best.z && (c.a < best.a || (c.a === best.a && c.b < best.b))) ? c : best));
      const ref = `cell:${peak.a}:${peak.b}`;
      for (const c of members) hotspotOfCell.set(`${c.a}:${c.b}`, ref);
      const rings = members.map((c) => ringOf(r.grid, c.a, c.b, size));
      const bin = Math.max(...members.map((c) => c.bin));
      return {
        ref,
        rank: 0,
        incidents: members.reduce((s, c) => s + c.count, 0),
        cells: members.length,
        z: peak.z,
        p: Math.min(...members.map((c) => c.p)),
        confidence: bin >= 3 ? 99 : bin === 2 ? 95 : 90,
        category: null,
        density: null,
        topCategories: [],
        areaKm2: (members.length * cellArea(r.grid, size)) / 1e6,
        centre: centreLonLat(rings),
        rings3006: rings,
      } satisfies RankedHotspot;
    });
    hotspots.sort((p, q) => q.z! - p.z! || q.incidents - p.incidents || p.ref.localeCompare(q.ref));
    // Only significant cells are drawn: thousands of grey cells would hide the map.
    for (const [a, b, count, z, p, bin] of r.cells) {
      if (bin === 0) continue;
      cells.push(cellFeature(r.grid, size, a, b, { count, z, p, bin, hotspot: hotspotOfCell.get(`${a}:${b}`) ?? null }));
      allRings.push(ringOf(r.grid, a, b, size));
    }
  } else if (r.method === 'emerging') {
    const size = r.cellSize;
    summary.cells = r.cells.length;
    for (const [a, b, category, side, trendZ, trendP, , incidents] of r.cells) {
      cells.push(cellFeature(r.grid, size, a, b, { category, side, z: trendZ, p: trendP, count: incidents, hotspot: side > 0 ? `cell:${a}:${b}` : null }));
      allRings.push(ringOf(r.grid, a, b, size));
      if (side > 0) summary.hotCells += 1;
      else if (side < 0) summary.coldCells += 1;
      if (side > 0) {
        const rings = [ringOf(r.grid, a, b, size)];
        hotspots.push({
          ref: `cell:${a}:${b}`,
          rank: 0,
          incidents,
          cells: 1,
          z: trendZ,
          p: trendP,
          confidence: null,
          category,
          density: null,
          topCategories: [],
          areaKm2: cellArea(r.grid, size) / 1e6,
          centre: centreLonLat(rings),
          rings3006: rings,
        });
      }
    }
    hotspots.sort((p, q) => EMERGING_ORDER.indexOf(p.category!) - EMERGING_ORDER.indexOf(q.category!) || q.incidents - p.incidents || p.ref.localeCompare(q.ref));
  } else if (r.method === 'kde') {
    const size = r.cellSize;
    summary.cells = r.cells.length;
    const byKey = new Map(r.cells.map(([a, b, d]) => [`${a}:${b}`, d]));
    const max = r.cells.reduce((m, c) => Math.max(m, c[2]), 0);
    for (const [a, b, density] of r.cells) {
      // Faint cells (under 5 % of the peak) are left out of the map.
      if (density < 0.05 * max) continue;
      cells.push(cellFeature('square', size, a, b, { density }));
      allRings.push(ringOf('square', a, b, size));
      let peak = density >= 0.2 * max;
      for (let da = -1; da <= 1 && peak; da += 1) for (let db = -1; db <= 1 && peak; db += 1) if ((da || db) && (byKey.get(`${a + da}:${b + db}`) ?? 0) > density) peak = false;
      if (peak) {
        const rings = [ringOf('square', a, b, size)];
        hotspots.push({ ref: `cell:${a}:${b}`, rank: 0, incidents: 0, cells: 1, z: null, p: null, confidence: null, category: null, density, topCategories: [], areaKm2: (size * size) / 1e6, centre: centreLonLat(rings), rings3006: rings });
      }
    }
    hotspots.sort((p, q) => q.density! - p.density! || p.ref.localeCompare(q.ref));
  } else {
    summary.clusters = r.clusterCount;
    summary.noise = r.noise;
    for (const c of r.clusters) {
      if (!c.hull) continue;
      const ref = `cluster:${c.cluster}`;
      clusters.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [toWgs84Ring(c.hull)] }, properties: { ref, cluster: c.cluster, count: c.count } });
      allRings.push(c.hull);
    }
    hotspots = r.clusters.map((c) => {
      const rings = c.hull ? [c.hull] : [];
      return {
        ref: `cluster:${c.cluster}`,
        rank: 0,
        incidents: c.count,
        cells: 0,
        z: null,
        p: null,
        confidence: null,
        category: null,
        density: null,
        topCategories: Object.entries(c.categories)
          .sort((p, q) => q[1] - p[1] || p[0].localeCompare(q[0]))
          .slice(0, 3),
        areaKm2: c.hull ? ringArea(c.hull) / 1e6 : 0,
        centre: centreLonLat(rings),
        rings3006: rings,
      };
    });
    hotspots.sort((p, q) => q.incidents - p.incidents || p.ref.localeCompare(q.ref));
  }
  hotspots.forEach((h, k) => (h.rank = k + 1));
  const b = boundsOf(allRings);
  let bounds: ResultView['bounds'] = null;
  if (b) {
    const [w, s] = projectSweref99tmToWgs84(b[0], b[1]);
    const [e, n] = projectSweref99tmToWgs84(b[2], b[3]);
    bounds = [w, s, e, n];
  }
  return {
    method: r.method,
    cells: { type: 'FeatureCollection', features: cells },
    clusters: { type: 'FeatureCollection', features: clusters },
    hotspots: hotspots.slice(0, options.limit ?? MAX_HOTSPOTS),
    summary,
    warnings: r.warnings,
    bounds,
  };
}

/** A hotspot's area as a GeoJSON MultiPolygon in EPSG:3006 (cells may touch: union it in SQL before use). */
export function hotspotMultiPolygon3006(h: Pick<RankedHotspot, 'rings3006'>): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: h.rings3006.map((r) => [r]) };
}
