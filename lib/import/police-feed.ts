// The Swedish police events feed (polisen.se/api/events) as a context layer (issue 5, DESIGN §9): the
// JSON array the feed publishes ({id, datetime, name, summary, url, type, location: {name, gps}}) and
// the archived CSV of it (id, datetime, month, type, location_name, lat, lon, x_3006, y_3006). Pure:
// parses and checks every row, names the row and field of what is wrong, and sorts the events into
// those of one municipality and the rest. The feed's coordinates are municipality centroids, never
// incident locations: callers store them only as context.
import { parseCsv, CsvSyntaxError, stripBom } from './parse-csv';

export type PoliceFeedFormat = 'json' | 'csv';

export interface PoliceFeedEvent {
  /** JSON: position in the array (1 = first event); CSV: spreadsheet row (header = 1). */
  row: number;
  id: string;
  /** ISO 8601 in UTC. */
  occurredAt: string;
  type: string;
  locationName: string;
  lat: number;
  lon: number;
  name: string | null;
  /** Path on polisen.se ('/aktuellt/handelser/…'). */
  url: string | null;
  summary: string | null;
}

export interface PoliceFeedRowError {
  row: number;
  /** The file's field or column ('location.gps', 'datetime'); null for the whole row or file. */
  column: string | null;
  message: string;
}

export interface ParsedPoliceFeed {
  format: PoliceFeedFormat;
  totalRows: number;
  events: PoliceFeedEvent[];
  errors: PoliceFeedRowError[];
}

const CSV_REQUIRED = ['id', 'datetime', 'type', 'location_name', 'lat', 'lon'] as const;

/** 'json' or 'csv' when the text looks like the police feed (by its fields or header), else null. */
export function detectPoliceFeedFormat(text: string): PoliceFeedFormat | null {
  const t = stripBom(text).trimStart();
  if (t.startsWith('[')) {
    // The first object's keys are enough: the feed's own combination of fields.
    const head = t.slice(0, 4000);
    return /"datetime"\s*:/.test(head) && /"location"\s*:/.test(head) && /"type"\s*:/.test(head) ? 'json' : null;
  }
  const firstLine = t.split(/\r?\n/, 1)[0] ?? '';
  const header = firstLine.split(/[;,\t]/).map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
  return CSV_REQUIRED.every((c) => header.includes(c)) ? 'csv' : null;
}

const FEED_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([+-])(\d{2}):?(\d{2})|Z)$/;

/** The feed's '2023-04-01 7:49:05 +02:00' (also ISO 8601 with an offset) as ISO UTC; an offset is required. */
export function parseFeedDatetime(text: string): { ok: true; value: string } | { ok: false; message: string } {
  const m = FEED_TIME.exec(text.trim());
  if (!m) return { ok: false, message: `"${text}" is not a time like 2023-04-01 7:49:05 +02:00` };
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const local = Date.UTC(+y, +mo - 1, +d, +h, +mi, s ? +s : 0);
  const check = new Date(local);
  if (check.getUTCFullYear() !== +y || check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || (s ? +s : 0) > 59) {
    return { ok: false, message: `"${text}" is not a real date and time` };
  }
  const offsetMin = sign ? (sign === '-' ? -1 : 1) * (+oh * 60 + +om) : 0;
  if (Math.abs(offsetMin) > 14 * 60) return { ok: false, message: `"${text}" has an impossible UTC offset` };
  return { ok: true, value: new Date(local - offsetMin * 60_000).toISOString() };
}

// Sweden with a margin (the feed's centroids all lie inside): lat 55–69.1, lon 10.5–24.2.
function inSweden(lat: number, lon: number): boolean {
  return lat >= 55 && lat <= 69.1 && lon >= 10.5 && lon <= 24.2;
}

function parseCoordinate(text: string): number | null {
  const t = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

interface RawEvent {
  row: number;
  fields: { id: string; datetime: string; type: string; location: string; lat: string; lon: string; name: string | null; url: string | null; summary: string | null };
  /** The file's names of the fields, for the error messages. */
  names: { id: string; datetime: string; type: string; location: string; lat: string; lon: string; url: string };
}

function checkEvent(raw: RawEvent, errors: PoliceFeedRowError[]): PoliceFeedEvent | null {
  const { row, fields: f, names: n } = raw;
  const before = errors.length;
  const fail = (column: string, message: string) => errors.push({ row, column, message });
  if (!/^\d{1,18}$/.test(f.id.trim())) fail(n.id, f.id.trim() === '' ? 'the event id is missing' : `"${f.id}" is not a feed id (digits)`);
  const at = parseFeedDatetime(f.datetime);
  if (!at.ok) fail(n.datetime, f.datetime.trim() === '' ? 'the time is missing' : at.message);
  if (f.type.trim() === '') fail(n.type, 'the event type is missing');
  if (f.location.trim() === '') fail(n.location, 'the place name is missing');
  const lat = parseCoordinate(f.lat);
  const lon = parseCoordinate(f.lon);
  if (n.lat === n.lon && (lat === null || lon === null)) {
    // The JSON feed's one "lat,lon" field: one error for it.
    fail(n.lat, f.lat.trim() === '' && f.lon.trim() === '' ? 'the position is missing' : `"${f.lat},${f.lon}" is not "lat,lon" in degrees`);
  } else {
    if (lat === null) fail(n.lat, f.lat.trim() === '' ? 'the latitude is missing' : `"${f.lat}" is not a latitude in degrees`);
    if (lon === null) fail(n.lon, f.lon.trim() === '' ? 'the longitude is missing' : `"${f.lon}" is not a longitude in degrees`);
  }
  if (lat !== null && lon !== null && !inSweden(lat, lon)) {
    fail(n.lat === n.lon ? n.lat : `${n.lat}/${n.lon}`, inSweden(lon, lat) ? 'latitude and longitude are swapped' : `${lat}, ${lon} is not in Sweden`);
  }
  // Older feed versions gave the whole address; the path is what stays stable.
  const url = (f.url?.trim() || '').replace(/^https?:\/\/(www\.)?polisen\.se(?=\/)/i, '') || null;
  if (url !== null && !/^\/[^\s]*$/.test(url)) fail(n.url, `"${f.url}" is not an address on polisen.se`);
  if (errors.length > before || !at.ok || lat === null || lon === null) return null;
  return {
    row,
    id: f.id.trim(),
    occurredAt: at.value,
    type: f.type.trim(),
    locationName: f.location.trim(),
    lat,
    lon,
    name: f.name?.trim() || null,
    url,
    summary: f.summary?.trim() || null,
  };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function rawFromJson(text: string, errors: PoliceFeedRowError[]): RawEvent[] | null {
  let data: unknown;
  try {
    data = JSON.parse(stripBom(text));
  } catch (err) {
    errors.push({ row: 0, column: null, message: `the file is not valid JSON: ${(err as Error).message}` });
    return null;
  }
  if (!Array.isArray(data)) {
    errors.push({ row: 0, column: null, message: 'the file is not a JSON array of events as polisen.se/api/events publishes it' });
    return null;
  }
  const names = { id: 'id', datetime: 'datetime', type: 'type', location: 'location.name', lat: 'location.gps', lon: 'location.gps', url: 'url' };
  const out: RawEvent[] = [];
  data.forEach((item, i) => {
    const row = i + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push({ row, column: null, message: 'the event is not an object' });
      return;
    }
    const o = item as Record<string, unknown>;
    const loc = (typeof o.location === 'object' && o.location !== null ? o.location : {}) as Record<string, unknown>;
    const gps = str(loc.gps);
    const [lat = '', lon = '', ...rest] = gps.split(',');
    if (gps.trim() !== '' && rest.length > 0) {
      errors.push({ row, column: 'location.gps', message: `"${gps}" is not "lat,lon"` });
      return;
    }
    out.push({
      row,
      fields: { id: str(o.id), datetime: str(o.datetime), type: str(o.type), location: str(loc.name), lat, lon, name: strOrNull(o.name), url: strOrNull(o.url), summary: strOrNull(o.summary) },
      names,
    });
  });
  return out;
}

function rawFromCsv(text: string, errors: PoliceFeedRowError[]): RawEvent[] | null {
  let parsed;
  try {
    parsed = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) {
      errors.push({ row: err.row, column: null, message: err.message });
      return null;
    }
    throw err;
  }
  const index = new Map(parsed.header.map((h, i) => [h.trim().toLowerCase(), i]));
  const missing = CSV_REQUIRED.filter((c) => !index.has(c));
  if (missing.length) {
    errors.push({ row: 1, column: missing.join(', '), message: `the police feed CSV needs the columns ${CSV_REQUIRED.join(', ')}` });
    return null;
  }
  const cell = (cells: string[], name: string): string | null => {
    const i = index.get(name);
    return i === undefined ? null : (cells[i] ?? '');
  };
  const names = { id: 'id', datetime: 'datetime', type: 'type', location: 'location_name', lat: 'lat', lon: 'lon', url: 'url' };
  return parsed.records.map((r) => ({
    row: r.row,
    fields: {
      id: cell(r.cells, 'id') ?? '',
      datetime: cell(r.cells, 'datetime') ?? '',
      type: cell(r.cells, 'type') ?? '',
      location: cell(r.cells, 'location_name') ?? '',
      lat: cell(r.cells, 'lat') ?? '',
      lon: cell(r.cells, 'lon') ?? '',
      name: cell(r.cells, 'name'),
      url: cell(r.cells, 'url'),
      summary: cell(r.cells, 'summary'),
    },
    names,
  }));
}

/**
 * Every event of the file checked; a repeated id is an error on its later row (the feed has one row
 * per event). `format` is detected unless given.
 */
export function parsePoliceFeed(text: string, format: PoliceFeedFormat | null = detectPoliceFeedFormat(text)): ParsedPoliceFeed {
  const errors: PoliceFeedRowError[] = [];
  if (format === null) {
    errors.push({ row: 0, column: null, message: 'not a police events feed: expected the JSON array of polisen.se/api/events or a CSV with id, datetime, type, location_name, lat, lon' });
    return { format: 'csv', totalRows: 0, events: [], errors };
  }
  const raws = format === 'json' ? rawFromJson(text, errors) : rawFromCsv(text, errors);
  if (raws === null) return { format, totalRows: 0, events: [], errors };
  const events: PoliceFeedEvent[] = [];
  const firstRowOf = new Map<string, number>();
  for (const raw of raws) {
    const ev = checkEvent(raw, errors);
    if (!ev) continue;
    const first = firstRowOf.get(ev.id);
    if (first !== undefined) {
      errors.push({ row: ev.row, column: raw.names.id, message: `event ${ev.id} is already in the file (row ${first})` });
      continue;
    }
    firstRowOf.set(ev.id, ev.row);
    events.push(ev);
  }
  errors.sort((a, b) => a.row - b.row);
  return { format, totalRows: raws.length, events, errors };
}

/** Lower case, no diacritics kept apart (Å ≠ A), no " kommun" / " stad" suffix, single spaces. */
export function normalisePlaceName(name: string): string {
  return name
    .normalize('NFC')
    .toLocaleLowerCase('sv-SE')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ (kommun|stad)$/, '');
}

export interface EventsByMunicipality {
  mine: PoliceFeedEvent[];
  /** Events placed elsewhere (other municipalities, counties): counted, not imported. */
  otherCount: number;
  /** The place names of those events with their counts, most first. */
  otherPlaces: { name: string; count: number }[];
}

/** The events whose place name is the municipality's name ("Värnamo", also "Värnamo kommun"). */
export function splitByMunicipality(events: readonly PoliceFeedEvent[], municipalityName: string): EventsByMunicipality {
  const target = normalisePlaceName(municipalityName);
  const mine: PoliceFeedEvent[] = [];
  const other = new Map<string, number>();
  for (const ev of events) {
    if (normalisePlaceName(ev.locationName) === target) mine.push(ev);
    else other.set(ev.locationName, (other.get(ev.locationName) ?? 0) + 1);
  }
  const otherPlaces = [...other].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'sv'));
  return { mine, otherCount: events.length - mine.length, otherPlaces };
}

/** The events page of polisen.se: where a row without its own address (the archived CSV has none) links. */
export const POLISEN_EVENTS_PAGE = 'https://polisen.se/aktuellt/handelser/';

/** The polisen.se address of a feed path, or the events page when the file gave none. */
export function polisenUrl(path: string | null): string {
  return path ? `https://polisen.se${path}` : POLISEN_EVENTS_PAGE;
}
