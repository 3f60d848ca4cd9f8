// Suppressed hexagon counts from the server (lib/map/hex-aggregates.ts) as deck.gl layers, for viewers
// without exact access: filled hexagons coloured by count, or a heatmap of cell centres weighted by
// count. No points exist in the browser for them.
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import { PolygonLayer } from '@deck.gl/layers';
import { DENSITY_RAMP, countExtent, rampIndex } from './count-ramp';
import type { HexAggregateCell } from './hex-aggregates';

export const AGGREGATE_HEX_LAYER_ID = 'aggregate-hex';
export const AGGREGATE_HEAT_LAYER_ID = 'aggregate-heat';

export function createAggregateHexLayer(cells: readonly HexAggregateCell[]) {
  // The legend (app/_components/map/map-legend.tsx) prints rampClasses of this same extent.
  const [min, max] = countExtent(cells.map((c) => c.count)) ?? [0, 0];
  return new PolygonLayer<HexAggregateCell>({
    id: AGGREGATE_HEX_LAYER_ID,
    data: cells as HexAggregateCell[],
    getPolygon: (c) => c.ring,
    getFillColor: (c) => [...DENSITY_RAMP[rampIndex(c.count, min, max)], 190] as [number, number, number, number],
    getLineColor: [255, 255, 255, 220],
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    stroked: true,
    filled: true,
    pickable: true,
    updateTriggers: { getFillColor: [min, max] },
  });
}

export function createAggregateHeatLayer(cells: readonly HexAggregateCell[]) {
  return new HeatmapLayer<HexAggregateCell>({
    id: AGGREGATE_HEAT_LAYER_ID,
    data: cells as HexAggregateCell[],
    getPosition: (c) => c.centre,
    getWeight: (c) => c.count,
    radiusPixels: 40,
    intensity: 1.2,
    threshold: 0.05,
    colorRange: DENSITY_RAMP,
    opacity: 0.85,
  });
}
