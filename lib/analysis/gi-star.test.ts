import { describe, expect, it } from 'vitest';
import chicagoSquare from '@/lib/analysis/fixtures/gi-chicago-square-100ft-250ft.json';
import swedenSquare from '@/lib/analysis/fixtures/gi-south-sweden-square-20km-50km.json';
import chicagoHex from '@/lib/analysis/fixtures/gi-chicago-hex-60ft-150ft.json';
import swedenHex from '@/lib/analysis/fixtures/gi-south-sweden-hex-15km-40km.json';
import { giStar } from '@/lib/analysis/gi-star';
import { getSignificanceBins } from '@/lib/analysis/significance-bins';
import { getHexCellCentre } from '@/lib/geo/hex';

interface GiFixture {
  band: number;
  cellSize: number;
  grid: string;
  cells: { count: number[]; ix?: number[]; iy?: number[]; i?: number[]; j?: number[] };
  z: number[];
  p: number[];
  bh10: boolean[];
  bh05: boolean[];
  bh01: boolean[];
}

function centres(f: GiFixture): { cx: number[]; cy: number[] } {
  if (f.grid === 'square') {
    return { cx: (f.cells.ix ?? []).map((v) => (v + 0.5) * f.cellSize), cy: (f.cells.iy ?? []).map((v) => (v + 0.5) * f.cellSize) };
  }
  const pts = (f.cells.i ?? []).map((i, k) => getHexCellCentre(i, (f.cells.j ?? [])[k], f.cellSize));
  return { cx: pts.map((p) => p[0]), cy: pts.map((p) => p[1]) };
}

function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i += 1) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

const fixtures: [string, GiFixture][] = [
  ['Chicago, 100 ft squares, 250 ft band', chicagoSquare as GiFixture],
  ['southern Sweden, 20 km squares, 50 km band', swedenSquare as GiFixture],
  ['Chicago, 60 ft hexagons, 150 ft band', chicagoHex as GiFixture],
  ['southern Sweden, 15 km hexagons, 40 km band', swedenHex as GiFixture],
];

describe.each(fixtures)('Gi* on %s', (_name, f) => {
  const run = () => {
    const r = giStar({ ...centres(f), counts: f.cells.count }, f.band);
    if (!r.ok) throw new Error(r.message);
    return r;
  };

  it('matches spdep::localG in every cell within 1e-6', () => {
    expect(maxAbs(run().z, f.z)).toBeLessThan(1e-6);
  });

  it('matches R two-sided normal p-values within 1e-9', () => {
    expect(maxAbs(run().p, f.p)).toBeLessThan(1e-9);
  });

  it('makes the same Benjamini–Hochberg decisions as R p.adjust at 90, 95 and 99 %', () => {
    const r = run();
    const bins = getSignificanceBins(r.z, r.p);
    expect(Array.from(bins, (b) => Math.abs(b) >= 1)).toEqual(f.bh10);
    expect(Array.from(bins, (b) => Math.abs(b) >= 2)).toEqual(f.bh05);
    expect(Array.from(bins, (b) => Math.abs(b) >= 3)).toEqual(f.bh01);
  });
});

describe('Gi* behaviour', () => {
  it('returns no result with a clear message when every cell has the same count', () => {
    const r = giStar({ cx: [0, 1, 2], cy: [0, 0, 0], counts: [4, 4, 4] }, 1.5);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('zero-variance');
  });

  it('gives a positive z-score to a cell in a hot neighbourhood', () => {
    const cx = Array.from({ length: 25 }, (_, k) => k % 5);
    const cy = Array.from({ length: 25 }, (_, k) => Math.floor(k / 5));
    const counts = cx.map((x, k) => (x <= 1 && cy[k] <= 1 ? 10 : 0));
    const r = giStar({ cx, cy, counts }, 1);
    expect(r.ok && r.z[0] > 0 && r.z[24] < 0).toBe(true);
  });
});
