// Unsafe places and vandalism as deck.gl IconLayers (shape-coded SVG icons); stable ids per layer.
import { IconLayer } from '@deck.gl/layers';
import type { PlaceFeatureCollection, PlaceProperties } from './place-features';
import { PLACE_SYMBOL_SIZE_PX, placeSymbolUrl } from './place-symbols';

export const UNSAFE_LAYER_ID = 'unsafe-places';
export const VANDALISM_LAYER_ID = 'vandalism';

type Feature = PlaceFeatureCollection['features'][number];

export function createPlaceLayer(id: string, data: PlaceFeatureCollection, visible = true) {
  return new IconLayer<Feature>({
    id,
    data: data.features,
    visible,
    getPosition: (f) => f.geometry.coordinates,
    getIcon: (f: Feature) => {
      const p: PlaceProperties = f.properties;
      return { id: p.symbol, url: placeSymbolUrl(p.symbol), width: 40, height: 40, mask: false };
    },
    sizeUnits: 'pixels',
    getSize: PLACE_SYMBOL_SIZE_PX,
    // Picked on click only (the record panel); no hover handlers, so no picking pass while panning.
    pickable: true,
  });
}
