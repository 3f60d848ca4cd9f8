import { describe, expect, it } from 'vitest';
import { classifyEmergingCell, findEmergingHotSpots } from '@/lib/analysis/emerging-hot-spots';
import { buildDistanceBandNeighbours } from '@/lib/analysis/distance-band-neighbours';
import { mannKendall } from '@/lib/analysis/mann-kendall';
import fixture from '@/lib/analysis/fixtures/emerging-south-sweden-quarterly.json';

const H = 2;
const C = -2;
const O = 0;

/** Classifies a constructed bin series using Mann–Kendall on an invented z series. */
function classify(bins: number[], zs: number[]) {
  return classifyEmergingCell(bins, mannKendall(zs));
}

const flat = (n: number) => Array.from({ length: n }, (_, k) => 3 + (k % 2) * 0.1);
const rising = (n: number) => Array.from({ length: n }, (_, k) => 2 + k);
const falling = (n: number) => Array.from({ length: n }, (_, k) => 20 - k);

describe('emerging hot-spot categories', () => {
  it('calls a cell hot only in the last step new', () => {
    expect(classify([O, O, O, O, O, O, O, O, O, H], flat(10))).toEqual({ category: 'new', side: 'hot' });
  });

  it('calls an unbroken run of hot steps at the end, never hot before, consecutive', () => {
    expect(classify([O, O, O, O, O, O, O, H, H, H], flat(10)).category).toBe('consecutive');
  });

  it('calls ≥ 90 % hot with a significant upward trend intensifying', () => {
    expect(classify([O, H, H, H, H, H, H, H, H, H], rising(10)).category).toBe('intensifying');
  });

  it('calls ≥ 90 % hot without a significant trend persistent', () => {
    expect(classify([H, H, H, H, H, H, H, H, H, H], flat(10)).category).toBe('persistent');
  });

  it('calls ≥ 90 % hot with a significant downward trend diminishing', () => {
    expect(classify([H, H, H, H, H, H, H, H, H, H], falling(10)).category).toBe('diminishing');
  });

  it('calls hot in the last step, on and off before and never cold sporadic', () => {
    expect(classify([H, O, H, O, O, H, O, O, O, H], flat(10)).category).toBe('sporadic');
  });

  it('calls hot in the last step after an earlier cold step oscillating', () => {
    expect(classify([C, O, H, O, O, O, O, O, O, H], flat(10)).category).toBe('oscillating');
  });

  it('calls ≥ 90 % hot but not in the last step historical', () => {
    const bins = [...Array.from({ length: 19 }, () => H), O];
    expect(classify(bins, flat(20)).category).toBe('historical');
  });

  it('mirrors the categories on the cold side', () => {
    expect(classify([O, O, O, O, O, O, O, O, O, C], flat(10))).toEqual({ category: 'new', side: 'cold' });
  });

  it('calls a cell never significant none', () => {
    expect(classify([O, O, O, O], flat(4))).toEqual({ category: 'none', side: null });
  });
});

describe('findEmergingHotSpots', () => {
  it('skips a step without variance and says which', () => {
    const cx = Array.from({ length: 25 }, (_, k) => k % 5);
    const cy = Array.from({ length: 25 }, (_, k) => Math.floor(k / 5));
    const nb = buildDistanceBandNeighbours(cx, cy, 1);
    const hot = cx.map((x, k) => (x === 0 && cy[k] === 0 ? 20 : 0));
    const r = findEmergingHotSpots([new Array(25).fill(1), hot, hot], nb);
    expect(r.zeroVarianceSteps).toEqual([0]);
    expect(r.bins).toHaveLength(3);
  });
});

describe('findEmergingHotSpots on real quarterly police counts in southern Sweden', () => {
  const cellsN = fixture.ix.length;
  const steps = fixture.counts[0].length;
  const perStep = Array.from({ length: steps }, (_, s) => Float64Array.from(fixture.counts, (row) => row[s]));
  const nb = buildDistanceBandNeighbours(
    fixture.ix.map((v) => (v + 0.5) * fixture.cellSize),
    fixture.iy.map((v) => (v + 0.5) * fixture.cellSize),
    fixture.band,
  );
  const r = findEmergingHotSpots(perStep, nb);

  it('computes each step Gi* as spdep::localG within 1e-6', () => {
    let err = 0;
    for (let c = 0; c < cellsN; c += 1) for (let s = 0; s < steps; s += 1) err = Math.max(err, Math.abs(r.z[s][c] - fixture.z[c][s]));
    expect(err).toBeLessThan(1e-6);
  });

  it('computes each cell trend as the independent Mann–Kendall within 1e-9', () => {
    const errZ = Math.max(...fixture.trendZ.map((z, c) => Math.abs(z - r.trendZ[c])));
    const errP = Math.max(...fixture.trendP.map((p, c) => Math.abs(p - r.trendP[c])));
    expect(Math.max(errZ, errP)).toBeLessThan(1e-9);
  });

  it('gives every cell a category', () => {
    expect(r.categories).toHaveLength(cellsN);
  });
});
