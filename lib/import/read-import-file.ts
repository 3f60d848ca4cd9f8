// A file as rows of named cells, whatever its format: CSV (headers matched to the documented column
// names) or GeoJSON (feature properties; the geometry kept aside). Pure.
import { type ImportColumn, type ImportFormat, type ImportKind, type ImportRowError, IMPORT_COLUMNS, normaliseHeader } from '@/lib/schemas/import';
import type { ImportCrs } from './coordinates';
import { CsvSyntaxError, parseCsv } from './parse-csv';
import { unneutralise } from './parse-values';

export interface ColumnMatch {
  /** The header as written in the file. */
  header: string;
  /** The field it was matched to, or null when the import does not use it. */
  field: string | null;
}

export interface SourceRow {
  /** Spreadsheet row (CSV, header = 1) or feature number (GeoJSON, from 1). */
  row: number;
  /** Cell text per field (missing fields are absent). */
  cells: Map<string, string>;
  /** GeoJSON geometry of the feature, unvalidated. */
  geometry?: unknown;
}

export interface SourceTable {
  format: ImportFormat;
  delimiter: string | null;
  columns: ColumnMatch[];
  /** field → header as written, to name columns in errors. */
  headerOf: Map<string, string>;
  rows: SourceRow[];
  /** A CRS the file declares (GeoJSON `crs` member of older writers, e.g. QGIS exports). */
  declaredCrs: ImportCrs | null;
  errors: ImportRowError[];
}

/** Which field each header names (first match wins; a repeated field is an error). */
export function matchColumns(kind: ImportKind, headers: readonly string[]): { columns: ColumnMatch[]; errors: ImportRowError[] } {
  const byName = new Map<string, ImportColumn>();
  for (const c of IMPORT_COLUMNS[kind]) {
    for (const name of [c.field, c.sv, ...c.aliases]) {
      const key = normaliseHeader(name);
      if (!byName.has(key)) byName.set(key, c);
    }
  }
  const seen = new Map<string, string>();
  const errors: ImportRowError[] = [];
  const columns = headers.map((header) => {
    const match = byName.get(normaliseHeader(header));
    if (!match) return { header, field: null };
    const earlier = seen.get(match.field);
    if (earlier !== undefined) {
      errors.push({ row: 1, column: header, message: `column "${header}" names the same field (${match.field}) as column "${earlier}"` });
      return { header, field: null };
    }
    seen.set(match.field, header);
    return { header, field: match.field };
  });
  return { columns, errors };
}

/** The format from the file name, else from the first character. */
export function detectFormat(fileName: string, text: string): ImportFormat {
  if (/\.(geo)?json$/i.test(fileName)) return 'geojson';
  if (/\.(csv|txt|tsv)$/i.test(fileName)) return 'csv';
  return /^\uFEFF?\s*[{[]/.test(text) ? 'geojson' : 'csv';
}

function emptyTable(format: ImportFormat, errors: ImportRowError[]): SourceTable {
  return { format, delimiter: null, columns: [], headerOf: new Map(), rows: [], declaredCrs: null, errors };
}

function readCsv(kind: ImportKind, text: string): SourceTable {
  let parsed;
  try {
    parsed = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) return emptyTable('csv', [{ row: err.row, column: null, message: err.message }]);
    throw err;
  }
  if (parsed.header.length === 0 || parsed.header.every((h) => h === '')) return emptyTable('csv', [{ row: 0, column: null, message: 'the file is empty: the first row must name the columns' }]);
  const { columns, errors } = matchColumns(kind, parsed.header);
  const rows: SourceRow[] = parsed.records.map((r) => {
    const cells = new Map<string, string>();
    columns.forEach((c, i) => {
      if (c.field) cells.set(c.field, unneutralise((r.cells[i] ?? '').trim()));
    });
    return { row: r.row, cells };
  });
  const headerOf = new Map(columns.filter((c) => c.field).map((c) => [c.field!, c.header]));
  return { format: 'csv', delimiter: parsed.delimiter, columns, headerOf, rows, declaredCrs: null, errors };
}

function declaredCrsOf(fc: Record<string, unknown>): ImportCrs | null {
  const name = (fc.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof name !== 'string') return null;
  if (/(EPSG::?|EPSG:)3006$/i.test(name)) return 'EPSG:3006';
  if (/(EPSG::?4326|CRS84)$/i.test(name)) return 'EPSG:4326';
  return null;
}

function readGeoJson(kind: ImportKind, text: string): SourceTable {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return emptyTable('geojson', [{ row: 0, column: null, message: `the file is not valid JSON: ${(err as Error).message}` }]);
  }
  const fc = doc as Record<string, unknown>;
  const features = fc && fc.type === 'FeatureCollection' && Array.isArray(fc.features) ? (fc.features as unknown[]) : fc && fc.type === 'Feature' ? [fc] : null;
  if (!features) return emptyTable('geojson', [{ row: 0, column: null, message: 'the file must be a GeoJSON FeatureCollection (or one Feature)' }]);
  const headers: string[] = [];
  const seenHeaders = new Set<string>();
  for (const f of features) {
    const props = (f as { properties?: unknown })?.properties;
    if (props && typeof props === 'object') {
      for (const k of Object.keys(props)) {
        if (!seenHeaders.has(k)) {
          seenHeaders.add(k);
          headers.push(k);
        }
      }
    }
  }
  const { columns, errors } = matchColumns(kind, headers);
  for (const e of errors) e.row = 0;
  const fieldOf = new Map(columns.filter((c) => c.field).map((c) => [c.header, c.field!]));
  const rows: SourceRow[] = features.map((f, i) => {
    const feature = (f ?? {}) as { type?: unknown; properties?: Record<string, unknown> | null; geometry?: unknown };
    const cells = new Map<string, string>();
    for (const [k, v] of Object.entries(feature.properties ?? {})) {
      const field = fieldOf.get(k);
      if (!field) continue;
      const textValue = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
      cells.set(field, unneutralise(textValue.trim()));
    }
    return { row: i + 1, cells, geometry: feature.geometry ?? null };
  });
  const headerOf = new Map(columns.filter((c) => c.field).map((c) => [c.field!, c.header]));
  return { format: 'geojson', delimiter: null, columns, headerOf, rows, declaredCrs: declaredCrsOf(fc), errors };
}

/** Reads the file's text as rows of the kind's fields. */
export function readImportFile(kind: ImportKind, fileName: string, text: string): SourceTable {
  return detectFormat(fileName, text) === 'geojson' ? readGeoJson(kind, text) : readCsv(kind, text);
}
