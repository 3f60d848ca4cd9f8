import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import giChicago from '@/lib/analysis/fixtures/gi-chicago-square-100ft-250ft.json';
import giChicagoHex from '@/lib/analysis/fixtures/gi-chicago-hex-60ft-150ft.json';
import dbChicago from '@/lib/analysis/fixtures/dbscan-chicago-90ft-4.json';
import kdeChicago from '@/lib/analysis/fixtures/kde-chicago-50ft-120ft.json';
import { parseCsv, runHotspotsCommand } from '@/lib/cli/hotspots';

const CHICAGO = new URL('../../../shared/data/chicago_crimes_spatstat.csv', import.meta.url).pathname;
const POLICE = new URL('../../../shared/data/polisen_crime_sweden_2023-04_2025-03.csv', import.meta.url).pathname;

interface Fc {
  features: { geometry: { type: string; coordinates: unknown } | null; properties: Record<string, number | string | null> }[];
}

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runHotspotsCommand(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lagesbild-hotspots-')), name);
  writeFileSync(path, text);
  return path;
}

describe('lagesbild hotspots gi', () => {
  it('reproduces spdep Gi* for every Chicago square cell, zero-count cells included', async () => {
    const r = await run(['gi', '--in', CHICAGO, '--x', 'x_ft', '--y', 'y_ft', '--cell', '100', '--band', '250', '--geometry', 'none']);
    const fc = JSON.parse(r.stdout) as Fc;
    const byCell = new Map(fc.features.map((f) => [`${f.properties.ix},${f.properties.iy}`, f.properties]));
    expect(fc.features).toHaveLength(giChicago.n);
    const err = Math.max(...giChicago.cells.ix.map((ix, k) => Math.abs(Number(byCell.get(`${ix},${giChicago.cells.iy[k]}`)?.z) - giChicago.z[k])));
    expect(err).toBeLessThan(1e-6);
  });

  it('numbers hexagons as PostGIS ST_HexagonGrid and reproduces spdep Gi* on them', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'lagesbild-hotspots-')), 'hex.geojson');
    const r = await run(['gi', '--in', CHICAGO, '--x', 'x_ft', '--y', 'y_ft', '--cell', '60', '--band', '150', '--grid', 'hex', '--out', out]);
    expect(r.code).toBe(0);
    const fc = JSON.parse(readFileSync(out, 'utf8')) as Fc;
    const byCell = new Map(fc.features.map((f) => [`${f.properties.i},${f.properties.j}`, f.properties]));
    const cells = giChicagoHex.cells as { i: number[]; j: number[]; count: number[] };
    expect(fc.features).toHaveLength(cells.i.length);
    const err = Math.max(...cells.i.map((i, k) => Math.abs(Number(byCell.get(`${i},${cells.j[k]}`)?.z) - giChicagoHex.z[k])));
    expect(err).toBeLessThan(1e-6);
  });

  it('writes cell polygons in the input planar coordinates', async () => {
    const r = await run(['gi', '--in', CHICAGO, '--x', 'x_ft', '--y', 'y_ft', '--cell', '100', '--band', '250']);
    const f = (JSON.parse(r.stdout) as Fc).features[0];
    expect(f.geometry?.coordinates).toEqual([[[0, 200], [100, 200], [100, 300], [0, 300], [0, 200]]]);
  });

  it('gives more significant bins without the FDR correction', async () => {
    const args = ['gi', '--in', CHICAGO, '--x', 'x_ft', '--y', 'y_ft', '--cell', '100', '--band', '250', '--geometry', 'none'];
    const count = (s: string) => (JSON.parse(s) as Fc).features.filter((f) => f.properties.bin !== 0).length;
    const withFdr = count((await run(args)).stdout);
    const without = count((await run([...args, '--no-fdr'])).stdout);
    expect(without).toBeGreaterThan(withFdr);
  });

  it('projects lon/lat with --crs EPSG:4326 to the same cells as the x_3006 columns', async () => {
    const a = await run(['gi', '--in', POLICE, '--x', 'lon', '--y', 'lat', '--crs', 'EPSG:4326', '--cell', '20000', '--band', '50000', '--geometry', 'none']);
    const b = await run(['gi', '--in', POLICE, '--x', 'x_3006', '--y', 'y_3006', '--cell', '20000', '--band', '50000', '--geometry', 'none']);
    expect(JSON.parse(a.stdout)).toEqual(JSON.parse(b.stdout));
  });

  it('exits 2 when the band is smaller than the cell', async () => {
    const r = await run(['gi', '--in', CHICAGO, '--x', 'x_ft', '--y', 'y_ft', '--cell', '100', '--band', '50']);
    expect([r.code, /--band must not be smaller than --cell/.test(r.stderr)]).toEqual([2, true]);
  });

  it('exits 1 with a message when every cell has the same count', async () => {
    const r = await run(['gi', '--in', tempFile('same.csv', 'id,x,y\n1,5,5\n2,15,5\n'), '--cell', '10', '--band', '10']);
    expect([r.code, /same count/.test(r.stderr)]).toEqual([1, true]);
  });

  it('warns about fewer than 30 incidents', async () => {
    const r = await run(['gi', '--in', tempFile('few.csv', 'id,x,y\n1,5,5\n2,15,5\n3,15,5\n'), '--cell', '10', '--band', '10']);
    expect(r.stderr).toMatch(/only 3 incidents/);
  });
});

describe('lagesbild hotspots dbscan', () => {
  it('gives one feature per point with numeric ids and the core partition of scikit-learn', async () => {
    const r = await run(['dbscan', '--in', CHICAGO, '--x', 'x_ft', '--y', 'y_ft', '--eps', '90', '--min-points', '4']);
    const fc = JSON.parse(r.stdout) as Fc;
    expect(fc.features.map((f) => f.properties.id)).toEqual(dbChicago.x.map((_, k) => k + 1));
    const ours = new Map<number, number>();
    const theirs = new Map<number, number>();
    const agree = dbChicago.sklearnCore.every((core, k) => {
      if (!core) return true;
      const a = fc.features[k].properties.cluster as number;
      const b = dbChicago.sklearnLabels[k];
      if (!ours.has(a)) ours.set(a, b);
      if (!theirs.has(b)) theirs.set(b, a);
      return ours.get(a) === b && theirs.get(b) === a;
    });
    expect(agree).toBe(true);
  });

  it('writes null for noise', async () => {
    const r = await run(['dbscan', '--in', tempFile('p.csv', 'id,x,y\na,0,0\nb,1,0\nc,50,50\n'), '--eps', '2', '--min-points', '2']);
    expect((JSON.parse(r.stdout) as Fc).features.map((f) => [f.properties.id, f.properties.cluster])).toEqual([['a', 0], ['b', 0], ['c', null]]);
  });

  it('reads quoted numbers as numbers', async () => {
    const r = await run(['dbscan', '--in', tempFile('q.csv', '"id","x","y"\n"7","0","0"\n"8","1.5","0"\n'), '--eps', '2', '--min-points', '2']);
    expect((JSON.parse(r.stdout) as Fc).features.map((f) => f.properties.id)).toEqual([7, 8]);
  });

  it('reads GeoJSON points and keeps string ids', async () => {
    const gj = { type: 'FeatureCollection', features: [{ type: 'Feature', id: 'x1', geometry: { type: 'Point', coordinates: [0, 0] }, properties: {} }] };
    const r = await run(['dbscan', '--in', tempFile('p.geojson', JSON.stringify(gj)), '--eps', '1', '--min-points', '1']);
    expect((JSON.parse(r.stdout) as Fc).features[0].properties).toEqual({ id: 'x1', cluster: 0 });
  });
});

describe('lagesbild hotspots kde', () => {
  it('reproduces the scipy quartic densities per cell', async () => {
    const r = await run(['kde', '--in', CHICAGO, '--x', 'x_ft', '--y', 'y_ft', '--cell', '50', '--bandwidth', '120', '--geometry', 'none']);
    const fc = JSON.parse(r.stdout) as Fc;
    const byCell = new Map(fc.features.map((f) => [`${f.properties.ix},${f.properties.iy}`, Number(f.properties.density)]));
    const err = Math.max(...kdeChicago.ix.map((ix, k) => Math.abs((byCell.get(`${ix},${kdeChicago.iy[k]}`) ?? NaN) - kdeChicago.density[k])));
    expect(err).toBeLessThan(1e-15);
  });
});

describe('lagesbild hotspots bad input', () => {
  it('names the row and column of a non-numeric coordinate', async () => {
    const r = await run(['kde', '--in', tempFile('bad.csv', 'id,x,y\n1,0,0\n2,abc,0\n'), '--cell', '1', '--bandwidth', '2']);
    expect([r.code, r.stderr.includes('row 2 (line 3), column "x": "abc" is not a number')]).toEqual([2, true]);
  });

  it('names a missing column', async () => {
    const r = await run(['kde', '--in', CHICAGO, '--cell', '1', '--bandwidth', '2']);
    expect([r.code, r.stderr.includes('column "x" is missing')]).toEqual([2, true]);
  });

  it('rejects an empty file', async () => {
    const r = await run(['kde', '--in', tempFile('empty.csv', ''), '--cell', '1', '--bandwidth', '2']);
    expect([r.code, /empty/.test(r.stderr)]).toEqual([2, true]);
  });

  it('rejects an unknown option', async () => {
    const r = await run(['dbscan', '--in', CHICAGO, '--eps', '1', '--min-points', '2', '--bogus']);
    expect(r.code).toBe(2);
  });

  it('rejects a missing required parameter', async () => {
    const r = await run(['gi', '--in', CHICAGO, '--x', 'x_ft', '--y', 'y_ft', '--cell', '100']);
    expect([r.code, /--band/.test(r.stderr)]).toEqual([2, true]);
  });
});

describe('parseCsv', () => {
  it('keeps commas, doubled quotes and newlines inside quoted fields', () => {
    const t = parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\n3,4\n');
    expect(t.rows).toEqual([['x, y', 'say "hi"\nthere'], ['3', '4']]);
    expect(t.lines).toEqual([2, 4]);
  });
});
