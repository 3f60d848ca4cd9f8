// District names as a deck.gl TextLayer: it rasterises its own font atlas from a canvas, so the
// offline style needs no glyph server. characterSet 'auto' covers å, ä and ö.
import { TextLayer } from '@deck.gl/layers';
import type { AreaProperties } from './area-features';
import { LABEL_COLOR } from './palette';

export const AREA_LABEL_LAYER_ID = 'area-labels';
/** Label size in CSS pixels; label-placement.ts sizes its boxes from the same number. */
export const AREA_LABEL_SIZE_PX = 13;

export function createAreaLabelLayer(labels: readonly AreaProperties[], options: { visible?: boolean } = {}) {
  return new TextLayer<AreaProperties>({
    id: AREA_LABEL_LAYER_ID,
    data: labels as AreaProperties[],
    visible: options.visible ?? true,
    getPosition: (d) => [d.labelLon, d.labelLat],
    getText: (d) => d.name,
    getSize: AREA_LABEL_SIZE_PX,
    sizeUnits: 'pixels',
    getColor: [...LABEL_COLOR, 255],
    fontFamily: 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    fontWeight: 600,
    characterSet: 'auto',
    fontSettings: { sdf: true },
    outlineWidth: 4,
    outlineColor: [255, 255, 255, 230],
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    pickable: false,
  });
}
