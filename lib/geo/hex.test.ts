import { describe, expect, it } from 'vitest';
import boxes from '@/lib/analysis/fixtures/hex-grid-postgis.json';
import { readFileSync } from 'node:fs';
import { binPointsToHexGrid, getHexCellIndex, getHexCellRing, getHexGridRange, listHexCells } from '@/lib/geo/hex';
import { parseCsv } from '@/lib/cli/hotspots';

function readHexCells(name: string) {
  const t = parseCsv(readFileSync(new URL(`../analysis/fixtures/hex-cells-${name}.csv`, import.meta.url), 'utf8'));
  return t.rows.map((r) => ({ i: Number(r[0]), j: Number(r[1]), count: Number(r[4]) }));
}

function readPoints(file: string, xCol: string, yCol: string, keep: (y: number) => boolean = () => true) {
  const t = parseCsv(readFileSync(new URL(`../../../shared/data/${file}`, import.meta.url), 'utf8'));
  const xi = t.header.indexOf(xCol);
  const yi = t.header.indexOf(yCol);
  const rows = t.rows.filter((r) => keep(Number(r[yi])));
  return { x: rows.map((r) => Number(r[xi])), y: rows.map((r) => Number(r[yi])) };
}

function pointInRing(x: number, y: number, ring: [number, number][]): boolean {
  let inside = false;
  for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
    const [xa, ya] = ring[a];
    const [xb, yb] = ring[b];
    if (ya > y !== yb > y && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) inside = !inside;
  }
  return inside;
}

describe('hexagon grid numbering', () => {
  it.each(boxes.map((b) => [b.box.join(' '), b] as const))('lists the same (i, j) as PostGIS ST_HexagonGrid for box %s', (_k, b) => {
    const [xmin, ymin, xmax, ymax] = b.box;
    expect(listHexCells(getHexGridRange(xmin, ymin, xmax, ymax, b.size)).map((c) => [c.i, c.j])).toEqual(b.cells);
  });

  it.each([
    ['chicago-60ft', 'chicago_crimes_spatstat.csv', 'x_ft', 'y_ft', 60, () => true],
    ['south-sweden-15km', 'polisen_crime_sweden_2023-04_2025-03.csv', 'x_3006', 'y_3006', 15000, (y: number) => y < 6500000],
  ] as const)('bins %s points into the same counts as a PostGIS ST_HexagonGrid join', (name, file, xc, yc, size, keep) => {
    const pts = readPoints(file, xc, yc, keep);
    const grid = binPointsToHexGrid(pts.x, pts.y, size);
    const expected = readHexCells(name);
    expect(Array.from(grid.i)).toEqual(expected.map((c) => c.i));
    expect(Array.from(grid.j)).toEqual(expected.map((c) => c.j));
    expect(Array.from(grid.counts)).toEqual(expected.map((c) => c.count));
  });

  it('puts a point inside the hexagon it names, including at negative indices', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let k = 0; k < 2000; k += 1) {
      const x = (rand() - 0.5) * 500;
      const y = (rand() - 0.5) * 500;
      const { i, j } = getHexCellIndex(x, y, 13);
      expect(pointInRing(x, y, getHexCellRing(i, j, 13))).toBe(true);
    }
  });
});

describe('binPointsToHexGrid', () => {
  it('returns the cell of each point on request, consistent with the counts', () => {
    const x = [0, 10, 400, -300];
    const y = [0, 5, 200, 90];
    const g = binPointsToHexGrid(x, y, 100, { withCellOfPoint: true });
    const recount = new Float64Array(g.counts.length);
    for (const c of g.cellOfPoint ?? []) recount[c] += 1;
    expect(Array.from(recount)).toEqual(Array.from(g.counts));
    expect([g.i[g.cellOfPoint?.[3] ?? 0], g.j[g.cellOfPoint?.[3] ?? 0]]).toEqual([getHexCellIndex(-300, 90, 100).i, getHexCellIndex(-300, 90, 100).j]);
  });
});
