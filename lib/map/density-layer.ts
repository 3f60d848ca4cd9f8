// Dense views of the incident points the viewer may see exactly: hexagon counts (HexagonLayer) or a
// heatmap (HeatmapLayer), aggregated on the GPU from the same packed positions as the point layer.
import { HeatmapLayer, HexagonLayer } from '@deck.gl/aggregation-layers';
import { DENSITY_RAMP, HEX_RADIUS_M } from './count-ramp';
import type { PackedPoints } from './point-pack';

export const HEX_LAYER_ID = 'incidents-hex';
export const HEAT_LAYER_ID = 'incidents-heat';
// The ramp and the hexagon size live in count-ramp.ts, which the legend reads without loading deck.gl.
export { DENSITY_RAMP, HEX_RADIUS_M } from './count-ramp';

/** Point indices for accessor-based layers; built once per pack. */
export function pointIndices(points: PackedPoints): Uint32Array {
  return Uint32Array.from({ length: points.count }, (_, i) => i);
}

export interface HexLayerOptions {
  /** Called with the [min, max] count per hexagon the colours are spread over (the legend prints its classes). */
  onSetColorDomain?: (domain: [number, number]) => void;
}

export function createHexLayer(points: PackedPoints, indices: Uint32Array, options: HexLayerOptions = {}) {
  return new HexagonLayer<number>({
    id: HEX_LAYER_ID,
    data: indices as unknown as number[],
    getPosition: (i: number) => [points.positions[i * 2], points.positions[i * 2 + 1]],
    radius: HEX_RADIUS_M,
    colorRange: DENSITY_RAMP,
    // Equal steps between the smallest and the largest count: the classes rampClasses prints.
    colorScaleType: 'quantize',
    ...(options.onSetColorDomain ? { onSetColorDomain: options.onSetColorDomain } : {}),
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
