import { describe, expect, it } from 'vitest';
import { getHotSpotCells } from '@/lib/analysis/get-hot-spot-cells';

describe('getHotSpotCells', () => {
  it('returns every cell of the rectangle with its count and bin', () => {
    const x = [5, 5, 5, 5, 5, 45];
    const y = [5, 5, 5, 5, 6, 25];
    const r = getHotSpotCells(x, y, { grid: 'square', cellSize: 10, band: 10 });
    expect(r.ok && r.cells.length).toBe(15);
  });

  it('warns about fewer than 30 incidents', () => {
    const r = getHotSpotCells([5, 5, 25], [5, 6, 5], { grid: 'hex', cellSize: 10, band: 20 });
    expect(r.ok && r.warnings.length).toBe(1);
  });

  it('reports zero variance instead of z-scores', () => {
    const r = getHotSpotCells([5, 15], [5, 5], { grid: 'square', cellSize: 10, band: 10 });
    expect(r.ok ? 'ok' : r.reason).toBe('zero-variance');
  });
});
