import 'server-only';
// Writing exported records as CSV or GeoJSON. The CSV opens in Swedish Excel (UTF-8 byte-order mark,
// `;` between cells, every cell quoted, formula cells neutralised by the audit log's csvCell) and
// imports back unchanged (the importer reads the same English headers and undoes the apostrophe).
// GeoJSON is RFC 7946: WGS84 points, the other columns as properties.
import { csvCell } from '@/lib/server/audit/audit-csv';

export const EXPORT_FORMATS = ['csv', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A record with its WGS84 position; the other fields become CSV columns or GeoJSON properties. */
export type ExportRecord = { lat: number; lon: number } & Record<string, string | number | boolean | null>;

export interface ExportBody {
  body: string;
  contentType: string;
  extension: string;
}

/** Column order: id first, then as the rows give them, lat/lon after the first few. */
function columnsOf(rows: readonly ExportRecord[], fallback: readonly string[]): string[] {
  return rows.length ? Object.keys(rows[0]) : [...fallback];
}

export function formatExportCsv(rows: readonly ExportRecord[], emptyColumns: readonly string[]): string {
  const columns = columnsOf(rows, emptyColumns);
  const lines = [columns.map(csvCell).join(';')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function formatExportGeoJson(rows: readonly ExportRecord[]): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: rows.map(({ lat, lon, ...properties }) => ({
      type: 'Feature',
      id: typeof properties.id === 'string' ? properties.id : undefined,
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties,
    })),
  });
}

/** The records in the chosen format, with the HTTP content type and file extension. */
export function formatExport(rows: readonly ExportRecord[], format: ExportFormat, emptyColumns: readonly string[]): ExportBody {
  return format === 'csv'
    ? { body: formatExportCsv(rows, emptyColumns), contentType: 'text/csv; charset=utf-8', extension: 'csv' }
    : { body: formatExportGeoJson(rows), contentType: 'application/geo+json; charset=utf-8', extension: 'geojson' };
}
