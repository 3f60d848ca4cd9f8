// Dense views of the incident points the viewer may see exactly: hexagon counts (HexagonLayer) or a
// heatmap (HeatmapLayer), aggregated on the GPU from the same packed positions as the point layer.
import { HeatmapLayer, HexagonLayer } from '@deck.gl/aggregation-layers';
import type { PackedPoints } from './point-pack';

export const HEX_LAYER_ID = 'incidents-hex';
export const HEAT_LAYER_ID = 'incidents-heat';
/** Hexagon radius in metres: a neighbourhood, still several pixels wide at the municipality's zoom. */
export const HEX_RADIUS_M = 500;

/**
 * Sequential, colour-blind-safe ramp for counts and density: viridis without its yellow end, which
 * vanishes on the light map (seen in the e2e screenshots).
 */
export const DENSITY_RAMP: [number, number, number][] = [
  [160, 218, 57],
  [122, 209, 81],
  [34, 168, 132],
  [42, 120, 142],
  [65, 68, 135],
  [68, 1, 84],
];

/** Point indices for accessor-based layers; built once per pack. */
export function pointIndices(points: PackedPoints): Uint32Array {
  return Uint32Array.from({ length: points.count }, (_, i) => i);
}

export function createHexLayer(points: PackedPoints, indices: Uint32Array) {
  return new HexagonLayer<number>({
    id: HEX_LAYER_ID,
    data: indices as unknown as number[],
    getPosition: (i: number) => [points.positions[i * 2], points.positions[i * 2 + 1]],
    radius: HEX_RADIUS_M,
    colorRange: DENSITY_RAMP,
    opacity: 0.8,
    extruded: false,
    pickable: false,
    updateTriggers: { getPosition: points },
  });
}

export function createHeatLayer(points: PackedPoints, indices: Uint32Array) {
  return new HeatmapLayer<number>({
    id: HEAT_LAYER_ID,
    data: indices as unknown as number[],
    getPosition: (i: number) => [points.positions[i * 2], points.positions[i * 2 + 1]],
    radiusPixels: 36,
    intensity: 1.5,
    threshold: 0.05,
    colorRange: DENSITY_RAMP,
    opacity: 0.85,
    updateTriggers: { getPosition: points },
  });
}
