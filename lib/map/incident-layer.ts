// The incident points as a deck.gl ScatterplotLayer fed with binary attributes straight from the
// point pack: no per-point objects in the browser. Stable id so deck.gl diffs instead of rebuilding.
import { ScatterplotLayer } from '@deck.gl/layers';
import { colorsForCategoryIndex } from './palette';
import type { PackedPoints } from './point-pack';

export const INCIDENT_LAYER_ID = 'incidents';

export interface IncidentLayerOptions {
  points: PackedPoints;
  visible?: boolean;
  /** Point radius in screen pixels. */
  radiusPixels?: number;
}

export interface IncidentLayerData {
  length: number;
  attributes: {
    getPosition: { value: Float32Array; size: 2 };
    getFillColor: { value: Uint8Array; size: 4; normalized: true };
  };
}

/** Binary data for the layer; build it once per pack (deck.gl compares data by reference). */
export function incidentLayerData(points: PackedPoints): IncidentLayerData {
  return {
    length: points.count,
    attributes: {
      getPosition: { value: points.positions, size: 2 },
      getFillColor: { value: colorsForCategoryIndex(points.categoryIndex, points.categories), size: 4, normalized: true },
    },
  };
}

export function createIncidentLayer(data: IncidentLayerData, options: Omit<IncidentLayerOptions, 'points'> = {}) {
  return new ScatterplotLayer({
    id: INCIDENT_LAYER_ID,
    data,
    visible: options.visible ?? true,
    radiusUnits: 'pixels',
    getRadius: options.radiusPixels ?? 3.5,
    radiusMinPixels: 2,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 0.5,
    getLineColor: [255, 255, 255, 200],
    // Picked on click only (the record panel); no hover handlers, so no picking pass while panning.
    pickable: true,
  });
}
