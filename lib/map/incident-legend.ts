// What the incident layer draws, for its legend: category colours for points, or the count ramp with
// the classes and cell size the hexagon layer uses, or the heatmap's relative scale. Pure: the map
// passes in its mode, view and the counts it drew.
import type { MapView } from '@/lib/schemas/map-filters';
import { type RampClass, rampClasses } from './count-ramp';

/** Where the drawn incidents come from: the server's suppressed cells, its exact cells below street zoom, or points in the browser. */
export type DrawnFrom = 'suppressed' | 'exact-aggregate' | 'points';

export type IncidentLegend =
  | { kind: 'points' }
  | {
      kind: 'hex';
      source: DrawnFrom;
      /** Hexagon edge (= radius) in metres. */
      cellSizeM: number;
      /** Count classes of the colours drawn; null while the counts load; [] when no cell holds any. */
      classes: RampClass[] | null;
      /** Cells below k are left out (suppressed source only). */
      k: number | null;
    }
  | { kind: 'heat'; source: DrawnFrom; cellSizeM: number | null; k: number | null };

export interface IncidentLegendInput {
  view: MapView;
  source: DrawnFrom;
  /** Hexagon edge of the drawn cells (server aggregates) or of the browser's hexagon view. */
  cellSizeM: number;
  /** [min, max] count per drawn hexagon; null while the counts load or when no hexagon holds any. */
  extent: readonly [number, number] | null;
  /** The counts are in (a null extent then means: no incidents). */
  loaded: boolean;
  k?: number | null;
}

/**
 * The legend of what the incident layer draws. Server aggregates are hexagons in every view but the
 * heatmap (below street zoom no points exist in the browser); points are drawn as points, as browser
 * hexagons or as a heatmap.
 */
export function incidentLegendFor(input: IncidentLegendInput): IncidentLegend {
  const { view, source, cellSizeM } = input;
  const k = input.k ?? null;
  if (view === 'heat') return { kind: 'heat', source, cellSizeM: source === 'points' ? null : cellSizeM, k };
  if (source === 'points' && view === 'points') return { kind: 'points' };
  const classes = input.extent ? rampClasses(input.extent[0], input.extent[1]) : input.loaded ? [] : null;
  return { kind: 'hex', source, cellSizeM, classes, k };
}
