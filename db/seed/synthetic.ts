// Synthetic incidents at scale (up to 10^6 and more) for benchmarks and load tests: a mixture of
// Gaussian hotspots and a uniform background over 20 × 20 km of SWEREF 99 TM around Värnamo, five
// years of times with a day/night rhythm. Generated in batches of typed arrays and streamed into
// `incident` with COPY, so memory stays flat whatever N is.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DatabaseHandle } from '@/db/client';
import { DEMO_MUNICIPALITY_CODE } from '@/lib/domain/constants';
import { projectSweref99tmToWgs84 } from '@/lib/geo/crs';
import { Random } from '@/lib/testing/random';
import { syncCategories } from './categories';
import { stockholmToUtc, utcToStockholm } from './demo/stockholm-time';

/** EPSG:3006 metres: a 20 × 20 km square with Värnamo town near its centre. */
export const SYNTHETIC_EXTENT_3006 = { minX: 432_000, maxX: 452_000, minY: 6_328_000, maxY: 6_348_000 } as const;

/** Categories drawn, with weights roughly as in Swedish reported crime (Brå, 2023). */
export const SYNTHETIC_CATEGORIES = ['theft', 'vandalism', 'assault', 'drug_offence', 'burglary_home', 'bicycle_theft', 'shoplifting', 'threat'] as const;
const CATEGORY_WEIGHTS = [30, 18, 12, 10, 6, 9, 9, 6];

/** Synthetic data ends here unless told otherwise: a fixed instant keeps the data reproducible. */
export const SYNTHETIC_DEFAULT_UNTIL = new Date('2025-12-31T23:00:00Z'); // 2026-01-01 00:00 in Stockholm
export const SYNTHETIC_DEFAULT_MUNICIPALITY = { code: '9000', name: 'Syntetisk kommun' } as const;

const HOTSPOTS = 40;
const HOTSPOT_SHARE = 0.7;
const YEARS = 5;
const DAY_MS = 86_400_000;
// Local-hour weights, 00–23: quiet mornings, busy afternoons and evenings, a weekend-night tail.
const HOUR_WEIGHTS = [4, 3, 2.5, 1.5, 1, 1, 1.5, 2, 3, 3.5, 4, 4.5, 5, 5, 5.5, 6, 6.5, 6.5, 6.5, 6.5, 6, 6, 5.5, 5];

export interface SyntheticBatch {
  /** Index of the batch's first incident in the whole sequence. */
  offset: number;
  count: number;
  /** EPSG:3006 easting and northing, metres. */
  x: Float64Array;
  y: Float64Array;
  /** WGS84 degrees (what `geom` stores). */
  lon: Float64Array;
  lat: Float64Array;
  /** UTC epoch milliseconds. */
  occurredAt: Float64Array;
  /** Index into SYNTHETIC_CATEGORIES. */
  category: Uint8Array;
}

export interface SyntheticOptions {
  n: number;
  seed: number;
  /** Incidents per batch (default 50,000). The data do not depend on it. */
  batchSize?: number;
  until?: Date;
}

interface Hotspot {
  x: number;
  y: number;
  sigma: number;
}

/** Hotspots spread over the extent, 1 km from its edges, σ 80–600 m, with Pareto-like weights. */
function makeHotspots(rng: Random): { spots: Hotspot[]; weights: number[] } {
  const { minX, maxX, minY, maxY } = SYNTHETIC_EXTENT_3006;
  const spots: Hotspot[] = [];
  const weights: number[] = [];
  for (let i = 0; i < HOTSPOTS; i++) {
    spots.push({ x: rng.uniform(minX + 1000, maxX - 1000), y: rng.uniform(minY + 1000, maxY - 1000), sigma: rng.uniform(80, 600) });
    weights.push(1 / (i + 1));
  }
  return { spots, weights };
}

/**
 * Yields N synthetic incidents in batches. Points are drawn one after another from one stream, so
 * the same seed gives the same incidents whatever the batch size.
 */
export function* generateSyntheticIncidents(options: SyntheticOptions): Generator<SyntheticBatch> {
  const { n, seed } = options;
  if (!Number.isInteger(n) || n < 0) throw new Error(`n must be a non-negative integer, not ${n}`);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 50_000));
  const untilMs = (options.until ?? SYNTHETIC_DEFAULT_UNTIL).getTime();
  const end = utcToStockholm(untilMs);
  const firstDay = Date.UTC(end.year - YEARS, end.month - 1, end.day);
  const days = Math.round((Date.UTC(end.year, end.month - 1, end.day) - firstDay) / DAY_MS);
  const root = new Random(seed);
  const { spots, weights } = makeHotspots(root.fork('hotspots'));
  const rng = root.fork('points');
  const { minX, maxX, minY, maxY } = SYNTHETIC_EXTENT_3006;

  for (let offset = 0; offset < n; offset += batchSize) {
    const count = Math.min(batchSize, n - offset);
    const b: SyntheticBatch = {
      offset,
      count,
      x: new Float64Array(count),
      y: new Float64Array(count),
      lon: new Float64Array(count),
      lat: new Float64Array(count),
      occurredAt: new Float64Array(count),
      category: new Uint8Array(count),
    };
    for (let i = 0; i < count; i++) {
      let x: number;
      let y: number;
      if (rng.next() < HOTSPOT_SHARE) {
        const h = spots[rng.weightedIndex(weights)];
        do {
          x = h.x + rng.normal(0, h.sigma);
          y = h.y + rng.normal(0, h.sigma);
        } while (x < minX || x >= maxX || y < minY || y >= maxY);
      } else {
        x = rng.uniform(minX, maxX);
        y = rng.uniform(minY, maxY);
      }
      // Centimetre precision is all the output text carries; rounding here keeps x/y and lon/lat in step.
      x = Math.round(x * 100) / 100;
      y = Math.round(y * 100) / 100;
      const [lon, lat] = projectSweref99tmToWgs84(x, y);
      const day = new Date(firstDay + rng.int(0, days - 1) * DAY_MS);
      const minute = rng.weightedIndex(HOUR_WEIGHTS) * 60 + rng.int(0, 59);
      b.x[i] = x;
      b.y[i] = y;
      b.lon[i] = lon;
      b.lat[i] = lat;
      b.occurredAt[i] = stockholmToUtc({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: 0, minute });
      b.category[i] = rng.weightedIndex(CATEGORY_WEIGHTS);
    }
    yield b;
  }
}

export interface LoadSyntheticOptions {
  n: number;
  seed?: number;
  /** Tenant to load into (created when missing); default 9000 'Syntetisk kommun'. */
  municipalityCode?: string;
  /** Loading into the demo municipality mixes synthetic rows with the demo: only when asked. */
  allowDemoMunicipality?: boolean;
  batchSize?: number;
  until?: Date;
  /** Called after each batch with the rows written so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface LoadSyntheticResult {
  municipalityCode: string;
  rows: number;
  /** Wall time of the COPY itself, milliseconds (generation included: it runs interleaved). */
  durationMs: number;
}

// Ids are supplied rather than left to the gen_random_uuid() default: a volatile default makes
// PostgreSQL's COPY insert row by row instead of in multi-row batches, and ascending ids append to
// the primary-key b-tree instead of writing all over it.
const COPY_COLUMNS = 'id, municipality_code, category_key, occurred_at, geom, source, visibility';

/**
 * A time-ordered UUID in the layout of RFC 9562 version 7: 48 bits of the load's start time (Unix ms),
 * then the row's sequence number. Ascending within a load, unique across loads started at different ms.
 */
export function orderedUuid(startMs: number, sequence: number): string {
  if (!(sequence >= 0 && sequence < 2 ** 48)) throw new Error(`sequence ${sequence} is outside 0…2^48`);
  const time = Math.floor(startMs).toString(16).padStart(12, '0').slice(-12);
  const seq = sequence.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7000-8000-${seq}`;
}

/** COPY text format: tab-separated; every value here is free of tabs, newlines and backslashes. */
function batchToCopyText(b: SyntheticBatch, code: string, startMs: number): string {
  const lines = new Array<string>(b.count);
  for (let i = 0; i < b.count; i++) {
    // 7 decimals of a degree ≈ 1 cm.
    lines[i] =
      `${orderedUuid(startMs, b.offset + i)}\t${code}\t${SYNTHETIC_CATEGORIES[b.category[i]]}\t${new Date(b.occurredAt[i]).toISOString()}\t` +
      `SRID=4326;POINT(${b.lon[i].toFixed(7)} ${b.lat[i].toFixed(7)})\tsynthetic\tjoint`;
  }
  return lines.join('\n') + '\n';
}

/**
 * Streams N synthetic incidents (source 'synthetic') into the database with COPY: pg-copy-streams on
 * PostgreSQL, one `COPY … FROM '/dev/blob'` per batch on PGlite. Not one transaction: a failure
 * leaves the batches written so far (delete by source = 'synthetic' to start again).
 */
export async function loadSyntheticIncidents(handle: DatabaseHandle, options: LoadSyntheticOptions): Promise<LoadSyntheticResult> {
  const code = options.municipalityCode ?? SYNTHETIC_DEFAULT_MUNICIPALITY.code;
  if (!/^[0-9]{4}$/.test(code)) throw new Error(`Municipality code must be four digits, not "${code}"`);
  if (code === DEMO_MUNICIPALITY_CODE && !options.allowDemoMunicipality) {
    throw new Error(`Refusing to load synthetic incidents into the demo municipality ${DEMO_MUNICIPALITY_CODE}: choose another code or allow it explicitly.`);
  }
  await syncCategories(handle.db);
  await handle.db
    .insertInto('municipality')
    .values({ code, name: code === SYNTHETIC_DEFAULT_MUNICIPALITY.code ? SYNTHETIC_DEFAULT_MUNICIPALITY.name : `Syntetisk kommun ${code}` })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();

  const total = options.n;
  const batches = generateSyntheticIncidents({ n: total, seed: options.seed ?? 1, batchSize: options.batchSize, until: options.until });
  const started = performance.now();
  const idTime = Date.now();
  let done = 0;
  const raw = handle.raw;
  if (raw.backend === 'postgres') {
    const { from: copyFrom } = await import('pg-copy-streams');
    const client = await raw.pool.connect();
    try {
      const source = Readable.from(
        (function* () {
          for (const b of batches) {
            yield batchToCopyText(b, code, idTime);
            // Reported as handed to the stream; the last one follows the COPY's completion.
            done += b.count;
            if (done < total) options.onProgress?.(done, total);
          }
        })(),
      );
      await pipeline(source, client.query(copyFrom(`COPY incident (${COPY_COLUMNS}) FROM STDIN`)));
    } finally {
      client.release();
    }
    options.onProgress?.(done, total);
  } else {
    for (const b of batches) {
      const blob = new Blob([batchToCopyText(b, code, idTime)]);
      await raw.pg.query(`COPY incident (${COPY_COLUMNS}) FROM '/dev/blob'`, [], { blob });
      done += b.count;
      options.onProgress?.(done, total);
    }
  }
  return { municipalityCode: code, rows: done, durationMs: Math.round(performance.now() - started) };
}
