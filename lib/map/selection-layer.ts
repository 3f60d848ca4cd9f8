// The lasso polygon of the current selection, drawn over the map while its panel is open.
import { PolygonLayer } from '@deck.gl/layers';

export const SELECTION_LAYER_ID = 'selection-outline';

export function createSelectionLayer(ring: readonly [number, number][]) {
  return new PolygonLayer<{ ring: readonly [number, number][] }>({
    id: SELECTION_LAYER_ID,
    data: [{ ring }],
    getPolygon: (d) => d.ring as [number, number][],
    getFillColor: [31, 78, 156, 30],
    getLineColor: [31, 78, 156, 230],
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    stroked: true,
    filled: true,
    pickable: false,
  });
}

/**
 * A freehand line of screen points thinned to vertices at least `minPx` apart (the lasso sends tens,
 * not thousands, of vertices); null when fewer than three remain.
 */
export function thinScreenPath(points: readonly [number, number][], minPx = 4): [number, number][] | null {
  const out: [number, number][] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) >= minPx) out.push([p[0], p[1]]);
  }
  return out.length >= 3 ? out : null;
}
