// Benchmark of the pure analysis library (no database): prints milliseconds per step, asserts nothing about time.
// Run: npx tsx bench/analysis.ts
import { buildDistanceBandNeighbours, createSeededRandom, dbscan, findEmergingHotSpots, getSignificanceBins, giStarWithNeighbours } from '@/lib/analysis';
import { binPointsToHexGrid } from '@/lib/geo/hex';

const N_POINTS = 1_000_000;
const SIDE_M = 20_000;
const ORIGIN: [number, number] = [430_000, 6_330_000]; // around Värnamo in EPSG:3006
const HEX_EDGE_M = 250;
const BAND_M = 500;
const DBSCAN_POINTS = 200_000;
const DBSCAN_EPS_M = 100;
const DBSCAN_MIN_POINTS = 20;
const STEPS = 60;
const SEED = 20261125;

/** Uniform background plus 40 Gaussian hot spots (σ 150–600 m), all inside the 20 × 20 km square. */
function generatePoints(n: number, seed: number): { x: Float64Array; y: Float64Array; step: Int32Array } {
  const r = createSeededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const centres = Array.from({ length: 40 }, () => ({ x: r() * SIDE_M, y: r() * SIDE_M, s: 150 + r() * 450, trend: r() - 0.5 }));
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const step = new Int32Array(n);
  for (let k = 0; k < n; k += 1) {
    let px: number;
    let py: number;
    let st = Math.floor(r() * STEPS);
    if (r() < 0.6) {
      const c = centres[Math.floor(r() * centres.length)];
      px = c.x + gauss() * c.s;
      py = c.y + gauss() * c.s;
      // Hot spots that grow or fade over time, so that the emerging categories have something to find.
      if (r() < Math.abs(c.trend)) st = c.trend > 0 ? STEPS - 1 - Math.floor(r() * (STEPS / 3)) : Math.floor(r() * (STEPS / 3));
    } else {
      px = r() * SIDE_M;
      py = r() * SIDE_M;
    }
    x[k] = ORIGIN[0] + Math.min(SIDE_M, Math.max(0, px));
    y[k] = ORIGIN[1] + Math.min(SIDE_M, Math.max(0, py));
    step[k] = st;
  }
  return { x, y, step };
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const v = fn();
  return [v, performance.now() - t0];
}

const rows: [string, number, string][] = [];
const [pts, tGen] = time(() => generatePoints(N_POINTS, SEED));
rows.push([`generate ${N_POINTS.toLocaleString('en')} points over 20 × 20 km`, tGen, 'not part of the analysis']);

const [hex, tBin] = time(() => binPointsToHexGrid(pts.x, pts.y, HEX_EDGE_M));
rows.push([`bin ${N_POINTS.toLocaleString('en')} points into ${HEX_EDGE_M} m hexagons (arithmetic)`, tBin, `${hex.counts.length} cells`]);

const [nb, tNb] = time(() => buildDistanceBandNeighbours(hex.cx, hex.cy, BAND_M));
rows.push([`neighbour lists, ${BAND_M} m band`, tNb, `${(nb.indices.length / hex.counts.length).toFixed(1)} per cell`]);

const [gi, tGi] = time(() => giStarWithNeighbours(hex.counts, nb));
rows.push(['Gi* over all cells', tGi, gi.ok ? '' : gi.message]);

const [bins, tFdr] = time(() => (gi.ok ? getSignificanceBins(gi.z, gi.p) : new Int8Array(0)));
rows.push(['FDR bins (BH at 90/95/99 %)', tFdr, `${bins.filter((b) => b > 0).length} hot, ${bins.filter((b) => b < 0).length} cold`]);
rows.push(['= Gi* from raw points to FDR bins', tBin + tNb + tGi + tFdr, '']);

const sub = { x: pts.x.slice(0, DBSCAN_POINTS), y: pts.y.slice(0, DBSCAN_POINTS) };
const [db, tDb] = time(() => dbscan(sub.x, sub.y, { eps: DBSCAN_EPS_M, minPoints: DBSCAN_MIN_POINTS }));
rows.push([
  `DBSCAN eps ${DBSCAN_EPS_M} m, minPts ${DBSCAN_MIN_POINTS}, ${DBSCAN_POINTS.toLocaleString('en')} points`,
  tDb,
  `${db.clusterCount} clusters, ${db.meanNeighbours.toFixed(1)} mean neighbours${db.highDensity ? ' (high density)' : ''}; first run, cold JIT`,
]);
const [, tDbWarm] = time(() => dbscan(sub.x, sub.y, { eps: DBSCAN_EPS_M, minPoints: DBSCAN_MIN_POINTS }));
rows.push(['DBSCAN, same input, second run', tDbWarm, 'warm JIT']);

// Naive baselines: all-pairs neighbour search instead of buckets.
const [naiveNb, tNaiveNb] = time(() => {
  let pairs = 0;
  const n = hex.cx.length;
  for (let i = 0; i < n; i += 1) for (let j = 0; j < n; j += 1) if ((hex.cx[i] - hex.cx[j]) ** 2 + (hex.cy[i] - hex.cy[j]) ** 2 <= BAND_M * BAND_M) pairs += 1;
  return pairs;
});
rows.push([`naive: all-pairs neighbour lists, ${BAND_M} m band`, tNaiveNb, `${naiveNb} pairs (grid: ${nb.indices.length})`]);
const NAIVE_N = 20_000;
const small = { x: pts.x.slice(0, NAIVE_N), y: pts.y.slice(0, NAIVE_N) };
const [, tSmall] = time(() => dbscan(small.x, small.y, { eps: DBSCAN_EPS_M, minPoints: DBSCAN_MIN_POINTS }));
rows.push([`DBSCAN, grid-indexed, ${NAIVE_N.toLocaleString('en')} points`, tSmall, '']);
const [, tNaiveDb] = time(() => {
  // Only the region queries (|N(p)| for every p) of a textbook O(n²) DBSCAN: a lower bound on its time.
  const e2 = DBSCAN_EPS_M * DBSCAN_EPS_M;
  let core = 0;
  for (let i = 0; i < NAIVE_N; i += 1) {
    let c = 0;
    for (let j = 0; j < NAIVE_N; j += 1) if ((small.x[i] - small.x[j]) ** 2 + (small.y[i] - small.y[j]) ** 2 <= e2) c += 1;
    if (c >= DBSCAN_MIN_POINTS) core += 1;
  }
  return core;
});
rows.push([`naive: O(n²) region queries only, ${NAIVE_N.toLocaleString('en')} points`, tNaiveDb, `x ${(DBSCAN_POINTS / NAIVE_N) ** 2} for ${DBSCAN_POINTS.toLocaleString('en')} points`]);

const [emerging, tEm] = time(() => {
  // Per-step counts from the same arithmetic binning (one pass, cell index per point), then the analysis.
  const g = binPointsToHexGrid(pts.x, pts.y, HEX_EDGE_M, { withCellOfPoint: true });
  const perStep = Array.from({ length: STEPS }, () => new Float64Array(g.counts.length));
  const cellOf = g.cellOfPoint ?? new Int32Array(0);
  for (let k = 0; k < cellOf.length; k += 1) if (cellOf[k] >= 0) perStep[pts.step[k]][cellOf[k]] += 1;
  return findEmergingHotSpots(perStep, nb);
});
const tally = new Map<string, number>();
for (const c of emerging.categories) if (c.side) tally.set(`${c.side} ${c.category}`, (tally.get(`${c.side} ${c.category}`) ?? 0) + 1);
rows.push([`emerging hot spots, ${STEPS} steps (binning + Gi* + FDR + Mann–Kendall)`, tEm, [...tally].map(([k, v]) => `${k} ${v}`).join(', ')]);

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`${'step'.padEnd(width)}  ${'ms'.padStart(9)}  notes`);
console.log(`${'-'.repeat(width)}  ${'-'.repeat(9)}  -----`);
for (const [name, ms, note] of rows) console.log(`${name.padEnd(width)}  ${ms.toFixed(1).padStart(9)}  ${note}`);
console.log(`\nNode ${process.version}; single thread; seed ${SEED}.`);
