import { describe, expect, it } from 'vitest';
import { buildHexAggregateCells, snapToMonths } from './hex-aggregates';

describe('hex aggregates', () => {
  it('a cell with fewer than k incidents is never returned', () => {
    const cells = buildHexAggregateCells(
      [
        { i: 1000, j: 7000, count: 2, distinct_locations: 2 },
        { i: 1001, j: 7000, count: 3, distinct_locations: 3 },
      ],
      3,
      500,
    );
    expect(cells.map((c) => [c.i, c.count])).toEqual([[1001, 3]]);
  });

  it('a cell with k incidents at fewer than k places is never returned', () => {
    expect(buildHexAggregateCells([{ i: 1000, j: 7000, count: 9, distinct_locations: 2 }], 3, 500)).toEqual([]);
  });

  it('cells come back in WGS84 with a closed ring around the centre', () => {
    // Hexagon column 586, row 7312 of 500 m: near Värnamo (x ≈ 439 500, y ≈ 6 333 000 in SWEREF 99 TM).
    const [cell] = buildHexAggregateCells([{ i: 586, j: 7312, count: 5, distinct_locations: 5 }], 3, 500);
    expect(cell.centre[0]).toBeGreaterThan(13.5);
    expect(cell.centre[0]).toBeLessThan(14.5);
    expect(cell.centre[1]).toBeGreaterThan(56.8);
    expect(cell.centre[1]).toBeLessThan(57.5);
    expect(cell.ring).toHaveLength(7);
    expect(cell.ring[0]).toEqual(cell.ring[6]);
  });

  it('a period snaps to the whole months it touches', () => {
    expect(snapToMonths('2025-02-14', '2025-02-20')).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(snapToMonths('2024-01-31', '2024-02-01')).toEqual({ from: '2024-01-01', to: '2024-02-29' });
  });
});
