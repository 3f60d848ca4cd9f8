import { describe, expect, it } from 'vitest';
import { exposeTransformForDeck } from './deck-maplibre-compat';

describe('deck.gl compatibility with MapLibre 6', () => {
  it('exposes the camera transform as map.transform', () => {
    const transform = { height: 600 };
    const map = { _camera: { transform } } as object;
    exposeTransformForDeck(map);
    expect((map as { transform: unknown }).transform).toBe(transform);
  });

  it('leaves a map that has its own transform alone', () => {
    const own = { height: 1 };
    const map = { transform: own, _camera: { transform: { height: 2 } } };
    exposeTransformForDeck(map);
    expect(map.transform).toBe(own);
  });
});
