// The incident points as a deck.gl ScatterplotLayer fed with binary attributes straight from the
// point pack: no per-point objects in the browser. Stable id so deck.gl diffs instead of rebuilding.
// A period or category change on a loaded pack filters on the GPU (DataFilterExtension: the pack's
// local day as the filter value, its category index as the filter category), without a refetch.
import { DataFilterExtension } from '@deck.gl/extensions';
import { ScatterplotLayer } from '@deck.gl/layers';
import { colorsForCategoryIndex } from './palette';
import type { PointFilter } from './point-filter';
import type { PackedPoints } from './point-pack';

export const INCIDENT_LAYER_ID = 'incidents';

/** One extension instance for the layer's life: a new one per render would rebuild its shaders. */
const DATA_FILTER = new DataFilterExtension({ filterSize: 1, categorySize: 1 });

export interface IncidentLayerOptions {
  points: PackedPoints;
  visible?: boolean;
  /** Point radius in screen pixels. */
  radiusPixels?: number;
  /** What the GPU keeps of the pack (lib/map/point-filter.ts); absent: everything. */
  filter?: PointFilter | null;
}

export interface IncidentLayerData {
  length: number;
  attributes: {
    getPosition: { value: Float32Array; size: 2 };
    getFillColor: { value: Uint8Array; size: 4; normalized: true };
    getFilterValue: { value: Float32Array; size: 1 };
  };
  /** Category index per point, read by the filter's category accessor. */
  categoryIndex: Uint8Array;
}

/** Binary data for the layer; build it once per pack (deck.gl compares data by reference). */
export function incidentLayerData(points: PackedPoints): IncidentLayerData {
  return {
    length: points.count,
    attributes: {
      getPosition: { value: points.positions, size: 2 },
      getFillColor: { value: colorsForCategoryIndex(points.categoryIndex, points.categories), size: 4, normalized: true },
      // Days since 1970 are exact in float32 (below 2^24).
      getFilterValue: { value: Float32Array.from(points.days), size: 1 },
    },
    categoryIndex: points.categoryIndex,
  };
}

export function createIncidentLayer(data: IncidentLayerData, options: Omit<IncidentLayerOptions, 'points'> = {}) {
  const filter = options.filter ?? null;
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
    extensions: [DATA_FILTER],
    getFilterCategory: (_: unknown, { index }: { index: number }) => data.categoryIndex[index],
    filterEnabled: filter !== null,
    filterRange: filter ? filter.dayRange : [-1e6, 1e6],
    filterCategories: filter ? filter.categories : [],
    updateTriggers: { getFilterCategory: data },
  });
}
