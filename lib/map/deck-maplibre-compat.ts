// deck.gl 9.4's MapboxOverlay reads `map.transform` (height, elevation, _nearZ) to build its viewport;
// MapLibre 6 moved the transform behind `map._camera.transform`, so interleaved rendering throws
// "Cannot read properties of undefined (reading 'height')" on every frame. Remove this once deck.gl
// reads MapLibre 6's camera itself.

interface MapWithCamera {
  _camera?: { transform?: unknown };
}

/** Gives the map the `transform` getter deck.gl expects; does nothing when the map already has one. */
export function exposeTransformForDeck(map: object): void {
  if ('transform' in map) return;
  Object.defineProperty(map, 'transform', {
    configurable: true,
    get(this: MapWithCamera) {
      return this._camera?.transform;
    },
  });
}
