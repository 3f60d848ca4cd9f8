// Every reference comparison the analysis tests make, with the largest error actually seen instead of a
// pass/fail: the closing table of issue 6 ("fixture comparisons (max errors)"). Same fixtures, same inputs and
// same functions as the tests (lib/analysis/*.test.ts, lib/geo/hex.test.ts, postgis-agreement.int.test.ts);
// with --postgres and/or --pglite it also runs ST_ClusterDBSCAN live on that database, as the int test does.
// Asserts nothing; prints one markdown table.
// Run: npx tsx bench/hotspots-fixtures.ts [--postgres] [--pglite]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '@/db/client';
import { benjaminiHochberg } from '@/lib/analysis/benjamini-hochberg';
import { dbscan } from '@/lib/analysis/dbscan';
import { getMoransIZ } from '@/lib/analysis/default-parameters';
import { buildDistanceBandNeighbours } from '@/lib/analysis/distance-band-neighbours';
import { findEmergingHotSpots } from '@/lib/analysis/emerging-hot-spots';
import { giStar } from '@/lib/analysis/gi-star';
import { mannKendall } from '@/lib/analysis/mann-kendall';
import { normalCdfBoth, twoSidedNormalP } from '@/lib/analysis/normal-cdf';
import { quarticKde } from '@/lib/analysis/quartic-kde';
import { getSignificanceBins } from '@/lib/analysis/significance-bins';
import { parseCsv } from '@/lib/cli/hotspots';
import { binPointsToSquareGrid } from '@/lib/geo/grid';
import { binPointsToHexGrid, getHexCellCentre, getHexGridRange, listHexCells } from '@/lib/geo/hex';

const FIXTURES = path.join(process.cwd(), 'lib/analysis/fixtures');
const DATA = process.env.LAGESBILD_DATA ?? path.join(process.cwd(), '../shared/data');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixture = (name: string): any => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));

function readPoints(file: string, xCol: string, yCol: string, keep: (y: number) => boolean = () => true) {
  const t = parseCsv(fs.readFileSync(path.join(DATA, file), 'utf8'));
  const xi = t.header.indexOf(xCol);
  const yi = t.header.indexOf(yCol);
  const rows = t.rows.filter((r) => keep(Number(r[yi])));
  return { x: Float64Array.from(rows, (r) => Number(r[xi])), y: Float64Array.from(rows, (r) => Number(r[yi])) };
}

function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i += 1) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function maxRel(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < got.length; i += 1) m = Math.max(m, want[i] === 0 ? Math.abs(got[i]) : Math.abs(got[i] - want[i]) / Math.abs(want[i]));
  return m;
}

const countDiff = (a: readonly boolean[], b: readonly boolean[]) => a.reduce((s, v, i) => s + (v !== b[i] ? 1 : 0), 0);
const e = (v: number) => (v === 0 ? '0' : v.toExponential(1));

interface Line {
  method: string;
  reference: string;
  data: string;
  n: string;
  result: string;
  bound: string;
}
const lines: Line[] = [];

// Gi* against spdep::localG, p against R's 2 * pnorm(-abs(z)), bins against R p.adjust(p, "BH").
for (const [file, data] of [
  ['gi-chicago-square-100ft-250ft.json', 'Chicago crimes, 100 ft squares, 250 ft band'],
  ['gi-south-sweden-square-20km-50km.json', 'Swedish police events (south), 20 km squares, 50 km band'],
  ['gi-chicago-hex-60ft-150ft.json', 'Chicago crimes, 60 ft hexagons, 150 ft band'],
  ['gi-south-sweden-hex-15km-40km.json', 'Swedish police events (south), 15 km hexagons, 40 km band'],
] as const) {
  const f = fixture(file);
  const { cx, cy } =
    f.grid === 'square'
      ? { cx: f.cells.ix.map((v: number) => (v + 0.5) * f.cellSize), cy: f.cells.iy.map((v: number) => (v + 0.5) * f.cellSize) }
      : (() => {
          const pts = f.cells.i.map((i: number, k: number) => getHexCellCentre(i, f.cells.j[k], f.cellSize));
          return { cx: pts.map((p: number[]) => p[0]), cy: pts.map((p: number[]) => p[1]) };
        })();
  const r = giStar({ cx, cy, counts: f.cells.count }, f.band);
  if (!r.ok) throw new Error(r.message);
  const bins = Array.from(getSignificanceBins(r.z, r.p));
  const decisions = [1, 2, 3].map((lvl, k) => countDiff(bins.map((b) => Math.abs(b) >= lvl), [f.bh10, f.bh05, f.bh01][k]));
  const adj = benjaminiHochberg(r.p, 0.05).adjusted;
  lines.push({
    method: `Gi* (${f.grid})`,
    reference: 'spdep::localG; R pnorm; R p.adjust BH',
    data,
    n: `${f.z.length} cells`,
    result: `max |Δz| ${e(maxAbs(r.z, f.z))}, max |Δp| ${e(maxAbs(r.p, f.p))}, max |Δp_BH| ${e(maxAbs(adj, f.bhAdjusted))}; BH decisions differing at 90/95/99 %: ${decisions.join('/')}`,
    bound: '|Δz| < 1e-6, |Δp| < 1e-9, decisions equal',
  });
}

{
  const f = fixture('bh-sweden-10km.json');
  const ours = benjaminiHochberg(f.p, 0.05);
  const decisions = [0.1, 0.05, 0.01].map((q, k) => countDiff(benjaminiHochberg(f.p, q).significant, [f.sig10, f.sig05, f.sig01][k]));
  lines.push({
    method: 'Benjamini–Hochberg',
    reference: 'R p.adjust(p, "BH")',
    data: 'Gi* p of all Swedish police events, 10 km cells',
    n: `${f.p.length} p-values`,
    result: `max |Δadjusted| ${e(maxAbs(ours.adjusted, f.adjusted))}; decisions differing at q = 0.10/0.05/0.01: ${decisions.join('/')}`,
    bound: '|Δ| < 1e-12, decisions equal',
  });
}

/** Canonical partition of the selected points: each mapped to the first selected index of its group. */
function partition(labels: ArrayLike<number | null>, keep: (i: number) => boolean): number[] {
  const first = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < labels.length; i += 1) {
    if (!keep(i)) continue;
    const l = labels[i] ?? -1;
    if (!first.has(l)) first.set(l, i);
    out.push(first.get(l) as number);
  }
  return out;
}

/**
 * Ours against a reference labelling (−1 or null = noise): core flags, core partition, and what differs among
 * the rest. A border point within eps of cores of two clusters may go to either (METHODS.md): those are counted,
 * not errors.
 */
function compareDbscan(labels: Int32Array, core: Uint8Array, ref: ArrayLike<number | null>, refCore: ((i: number) => boolean) | null): string {
  const n = labels.length;
  const isCore = (i: number) => core[i] === 1;
  const coreDiff = refCore ? Array.from({ length: n }, (_, i) => isCore(i) !== refCore(i)).filter(Boolean).length : null;
  const a = partition(labels, isCore);
  const b = partition(ref, isCore);
  const partitionEqual = a.length === b.length && a.every((v, k) => v === b[k]);
  // Map our clusters to theirs through the core points (a bijection when the partitions are equal).
  const toRef = new Map<number, number>();
  for (let i = 0; i < n; i += 1) if (isCore(i)) toRef.set(labels[i], ref[i] ?? -1);
  let border = 0;
  let otherCluster = 0;
  let noiseDiff = 0;
  for (let i = 0; i < n; i += 1) {
    if (isCore(i)) continue;
    const oursNoise = labels[i] < 0;
    const refNoise = ref[i] === null || (ref[i] as number) < 0;
    if (!oursNoise) border += 1;
    if (oursNoise !== refNoise) noiseDiff += 1;
    else if (!oursNoise && toRef.get(labels[i]) !== ref[i]) otherCluster += 1;
  }
  const clusters = new Set(Array.from(labels).filter((l) => l >= 0)).size;
  return `${coreDiff === null ? '' : `core flags differing ${coreDiff}; `}core partition ${partitionEqual ? 'equal' : 'DIFFERENT'} (${clusters} clusters); noise differing ${noiseDiff}; border points ${border}, in another (equally valid) cluster ${otherCluster}`;
}

for (const [file, data] of [
  ['dbscan-chicago-90ft-4.json', 'Chicago crimes, eps 90 ft, minPts 4'],
  ['dbscan-sweden-20km-40.json', 'Swedish police events, eps 20 km, minPts 40'],
  ['dbscan-south-sweden-8km-25.json', 'Swedish police events (south), eps 8 km, minPts 25'],
] as const) {
  const f = fixture(file);
  const r = dbscan(Float64Array.from(f.x), Float64Array.from(f.y), { eps: f.eps, minPoints: f.minPts });
  lines.push({ method: 'DBSCAN', reference: 'scikit-learn DBSCAN', data, n: `${f.x.length} points`, result: compareDbscan(r.labels, r.core, f.sklearnLabels, (i) => f.sklearnCore[i]), bound: 'core flags and core partition equal' });
  lines.push({ method: 'DBSCAN', reference: 'PostGIS ST_ClusterDBSCAN (fixture, PostgreSQL 15)', data, n: `${f.x.length} points`, result: compareDbscan(r.labels, r.core, f.postgisLabels, null), bound: 'core partition and noise equal' });
}
for (const [file, data] of [
  ['dbscan-r-chicago-90ft-4.json', 'Chicago crimes, eps 90 ft, minPts 4'],
  ['dbscan-r-sweden-20km-40.json', 'Swedish police events, eps 20 km, minPts 40'],
] as const) {
  const f = fixture(file);
  const r = dbscan(Float64Array.from(f.x), Float64Array.from(f.y), { eps: f.eps, minPoints: f.minPts });
  lines.push({ method: 'DBSCAN', reference: 'R dbscan::dbscan', data, n: `${f.x.length} points`, result: compareDbscan(r.labels, r.core, f.cluster.map((c: number) => c - 1), (i) => f.core[i]), bound: 'core flags and core partition equal' });
}

{
  const f = fixture('mann-kendall-monthly.json');
  let sDiff = 0;
  let varS = 0;
  let z = 0;
  let p = 0;
  for (const s of f.series) {
    const r = mannKendall(s.series);
    if (r.S !== s.S) sDiff += 1;
    varS = Math.max(varS, Math.abs(r.varS - s.varS));
    z = Math.max(z, Math.abs(r.z - s.z));
    p = Math.max(p, Math.abs(r.p - s.p));
  }
  lines.push({
    method: 'Mann–Kendall',
    reference: 'independent Python implementation of the formula, scipy norm.sf',
    data: `monthly police counts, ${f.months.length} months`,
    n: `${f.series.length} series`,
    result: `S differing ${sDiff}; max |ΔVar S| ${e(varS)}, max |Δz| ${e(z)}, max |Δp| ${e(p)}`,
    bound: 'S equal, |Δz|, |Δp| < 1e-12',
  });
}

{
  const f = fixture('kde-chicago-50ft-120ft.json');
  const pts = readPoints('chicago_crimes_spatstat.csv', 'x_ft', 'y_ft');
  const d = quarticKde(pts, { x: f.ix.map((v: number) => (v + 0.5) * f.cellSize), y: f.iy.map((v: number) => (v + 0.5) * f.cellSize) }, f.bandwidth);
  const peak = Math.max(...f.density);
  lines.push({
    method: 'quartic KDE',
    reference: 'numpy + scipy cKDTree',
    data: `Chicago crimes, ${f.cellSize} ft cells, bandwidth ${f.bandwidth} ft`,
    n: `${f.density.length} cells`,
    result: `max |Δdensity| / peak ${e(maxAbs(d, f.density) / peak)}`,
    bound: '< 1e-12',
  });
}

{
  const f = fixture('emerging-south-sweden-quarterly.json');
  const steps = f.counts[0].length;
  const perStep = Array.from({ length: steps }, (_, s) => Float64Array.from(f.counts, (row: number[]) => row[s]));
  const nb = buildDistanceBandNeighbours(
    f.ix.map((v: number) => (v + 0.5) * f.cellSize),
    f.iy.map((v: number) => (v + 0.5) * f.cellSize),
    f.band,
  );
  const r = findEmergingHotSpots(perStep, nb);
  let z = 0;
  for (let c = 0; c < f.ix.length; c += 1) for (let s = 0; s < steps; s += 1) z = Math.max(z, Math.abs(r.z[s][c] - f.z[c][s]));
  lines.push({
    method: 'emerging hot spots',
    reference: 'spdep::localG per step; Mann–Kendall written in R from the formula',
    data: `Swedish police events (south), ${f.cellSize / 1000} km squares, ${f.band / 1000} km band, quarterly`,
    n: `${f.ix.length} cells × ${steps} steps`,
    result: `max |Δz| per step ${e(z)}; trend max |Δz| ${e(maxAbs(r.trendZ, f.trendZ))}, max |Δp| ${e(maxAbs(r.trendP, f.trendP))}`,
    bound: 'Gi* < 1e-6, trend < 1e-9',
  });
}

{
  const f = fixture('moran-normality.json');
  const sets = {
    chicago: readPoints('chicago_crimes_spatstat.csv', 'x_ft', 'y_ft'),
    'south-sweden': readPoints('polisen_crime_sweden_2023-04_2025-03.csv', 'x_3006', 'y_3006', (y) => y < 6500000),
  } as const;
  let dI = 0;
  let dz = 0;
  for (const row of f.rows) {
    const pts = sets[row.dataset as keyof typeof sets];
    const g = binPointsToSquareGrid(pts.x, pts.y, row.cellSize);
    const r = getMoransIZ(g.counts, g.cx, g.cy, row.band);
    dI = Math.max(dI, Math.abs(r.I - row.I));
    dz = Math.max(dz, Math.abs(r.z - row.z));
  }
  lines.push({
    method: "global Moran's I (default band)",
    reference: 'spdep::moran.test(randomisation = FALSE)',
    data: 'Chicago and southern Sweden, several cells and bands',
    n: `${f.rows.length} grids`,
    result: `max |ΔI| ${e(dI)}, max |Δz| ${e(dz)}`,
    bound: '|ΔI| < 1e-12, |Δz| < 1e-9',
  });
}

{
  const f = fixture('pnorm.json');
  const lower = maxRel(f.z.map((z: number) => normalCdfBoth(z)[0]), f.lower);
  const upper = maxRel(f.z.map((z: number) => normalCdfBoth(z)[1]), f.upper);
  const two = maxRel(f.z.map((z: number) => twoSidedNormalP(z)), f.twoSided);
  lines.push({ method: 'normal distribution', reference: 'R pnorm', data: 'z from −40 to 40', n: `${f.z.length} values`, result: `max relative error: lower ${e(lower)}, upper ${e(upper)}, two-sided ${e(two)}`, bound: '< 1e-14 relative' });
}

{
  const boxes = fixture('hex-grid-postgis.json') as { box: number[]; size: number; cells: number[][] }[];
  let cellDiff = 0;
  let cells = 0;
  for (const b of boxes) {
    const ours = listHexCells(getHexGridRange(b.box[0], b.box[1], b.box[2], b.box[3], b.size)).map((c) => `${c.i},${c.j}`);
    const theirs = b.cells.map((c) => `${c[0]},${c[1]}`);
    cells += theirs.length;
    if (ours.length !== theirs.length || ours.some((v, k) => v !== theirs[k])) cellDiff += 1;
  }
  let countDiffs = 0;
  let binned = 0;
  for (const [name, file, xc, yc, size, keep] of [
    ['chicago-60ft', 'chicago_crimes_spatstat.csv', 'x_ft', 'y_ft', 60, () => true],
    ['south-sweden-15km', 'polisen_crime_sweden_2023-04_2025-03.csv', 'x_3006', 'y_3006', 15000, (y: number) => y < 6500000],
  ] as const) {
    const pts = readPoints(file, xc, yc, keep);
    const g = binPointsToHexGrid(pts.x, pts.y, size);
    const t = parseCsv(fs.readFileSync(path.join(FIXTURES, `hex-cells-${name}.csv`), 'utf8'));
    binned += t.rows.length;
    t.rows.forEach((r, k) => {
      if (g.i[k] !== Number(r[0]) || g.j[k] !== Number(r[1]) || g.counts[k] !== Number(r[4])) countDiffs += 1;
    });
    if (g.i.length !== t.rows.length) countDiffs += Math.abs(g.i.length - t.rows.length);
  }
  lines.push({
    method: 'hexagon numbering and binning',
    reference: 'PostGIS ST_HexagonGrid (+ ST_Intersects join counts)',
    data: `${boxes.length} bounding boxes; Chicago 60 ft and Sweden 15 km point sets`,
    n: `${cells} listed cells, ${binned} binned cells`,
    result: `boxes whose cell list differs ${cellDiff}; binned cells with another (i, j) or count ${countDiffs}`,
    bound: 'equal',
  });
}

// Live ST_ClusterDBSCAN on the databases the app runs on (as postgis-agreement.int.test.ts).
const live: string[] = [];
if (process.argv.includes('--postgres')) live.push('postgres');
if (process.argv.includes('--pglite')) live.push('pglite');
for (const backend of live) {
  const dir = backend === 'pglite' ? fs.mkdtempSync(path.join(os.tmpdir(), 'lagesbild-fixtures-')) : null;
  const h = await openDatabase(
    backend === 'pglite' ? { databaseUrl: '', dataDir: dir!, migrate: false } : { databaseUrl: process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres', migrate: false },
  );
  try {
    if (backend === 'pglite') await sql`CREATE EXTENSION IF NOT EXISTS postgis`.execute(h.db);
    const version = (await sql<{ v: string }>`SELECT postgis_lib_version() AS v`.execute(h.db)).rows[0].v;
    for (const [data, file, xc, yc, eps, minPoints] of [
      ['Chicago crimes, eps 90 ft, minPts 4', 'chicago_crimes_spatstat.csv', 'x_ft', 'y_ft', 90, 4],
      ['Swedish police events, eps 20 km, minPts 40', 'polisen_crime_sweden_2023-04_2025-03.csv', 'x_3006', 'y_3006', 20000, 40],
    ] as const) {
      const { x, y } = readPoints(file, xc, yc);
      const ours = dbscan(x, y, { eps, minPoints });
      const r = await sql<{ cluster: number | null }>`
        select ST_ClusterDBSCAN(ST_MakePoint(x, y), ${eps}::float8, ${minPoints}::int) over () as cluster
        from unnest(${Array.from(x)}::float8[], ${Array.from(y)}::float8[]) with ordinality as p(x, y, k)
        order by k`.execute(h.db);
      lines.push({
        method: 'DBSCAN',
        reference: `ST_ClusterDBSCAN live on ${backend} (PostGIS ${version})`,
        data,
        n: `${x.length} points`,
        result: compareDbscan(ours.labels, ours.core, r.rows.map((row) => row.cluster), null),
        bound: 'core partition and noise equal',
      });
    }
  } finally {
    await h.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

console.log('| method | reference | data | n | largest difference seen | the tests require |');
console.log('|---|---|---|---:|---|---|');
// A | inside a cell (|Δz|) would end the cell in markdown.
const cell = (s: string) => s.replaceAll('|', '\\|');
for (const l of lines) console.log(`| ${[l.method, l.reference, l.data, l.n, l.result, l.bound].map(cell).join(' | ')} |`);
