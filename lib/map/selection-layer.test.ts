import { describe, expect, it } from 'vitest';
import { thinScreenPath } from './selection-layer';

describe('lasso path', () => {
  it('drops points closer than the minimum distance to the last kept one', () => {
    expect(thinScreenPath([[0, 0], [1, 1], [5, 0], [5, 1], [5, 10]], 4)).toEqual([[0, 0], [5, 0], [5, 10]]);
  });

  it('a click without a drag is no polygon', () => {
    expect(thinScreenPath([[10, 10], [11, 10], [10, 11]], 4)).toBeNull();
  });
});
