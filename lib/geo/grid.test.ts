import { describe, expect, it } from 'vitest';
import { binPointsToSquareGrid, getSquareCellCentre, getSquareCellIndex } from '@/lib/geo/grid';

describe('square grid', () => {
  it('indexes cells by floor(x/s), floor(y/s), negative coordinates included', () => {
    expect(getSquareCellIndex(-0.1, 250, 250)).toEqual({ ix: -1, iy: 1 });
  });

  it('centres cell (ix, iy) at ((ix + 0.5)s, (iy + 0.5)s)', () => {
    expect(getSquareCellCentre(2, -1, 100)).toEqual([250, -50]);
  });

  it('includes zero-count cells of the full rectangle the points span', () => {
    const g = binPointsToSquareGrid([5, 25], [5, 15], 10);
    expect({ nx: g.nx, ny: g.ny, counts: Array.from(g.counts) }).toEqual({ nx: 3, ny: 2, counts: [1, 0, 0, 0, 0, 1] });
  });
});
