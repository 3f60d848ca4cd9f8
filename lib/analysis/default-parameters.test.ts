import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getDefaultParameters, getMoransIZ } from '@/lib/analysis/default-parameters';
import { getKthNeighbourDistances } from '@/lib/analysis/nearest-neighbour-distances';
import moran from '@/lib/analysis/fixtures/moran-normality.json';
import { parseCsv } from '@/lib/cli/hotspots';
import { binPointsToSquareGrid } from '@/lib/geo/grid';

function lattice(n: number, spacing: number) {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i += 1) for (let j = 0; j < n; j += 1) {
    x.push(i * spacing);
    y.push(j * spacing);
  }
  return { x, y };
}

describe('getDefaultParameters', () => {
  it('warns when there are fewer than 30 incidents', () => {
    const p = getDefaultParameters([0, 10, 20, 35], [0, 5, 0, 7]);
    expect(p.warnings.map((w) => w.code)).toContain('few-incidents');
  });

  it('takes twice the nearest-neighbour distance as cell size on a regular lattice', () => {
    const { x, y } = lattice(10, 50);
    expect(getDefaultParameters(x, y).cellSize).toBeCloseTo(100, 9);
  });

  it('warns about zero variance when every cell has the same count', () => {
    const { x, y } = lattice(10, 50);
    const p = getDefaultParameters(x, y);
    expect(p.warnings.map((w) => w.code)).toContain('zero-variance');
  });

  it('never returns a band smaller than the cell', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const x = Array.from({ length: 300 }, () => rand() * 1000);
    const y = Array.from({ length: 300 }, () => rand() * 1000);
    const p = getDefaultParameters(x, y);
    expect((p.band ?? 0) >= (p.cellSize ?? Infinity)).toBe(true);
  });

  it('reports that no parameters exist when all incidents coincide', () => {
    const p = getDefaultParameters([5, 5, 5], [1, 1, 1]);
    expect(p.cellSize).toBeNull();
  });
});

describe('getKthNeighbourDistances', () => {
  it('finds the exact k-th neighbour distance', () => {
    expect(Array.from(getKthNeighbourDistances([0, 1, 3, 7], [0, 0, 0, 0], 2))).toEqual([3, 2, 3, 6]);
  });
});

describe('getMoransIZ', () => {
  it('gives a strongly positive z for clustered counts', () => {
    const cx = Array.from({ length: 100 }, (_, k) => k % 10);
    const cy = Array.from({ length: 100 }, (_, k) => Math.floor(k / 10));
    const counts = cx.map((v) => (v < 5 ? 5 : 0));
    expect(getMoransIZ(counts, cx, cy, 1).z).toBeGreaterThan(5);
  });
});

describe("getMoransIZ against spdep::moran.test (normality)", () => {
  const sets = {
    chicago: { file: 'chicago_crimes_spatstat.csv', x: 'x_ft', y: 'y_ft', keep: () => true },
    'south-sweden': { file: 'polisen_crime_sweden_2023-04_2025-03.csv', x: 'x_3006', y: 'y_3006', keep: (y: number) => y < 6500000 },
  } as const;
  it.each(moran.rows.map((r) => [`${r.dataset}, cell ${r.cellSize}, band ${r.band}`, r] as const))('matches I and z for %s', (_name, row) => {
    const set = sets[row.dataset as keyof typeof sets];
    const t = parseCsv(readFileSync(new URL(`../../../shared/data/${set.file}`, import.meta.url), 'utf8'));
    const xi = t.header.indexOf(set.x);
    const yi = t.header.indexOf(set.y);
    const rows = t.rows.filter((r) => set.keep(Number(r[yi])));
    const g = binPointsToSquareGrid(rows.map((r) => Number(r[xi])), rows.map((r) => Number(r[yi])), row.cellSize);
    const r = getMoransIZ(g.counts, g.cx, g.cy, row.band);
    expect(Math.abs(r.I - row.I)).toBeLessThan(1e-12);
    expect(Math.abs(r.z - row.z)).toBeLessThan(1e-9);
  });
});
