// `lagesbild hotspots gi|dbscan|kde`: hot-spot analysis of a point file (CSV or GeoJSON), no database.
// Output geometries are in the input's planar coordinates (EPSG:3006 after --crs EPSG:4326), which RFC 7946
// allows only by prior agreement; the README says so.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
// Direct module imports, not the index: the index pulls in turf, which costs a second at start-up.
import { dbscan } from '@/lib/analysis/dbscan';
import { MIN_INCIDENTS } from '@/lib/analysis/default-parameters';
import { giStar } from '@/lib/analysis/gi-star';
import { quarticKde } from '@/lib/analysis/quartic-kde';
import { getSignificanceBins } from '@/lib/analysis/significance-bins';
import { projectWgs84ToSweref99tm } from '@/lib/geo/crs';
import { binPointsToSquareGrid, getSquareCellRing } from '@/lib/geo/grid';
import { binPointsToHexGrid, getHexCellRing } from '@/lib/geo/hex';
import { formatArgIssues } from '@/lib/schemas/cli';
import { hotspotsDbscanArgsSchema, hotspotsGiArgsSchema, hotspotsKdeArgsSchema } from '@/lib/schemas/hotspots-cli';

export const HOTSPOTS_USAGE = `Usage: lagesbild hotspots <gi|dbscan|kde> --in FILE [options]

  gi      --cell S --band D [--grid square|hex] [--no-fdr]   Getis-Ord Gi* per cell (z, p, bin -3..3)
  dbscan  --eps E --min-points K                           DBSCAN cluster per point (null = noise)
  kde     --cell S --bandwidth H                           quartic kernel density per cell (per unit²)

Input:  --in FILE   CSV (--x, --y coordinate columns, default x and y; --id, default id) or GeoJSON points
        --crs EPSG:4326   coordinates are lon/lat: project to EPSG:3006 metres first (default: planar units)
Output: --out FILE  GeoJSON FeatureCollection in the input's planar coordinates (default: stdout)
        --geometry none   leave geometries null
Exit codes: 0 ok, 1 no result (e.g. zero variance), 2 bad input.`;

export interface HotspotsIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** Bad input: the message names the problem (and row and column where it applies); exit code 2. */
export class HotspotsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HotspotsInputError';
  }
}

export interface CsvTable {
  header: string[];
  /** Data rows; row k is on file line k + 2 when no field spans lines. */
  rows: string[][];
  /** 1-based line number in the file where each data row starts. */
  lines: number[];
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines; CRLF or LF; blank lines skipped. */
export function parseCsv(text: string): CsvTable {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const len = src.length;
  const records: string[][] = [];
  const starts: number[] = [];
  let k = 0;
  let line = 1;
  // Scans to the next delimiter (comma, CR or LF) from `from`.
  const delimiterFrom = (from: number): number => {
    let e = from;
    while (e < len) {
      const c = src.charCodeAt(e);
      if (c === 44 || c === 10 || c === 13) break;
      e += 1;
    }
    return e;
  };
  while (k < len) {
    const recordLine = line;
    const record: string[] = [];
    for (;;) {
      let field: string;
      if (src.charCodeAt(k) === 34) {
        field = '';
        let segment = k + 1;
        for (;;) {
          const q = src.indexOf('"', segment);
          if (q < 0) {
            field += src.slice(segment);
            k = len;
            break;
          }
          field += src.slice(segment, q);
          if (src.charCodeAt(q + 1) === 34) {
            field += '"';
            segment = q + 2;
            continue;
          }
          k = q + 1;
          break;
        }
        for (let p = field.indexOf('\n'); p >= 0; p = field.indexOf('\n', p + 1)) line += 1;
        const e = delimiterFrom(k);
        if (e > k) field += src.slice(k, e);
        k = e;
      } else {
        const e = delimiterFrom(k);
        field = src.slice(k, e);
        k = e;
      }
      record.push(field);
      if (k >= len) break;
      if (src.charCodeAt(k) === 44) {
        k += 1;
        continue;
      }
      k += src.charCodeAt(k) === 13 && src.charCodeAt(k + 1) === 10 ? 2 : 1;
      line += 1;
      break;
    }
    if (!(record.length === 1 && record[0] === '')) {
      records.push(record);
      starts.push(recordLine);
    }
  }
  const [header = [], ...rows] = records;
  return { header, rows, lines: starts.slice(1) };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER_LIKE = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

export interface PointSet {
  x: Float64Array;
  y: Float64Array;
  /** Ids in the input's type: numbers for a numeric column, else strings; null when absent. */
  ids: (string | number | null)[];
}

export interface ReadPointsOptions {
  x: string;
  y: string;
  /** Id column or property; when not given, `id` if present, else the 1-based row number. */
  id?: string;
  crs?: 'EPSG:4326' | 'EPSG:3006';
}

function project(points: PointSet, crs: ReadPointsOptions['crs'], where: (k: number) => string): PointSet {
  if (crs !== 'EPSG:4326') return points;
  for (let k = 0; k < points.x.length; k += 1) {
    const lon = points.x[k];
    const lat = points.y[k];
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) throw new HotspotsInputError(`${where(k)}: (${lon}, ${lat}) is not a longitude/latitude pair (--crs EPSG:4326)`);
    [points.x[k], points.y[k]] = projectWgs84ToSweref99tm(lon, lat);
  }
  return points;
}

/** Reads CSV text into points; quoted numbers are numbers. Throws HotspotsInputError naming row and column. */
export function readCsvPoints(text: string, options: ReadPointsOptions): PointSet {
  const table = parseCsv(text);
  if (table.header.length === 0 || (table.header.length === 1 && table.header[0].trim() === '')) throw new HotspotsInputError('the input file is empty');
  if (table.rows.length === 0) throw new HotspotsInputError('the input file has a header but no rows');
  const header = table.header.map((h) => h.trim());
  const column = (name: string) => {
    const k = header.indexOf(name);
    if (k < 0) throw new HotspotsInputError(`column "${name}" is missing (columns: ${header.join(', ')})`);
    return k;
  };
  const xi = column(options.x);
  const yi = column(options.y);
  const idi = options.id !== undefined ? column(options.id) : header.indexOf('id');
  const n = table.rows.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  table.rows.forEach((row, k) => {
    for (const [col, name, arr] of [[xi, options.x, x], [yi, options.y, y]] as const) {
      const raw = (row[col] ?? '').trim();
      if (!NUMBER.test(raw)) throw new HotspotsInputError(`row ${k + 1} (line ${table.lines[k]}), column "${name}": ${raw === '' ? 'empty' : JSON.stringify(raw)} is not a number`);
      arr[k] = Number(raw);
    }
  });
  let ids: (string | number | null)[];
  if (idi < 0) ids = table.rows.map((_, k) => k + 1);
  else {
    const raw = table.rows.map((r) => (r[idi] ?? '').trim());
    const numeric = raw.every((v) => v === '' || INTEGER_LIKE.test(v));
    ids = raw.map((v) => (v === '' ? null : numeric ? Number(v) : v));
  }
  return project({ x, y, ids }, options.crs, (k) => `row ${k + 1} (line ${table.lines[k]})`);
}

/** Reads a GeoJSON FeatureCollection (or Feature) of Points; ids from feature.id or the id property. */
export function readGeoJsonPoints(text: string, options: ReadPointsOptions): PointSet {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new HotspotsInputError(`the input is not valid JSON: ${(err as Error).message}`);
  }
  const d = doc as { type?: string; features?: unknown[] };
  const features = d?.type === 'FeatureCollection' && Array.isArray(d.features) ? d.features : d?.type === 'Feature' ? [d] : null;
  if (!features) throw new HotspotsInputError('the input is neither a GeoJSON FeatureCollection nor a Feature');
  if (features.length === 0) throw new HotspotsInputError('the input has no features');
  const n = features.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const ids: (string | number | null)[] = [];
  const idKey = options.id ?? 'id';
  features.forEach((f, k) => {
    const feat = f as { id?: unknown; geometry?: { type?: string; coordinates?: unknown }; properties?: Record<string, unknown> | null };
    const g = feat?.geometry;
    if (!g || g.type !== 'Point' || !Array.isArray(g.coordinates)) throw new HotspotsInputError(`feature ${k + 1}: geometry is ${g?.type ?? 'missing'}, not a Point`);
    const [cx, cy] = g.coordinates as unknown[];
    if (typeof cx !== 'number' || typeof cy !== 'number' || !Number.isFinite(cx) || !Number.isFinite(cy)) {
      throw new HotspotsInputError(`feature ${k + 1}: coordinates are not two finite numbers`);
    }
    x[k] = cx;
    y[k] = cy;
    const prop = feat.properties?.[idKey];
    const id = options.id !== undefined ? prop : (feat.id ?? prop);
    if (options.id !== undefined && prop === undefined) throw new HotspotsInputError(`feature ${k + 1}: property "${idKey}" is missing`);
    ids.push(typeof id === 'number' || typeof id === 'string' ? id : id === undefined ? k + 1 : null);
  });
  return project({ x, y, ids }, options.crs, (k) => `feature ${k + 1}`);
}

function isGeoJson(path: string, text: string): boolean {
  return /\.(geo)?json$/i.test(path) || text.trimStart().startsWith('{');
}

type Geometry = { type: 'Polygon'; coordinates: [number, number][][] } | { type: 'Point'; coordinates: [number, number] } | null;

function feature(geometry: Geometry, properties: Record<string, unknown>) {
  return { type: 'Feature' as const, geometry, properties };
}

async function parseHotspotArgs<T extends z.ZodType>(schema: T, argv: string[], options: NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>): Promise<z.infer<T>> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new HotspotsInputError((err as Error).message);
  }
  const result = schema.safeParse(values);
  if (!result.success) throw new HotspotsInputError(formatArgIssues(result.error));
  return result.data;
}

const INPUT_OPTIONS = {
  in: { type: 'string' },
  out: { type: 'string' },
  x: { type: 'string' },
  y: { type: 'string' },
  id: { type: 'string' },
  crs: { type: 'string' },
  geometry: { type: 'string' },
} as const;

function loadPoints(args: { in: string; x: string; y: string; id?: string; crs?: 'EPSG:4326' | 'EPSG:3006' }): PointSet {
  let text: string;
  try {
    text = readFileSync(args.in, 'utf8');
  } catch (err) {
    throw new HotspotsInputError(`cannot read --in ${args.in}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (text.trim() === '') throw new HotspotsInputError(`the input file ${args.in} is empty`);
  const opts = { x: args.x, y: args.y, id: args.id, crs: args.crs };
  return isGeoJson(args.in, text) ? readGeoJsonPoints(text, opts) : readCsvPoints(text, opts);
}

function warnFew(points: PointSet, io: HotspotsIo): void {
  if (points.x.length < MIN_INCIDENTS) io.stderr(`warning: only ${points.x.length} incidents; hot-spot statistics need at least ${MIN_INCIDENTS} to mean much\n`);
}

/**
 * Runs `lagesbild hotspots …`; argv is what follows `hotspots`. Returns the exit code:
 * 0 ok, 1 no result (zero variance), 2 bad input (message names problem, row and column).
 */
export async function runHotspotsCommand(argv: string[], io: HotspotsIo): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    let collection: { type: 'FeatureCollection'; features: ReturnType<typeof feature>[] };
    let out: string | undefined;
    if (sub === 'gi') {
      const a = await parseHotspotArgs(hotspotsGiArgsSchema, rest, { ...INPUT_OPTIONS, cell: { type: 'string' }, band: { type: 'string' }, grid: { type: 'string' }, 'no-fdr': { type: 'boolean' } });
      out = a.out;
      const pts = loadPoints(a);
      warnFew(pts, io);
      const noGeometry = a.geometry === 'none';
      if (a.grid === 'square') {
        const g = binPointsToSquareGrid(pts.x, pts.y, a.cell);
        const r = giStar(g, a.band);
        if (!r.ok) {
          io.stderr(`no result: ${r.message}\n`);
          return 1;
        }
        const bins = getSignificanceBins(r.z, r.p, { fdr: !a['no-fdr'] });
        const features = Array.from(g.counts, (count, k) => {
          const ix = g.ixMin + (k % g.nx);
          const iy = g.iyMin + Math.floor(k / g.nx);
          return feature(noGeometry ? null : { type: 'Polygon', coordinates: [getSquareCellRing(ix, iy, a.cell)] }, { ix, iy, count, z: r.z[k], p: r.p[k], bin: bins[k] });
        });
        collection = { type: 'FeatureCollection', features };
      } else {
        const g = binPointsToHexGrid(pts.x, pts.y, a.cell);
        const r = giStar(g, a.band);
        if (!r.ok) {
          io.stderr(`no result: ${r.message}\n`);
          return 1;
        }
        const bins = getSignificanceBins(r.z, r.p, { fdr: !a['no-fdr'] });
        const features = Array.from(g.counts, (count, k) =>
          feature(noGeometry ? null : { type: 'Polygon', coordinates: [getHexCellRing(g.i[k], g.j[k], a.cell)] }, { i: g.i[k], j: g.j[k], count, z: r.z[k], p: r.p[k], bin: bins[k] }),
        );
        collection = { type: 'FeatureCollection', features };
      }
    } else if (sub === 'dbscan') {
      const a = await parseHotspotArgs(hotspotsDbscanArgsSchema, rest, { ...INPUT_OPTIONS, eps: { type: 'string' }, 'min-points': { type: 'string' } });
      out = a.out;
      const pts = loadPoints(a);
      const r = dbscan(pts.x, pts.y, { eps: a.eps, minPoints: a['min-points'] });
      if (r.highDensity) {
        io.stderr(`warning: on average ${r.meanNeighbours.toFixed(0)} neighbours within eps, so nearly every point is core; try a smaller --eps or a shorter period\n`);
      }
      const features = Array.from(r.labels, (label, k) =>
        feature(a.geometry === 'none' ? null : { type: 'Point', coordinates: [pts.x[k], pts.y[k]] }, { id: pts.ids[k], cluster: label < 0 ? null : label }),
      );
      collection = { type: 'FeatureCollection', features };
    } else if (sub === 'kde') {
      const a = await parseHotspotArgs(hotspotsKdeArgsSchema, rest, { ...INPUT_OPTIONS, cell: { type: 'string' }, bandwidth: { type: 'string' } });
      out = a.out;
      const pts = loadPoints(a);
      const g = binPointsToSquareGrid(pts.x, pts.y, a.cell);
      const density = quarticKde(pts, { x: g.cx, y: g.cy }, a.bandwidth);
      const features = Array.from(density, (d, k) => {
        const ix = g.ixMin + (k % g.nx);
        const iy = g.iyMin + Math.floor(k / g.nx);
        return feature(a.geometry === 'none' ? null : { type: 'Polygon', coordinates: [getSquareCellRing(ix, iy, a.cell)] }, { ix, iy, density: d });
      });
      collection = { type: 'FeatureCollection', features };
    } else if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
      (sub === undefined ? io.stderr : io.stdout)(`${HOTSPOTS_USAGE}\n`);
      return sub === undefined ? 2 : 0;
    } else {
      throw new HotspotsInputError(`unknown hotspots method "${sub}" (use gi, dbscan or kde)`);
    }
    const json = JSON.stringify(collection);
    if (out === undefined || out === '-') io.stdout(`${json}\n`);
    else writeFileSync(out, `${json}\n`);
    return 0;
  } catch (err) {
    if (err instanceof HotspotsInputError) {
      io.stderr(`lagesbild hotspots: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
