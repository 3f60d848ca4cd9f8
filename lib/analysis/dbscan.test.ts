import { describe, expect, it } from 'vitest';
import chicago from '@/lib/analysis/fixtures/dbscan-chicago-90ft-4.json';
import sweden from '@/lib/analysis/fixtures/dbscan-sweden-20km-40.json';
import south from '@/lib/analysis/fixtures/dbscan-south-sweden-8km-25.json';
import rChicago from '@/lib/analysis/fixtures/dbscan-r-chicago-90ft-4.json';
import rSweden from '@/lib/analysis/fixtures/dbscan-r-sweden-20km-40.json';
import { dbscan } from '@/lib/analysis/dbscan';
import { createSeededRandom } from '@/lib/analysis/seeded-random';

interface Fixture {
  eps: number;
  minPts: number;
  x: number[];
  y: number[];
  sklearnLabels: number[];
  sklearnCore: boolean[];
  postgisLabels: (number | null)[];
}

/** Canonical partition of the selected points: each point mapped to the smallest selected index in its group. */
function partition(labels: ArrayLike<number | null>, keep: (i: number) => boolean): number[] {
  const first = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < labels.length; i += 1) {
    if (!keep(i)) continue;
    const l = labels[i];
    if (l === null || l < 0) throw new Error(`core point ${i} is labelled noise`);
    if (!first.has(l)) first.set(l, i);
    out.push(first.get(l) as number);
  }
  return out;
}

function run(f: { eps: number; minPts: number; x: number[]; y: number[] }) {
  return dbscan(Float64Array.from(f.x), Float64Array.from(f.y), { eps: f.eps, minPoints: f.minPts });
}

const fixtures: [string, Fixture][] = [
  ['Chicago, eps 90 ft, minPts 4', chicago as Fixture],
  ['Sweden, eps 20 km, minPts 40', sweden as Fixture],
  ['southern Sweden, eps 8 km, minPts 25', south as Fixture],
];

describe.each(fixtures)('DBSCAN on %s', (_name, f) => {
  it('marks exactly the core points scikit-learn marks', () => {
    const r = run(f);
    expect(Array.from(r.core, (c) => c === 1)).toEqual(f.sklearnCore);
  });

  it('partitions core points exactly as scikit-learn does', () => {
    const r = run(f);
    const isCore = (i: number) => f.sklearnCore[i];
    expect(partition(r.labels, isCore)).toEqual(partition(f.sklearnLabels, isCore));
  });

  it('partitions core points exactly as PostGIS ST_ClusterDBSCAN does', () => {
    const r = run(f);
    const isCore = (i: number) => f.sklearnCore[i];
    expect(partition(r.labels, isCore)).toEqual(partition(f.postgisLabels, isCore));
  });

  it('labels noise exactly where PostGIS does', () => {
    const r = run(f);
    expect(Array.from(r.labels, (l) => l < 0)).toEqual(f.postgisLabels.map((l) => l === null));
  });

  it('puts each border point in the cluster of a core point within eps', () => {
    const r = run(f);
    for (let i = 0; i < f.x.length; i += 1) {
      if (r.core[i] === 1 || r.labels[i] < 0) continue;
      const reach = f.x.some((_, j) => r.core[j] === 1 && r.labels[j] === r.labels[i] && (f.x[j] - f.x[i]) ** 2 + (f.y[j] - f.y[i]) ** 2 <= f.eps ** 2);
      expect(reach).toBe(true);
    }
  });
});

describe('DBSCAN against R dbscan', () => {
  it.each([
    ['Chicago', rChicago],
    ['Sweden', rSweden],
  ])('partitions core points of %s exactly as R dbscan::dbscan does', (_name, f) => {
    const r = run(f);
    expect(Array.from(r.core, (c) => c === 1)).toEqual(f.core);
    const isCore = (i: number) => f.core[i];
    expect(partition(r.labels, isCore)).toEqual(partition(f.cluster.map((c) => c - 1), isCore));
  });
});

describe('DBSCAN behaviour', () => {
  it('numbers clusters by their lowest input index', () => {
    const x = Float64Array.from([100, 0, 101, 1, 102, 2]);
    const y = new Float64Array(6);
    const r = dbscan(x, y, { eps: 1.5, minPoints: 3 });
    expect(Array.from(r.labels)).toEqual([0, 1, 0, 1, 0, 1]);
  });

  it('counts the point itself towards minPoints', () => {
    const r = dbscan(Float64Array.from([0, 1]), Float64Array.from([0, 0]), { eps: 1, minPoints: 2 });
    expect(Array.from(r.core)).toEqual([1, 1]);
  });

  it('includes neighbours at exactly eps', () => {
    const r = dbscan(Float64Array.from([0, 3, 6]), Float64Array.from([0, 4, 8]), { eps: 5, minPoints: 3 });
    expect(Array.from(r.labels)).toEqual([0, 0, 0]);
  });

  it('reports progress rising to 1', () => {
    const seen: number[] = [];
    const n = 1000;
    const x = Float64Array.from({ length: n }, (_, i) => i % 37);
    const y = Float64Array.from({ length: n }, (_, i) => Math.floor(i / 37));
    dbscan(x, y, { eps: 1.5, minPoints: 4, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every((v, k) => k === 0 || v >= seen[k - 1])).toBe(true);
    expect(seen[seen.length - 1]).toBe(1);
  });

  it('warns when the mean number of neighbours within eps exceeds 50', () => {
    const x = Float64Array.from({ length: 400 }, (_, i) => i % 20);
    const y = Float64Array.from({ length: 400 }, (_, i) => Math.floor(i / 20));
    expect(dbscan(x, y, { eps: 5, minPoints: 5 }).highDensity).toBe(true);
    expect(dbscan(x, y, { eps: 1, minPoints: 5 }).highDensity).toBe(false);
  });
});

/** DBSCAN by testing every pair (the definition, O(n²)): labels numbered and border points assigned as dbscan() documents. */
function bruteForceDbscan(x: Float64Array, y: Float64Array, eps: number, minPoints: number) {
  const n = x.length;
  const near = (i: number, j: number) => (x[j] - x[i]) * (x[j] - x[i]) + (y[j] - y[i]) * (y[j] - y[i]) <= eps * eps;
  const counts = Array.from({ length: n }, (_, i) => x.reduce((c, _v, j) => c + (near(i, j) ? 1 : 0), 0));
  const core = counts.map((c) => c >= minPoints);
  const parent = Array.from({ length: n }, (_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  for (let i = 0; i < n; i += 1) for (let j = i + 1; j < n; j += 1) if (core[i] && core[j] && near(i, j)) parent[root(j)] = root(i);
  const anchor = core.map((c, i) => (c ? i : core.findIndex((cj, j) => cj && near(i, j))));
  const number = new Map<number, number>();
  const labels = anchor.map((a) => {
    if (a < 0) return -1;
    const r = root(a);
    if (!number.has(r)) number.set(r, number.size);
    return number.get(r) as number;
  });
  return { labels, core: core.map((c) => (c ? 1 : 0)), meanNeighbours: counts.reduce((s, c) => s + c - 1, 0) / n };
}

describe('DBSCAN against testing every pair', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('gives the same labels, core points and mean neighbours on random set %i (clusters, lattices, points exactly eps apart)', (seed) => {
    const r = createSeededRandom(seed);
    const n = 300 + Math.floor(r() * 300);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const eps = [1, 2.5, 10, 0.3][seed % 4];
    for (let i = 0; i < n; i += 1) {
      const kind = r();
      if (kind < 0.4) {
        // Lattice points a multiple of eps/2 apart: many pairs at exactly eps, and rows lying on grid row edges.
        x[i] = 1000 + Math.floor(r() * 20) * (eps / 2);
        y[i] = 6_300_000 + Math.floor(r() * 20) * (eps / 2);
      } else if (kind < 0.8) {
        x[i] = 1000 + 4 * eps + (r() - 0.5) * 3 * eps;
        y[i] = 6_300_000 + 4 * eps + (r() - 0.5) * 3 * eps;
      } else {
        x[i] = 1000 + r() * 12 * eps;
        y[i] = 6_300_000 + r() * 12 * eps;
      }
    }
    const minPoints = 3 + (seed % 5);
    const ours = dbscan(x, y, { eps, minPoints });
    const ref = bruteForceDbscan(x, y, eps, minPoints);
    expect(Array.from(ours.core)).toEqual(ref.core);
    expect(Array.from(ours.labels)).toEqual(ref.labels);
    expect(ours.meanNeighbours).toBe(ref.meanNeighbours);
  });
});
