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

/**
 * Which field each header names. The user's mapping (field → header, '' = do not use) comes first;
 * every other header is matched by the documented name and aliases of a field the mapping leaves
 * open (first match wins; a repeated field is an error). Errors name the header row (1) and column.
 */
export function matchColumns(
  kind: ImportKind,
  headers: readonly string[],
  mapping: Readonly<Record<string, string>> = {},
): { columns: ColumnMatch[]; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const fieldOfHeader = new Map<string, string>();
  const fieldsByUser = new Set(Object.keys(mapping));
  const known = new Set(IMPORT_COLUMNS[kind].map((c) => c.field));
  for (const [field, header] of Object.entries(mapping)) {
    if (!known.has(field)) {
      errors.push({ row: 1, column: null, message: `the mapping names ${field}, which is not a field of this kind` });
      continue;
    }
    if (header === '') continue;
    if (!headers.includes(header)) {
      errors.push({ row: 1, column: header, message: `column "${header}", chosen for ${field}, is not in the file (columns: ${headers.join(', ')})` });
      continue;
    }
    const earlier = fieldOfHeader.get(header);
    if (earlier !== undefined) {
      errors.push({ row: 1, column: header, message: `column "${header}" is chosen for both ${earlier} and ${field}` });
      continue;
    }
    fieldOfHeader.set(header, field);
  }
  const byName = new Map<string, ImportColumn>();
  for (const c of IMPORT_COLUMNS[kind]) {
    if (fieldsByUser.has(c.field)) continue;
    for (const name of [c.field, c.sv, ...c.aliases]) {
      const key = normaliseHeader(name);
      if (!byName.has(key)) byName.set(key, c);
    }
  }
  const seen = new Map<string, string>([...fieldOfHeader].map(([h, f]) => [f, h]));
  const columns = headers.map((header) => {
    const chosen = fieldOfHeader.get(header);
    if (chosen !== undefined) return { header, field: chosen };
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

/** The column names of a file without reading its rows (for the mapping step in the browser): CSV header or GeoJSON property names. */
export function readHeaders(fileName: string, text: string): { format: ImportFormat; headers: string[]; error: string | null } {
  const format = detectFormat(fileName, text);
  if (format === 'geojson') {
    try {
      const doc = JSON.parse(text.replace(/^\uFEFF/, '')) as { type?: unknown; features?: unknown; properties?: unknown };
      const features = doc?.type === 'FeatureCollection' && Array.isArray(doc.features) ? doc.features : doc?.type === 'Feature' ? [doc] : [];
      return { format, headers: propertyNames(features), error: null };
    } catch (err) {
      return { format, headers: [], error: (err as Error).message };
    }
  }
  // Only the header record: cut at the first line break outside quotes.
  let quoted = false;
  let end = text.length;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      end = i;
      break;
    }
  }
  try {
    return { format, headers: parseCsv(text.slice(0, end)).header, error: null };
  } catch (err) {
    return { format, headers: [], error: (err as Error).message };
  }
}

function propertyNames(features: readonly unknown[]): string[] {
  const headers: string[] = [];
  const seen = new Set<string>();
  for (const f of features) {
    const props = (f as { properties?: unknown })?.properties;
    if (props && typeof props === 'object') {
      for (const k of Object.keys(props)) {
        if (!seen.has(k)) {
          seen.add(k);
          headers.push(k);
        }
      }
    }
  }
  return headers;
}

/**
 * Text of the file: UTF-8 (with or without BOM), else Windows-1252, which Swedish Excel's
 * "CSV (semikolonavgränsad)" writes. The browser's mapping step decodes the same way, so the column
 * names it offers are those the server reads.
 */
export function decodeImportText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
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

function readCsv(kind: ImportKind, text: string, mapping: Readonly<Record<string, string>>): SourceTable {
  let parsed;
  try {
    parsed = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) return emptyTable('csv', [{ row: err.row, column: null, message: err.message }]);
    throw err;
  }
  if (parsed.header.length === 0 || parsed.header.every((h) => h === '')) return emptyTable('csv', [{ row: 0, column: null, message: 'the file is empty: the first row must name the columns' }]);
  const { columns, errors } = matchColumns(kind, parsed.header, mapping);
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

function readGeoJson(kind: ImportKind, text: string, mapping: Readonly<Record<string, string>>): SourceTable {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return emptyTable('geojson', [{ row: 0, column: null, message: `the file is not valid JSON: ${(err as Error).message}` }]);
  }
  const fc = doc as Record<string, unknown>;
  const features = fc && fc.type === 'FeatureCollection' && Array.isArray(fc.features) ? (fc.features as unknown[]) : fc && fc.type === 'Feature' ? [fc] : null;
  if (!features) return emptyTable('geojson', [{ row: 0, column: null, message: 'the file must be a GeoJSON FeatureCollection (or one Feature)' }]);
  const headers = propertyNames(features);
  const { columns, errors } = matchColumns(kind, headers, mapping);
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

/** Reads the file's text as rows of the kind's fields (mapping: field → header chosen by the user). */
export function readImportFile(kind: ImportKind, fileName: string, text: string, mapping: Readonly<Record<string, string>> = {}): SourceTable {
  return detectFormat(fileName, text) === 'geojson' ? readGeoJson(kind, text, mapping) : readCsv(kind, text, mapping);
}
