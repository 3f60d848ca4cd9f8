// Every row of an import checked and turned into the values to store, or into errors that name the row,
// the column and what is wrong. Nothing is stored by this code: the server stores all rows or none.
// Pure: what the database knows (categories, organisations, areas, what the importer may create)
// comes in as `context`.
import crypto from 'node:crypto';
import type { z } from 'zod';
import { areaInputSchema } from '@/lib/schemas/entities/area';
import { incidentInputSchema } from '@/lib/schemas/entities/incident';
import { surveyIndicatorInputSchema } from '@/lib/schemas/entities/survey-indicator';
import { unsafePlaceInputSchema } from '@/lib/schemas/entities/unsafe-place';
import { vandalismReportInputSchema } from '@/lib/schemas/entities/vandalism-report';
import { type ImportKind, type ImportOptions, type ImportRowError, IMPORT_COLUMNS, normaliseHeader, VALUE_WORDS } from '@/lib/schemas/import';
import { INCIDENT_SOURCES, type Visibility } from '@/lib/domain/constants';
import type { MultiPolygon, Polygonal } from '@/lib/schemas/common';
import { type ImportCrs, detectCrs, toWgs84 } from './coordinates';
import { type Parsed, parseBoolean, parseDecimal, parseInteger, parseTimestamp } from './parse-values';
import type { SourceRow, SourceTable } from './read-import-file';
import { parseWktPolygonal } from './wkt';
import { projectSweref99tmToWgs84 } from '@/lib/geo/crs';

export interface ImportContext {
  categories: readonly { key: string; label_sv: string; label_en: string; sensitivity: string }[];
  /** Category sensitivities the importer may create records of (those their roles see exactly). */
  allowedSensitivities: readonly string[];
  organisations: readonly { id: string; name: string }[];
  areas: readonly { id: string; name: string; code: string | null; kind: string }[];
  /** The organisation that owns the imported records. */
  originOrgId: string | null;
}

interface Keyed {
  row: number;
  /** Stable hash of the row's values (and its occurrence among equal rows of the file). */
  import_hash: string;
}

export interface IncidentImportRow extends Keyed {
  category_key: string;
  occurred_at: string;
  occurred_to: string | null;
  lon: number;
  lat: number;
  source: string;
  visibility: Visibility;
  external_id: string | null;
  description: string | null;
}

export interface UnsafePlaceImportRow extends Keyed {
  title: string;
  lon: number;
  lat: number;
  reasons: string[];
  proposed_measure: string | null;
  status: string;
  source: string;
  visibility: Visibility;
  description: string | null;
  public_summary: string | null;
  reported_at: string | null;
  fixed_at: string | null;
  external_id: string | null;
}

export interface VandalismImportRow extends Keyed {
  kind: string;
  offensive: boolean;
  lon: number;
  lat: number;
  status: string;
  reported_at: string;
  assigned_at: string | null;
  responsible_org_id: string | null;
  remediated_at: string | null;
  cost_sek: number | null;
  visibility: Visibility;
  description: string | null;
  public_summary: string | null;
  external_id: string | null;
}

export interface AreaImportRow extends Keyed {
  kind: string;
  name: string;
  code: string | null;
  population: number | null;
  geom: Polygonal;
}

export interface SurveyImportRow extends Keyed {
  area_id: string;
  year: number;
  indicator: string;
  value: number;
  unit: string;
  respondents: number | null;
  source: string | null;
}

export type ImportRows =
  | { kind: 'incidents'; rows: IncidentImportRow[] }
  | { kind: 'unsafe_places'; rows: UnsafePlaceImportRow[] }
  | { kind: 'vandalism'; rows: VandalismImportRow[] }
  | { kind: 'areas'; rows: AreaImportRow[] }
  | { kind: 'survey'; rows: SurveyImportRow[] };

export interface ValidatedImport {
  data: ImportRows;
  errors: ImportRowError[];
  /** The CRS coordinates were read in (null for kinds without coordinates). */
  crs: ImportCrs | null;
}

/** Most errors reported for one file: enough to fix a systematic mistake, not a 100k-line report. */
export const MAX_REPORTED_ERRORS = 1000;

class RowErrors {
  readonly list: ImportRowError[] = [];
  constructor(private readonly headerOf: Map<string, string>) {}
  column(field: string): string {
    return this.headerOf.get(field) ?? field;
  }
  add(row: number, field: string | null, message: string): void {
    this.list.push({ row, column: field === null ? null : this.column(field), message });
  }
}

function words<T extends Record<string, string>>(table: T, text: string): string | undefined {
  return table[normaliseHeader(text) as keyof T];
}

/** Hashes are per content; equal rows get #1, #2 … so a file with two equal rows imports both, twice nothing. */
function hasher(kind: ImportKind): (values: readonly unknown[]) => string {
  const seen = new Map<string, number>();
  return (values) => {
    const content = JSON.stringify([kind, ...values]);
    const n = (seen.get(content) ?? 0) + 1;
    seen.set(content, n);
    return crypto.createHash('sha256').update(`${content}#${n}`).digest('hex').slice(0, 40);
  };
}

/** zod's issues of an entity schema as row errors: the first path element is the field. */
function addIssues(errors: RowErrors, row: number, error: z.ZodError, fieldMap: Record<string, string> = {}): void {
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    errors.add(row, field ? (fieldMap[field] ?? field) : null, issue.message);
  }
}

function requiredColumnErrors(kind: ImportKind, table: SourceTable, errors: RowErrors, point: boolean): boolean {
  const have = new Set(table.headerOf.keys());
  let ok = true;
  const headerRow = table.format === 'csv' ? 1 : 0;
  for (const c of IMPORT_COLUMNS[kind]) {
    if (c.required && !have.has(c.field)) {
      errors.list.push({ row: headerRow, column: c.field, message: `required column ${c.field} (${c.sv}) is missing` });
      ok = false;
    }
  }
  if (point && table.format === 'csv' && !((have.has('lat') && have.has('lon')) || (have.has('x') && have.has('y')))) {
    errors.list.push({ row: headerRow, column: null, message: 'coordinates are missing: give lat and lon (WGS84) or x and y (SWEREF 99 TM) columns' });
    ok = false;
  }
  if (kind === 'areas' && table.format === 'csv' && !have.has('geometry')) {
    errors.list.push({ row: headerRow, column: null, message: 'the outline column is missing: a CSV of areas needs a geometry (WKT) column, e.g. geometri, wkt or geom' });
    ok = false;
  }
  if (kind === 'survey' && !have.has('area') && !have.has('area_code')) {
    errors.list.push({ row: headerRow, column: 'area', message: 'required column area (omrade) or area_code (omradeskod) is missing' });
    ok = false;
  }
  return ok;
}

// ---------------------------------------------------------------- points

interface RawPair {
  x: number;
  y: number;
  /** Columns to name in an error about this pair. */
  columns: string;
  /** lat/lon columns are degrees whatever the ranges say. */
  degrees: boolean;
}

/** The row's coordinate pair, or an error (missing or not numbers). */
function readPair(table: SourceTable, r: SourceRow, errors: RowErrors): RawPair | null {
  if (table.format === 'geojson') {
    const g = r.geometry as { type?: unknown; coordinates?: unknown } | null;
    if (!g || g.type !== 'Point' || !Array.isArray(g.coordinates) || g.coordinates.length < 2) {
      errors.add(r.row, null, 'geometry must be a GeoJSON Point');
      return null;
    }
    const [x, y] = g.coordinates as unknown[];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      errors.add(r.row, null, 'the Point’s coordinates must be two numbers');
      return null;
    }
    return { x, y, columns: 'geometry', degrees: false };
  }
  const useLatLon = table.headerOf.has('lat') && table.headerOf.has('lon') && (r.cells.get('lat') !== '' || !table.headerOf.has('x'));
  const [xf, yf] = useLatLon ? ['lon', 'lat'] : ['x', 'y'];
  const xs = r.cells.get(xf) ?? '';
  const ys = r.cells.get(yf) ?? '';
  const columns = `${errors.column(yf)}/${errors.column(xf)}`;
  if (xs === '' || ys === '') {
    errors.add(r.row, xs === '' ? xf : yf, 'coordinate is missing');
    return null;
  }
  const x = parseDecimal(xs);
  const y = parseDecimal(ys);
  if (!x.ok) errors.add(r.row, xf, `coordinate ${x.message}`);
  if (!y.ok) errors.add(r.row, yf, `coordinate ${y.message}`);
  if (!x.ok || !y.ok) return null;
  return { x: x.value, y: y.value, columns, degrees: useLatLon };
}

/** Every row's pair, then the CRS (declared, chosen or detected), then each pair in WGS84. */
function readPoints(table: SourceTable, options: ImportOptions, errors: RowErrors): { crs: ImportCrs; points: Map<number, { lon: number; lat: number }> } {
  const pairs = new Map<SourceRow, RawPair>();
  for (const r of table.rows) {
    const p = readPair(table, r, errors);
    if (p) pairs.set(r, p);
  }
  const allDegrees = [...pairs.values()].every((p) => p.degrees) && pairs.size > 0;
  const crs: ImportCrs =
    options.crs !== 'auto' ? options.crs : allDegrees ? 'EPSG:4326' : (table.declaredCrs ?? detectCrs([...pairs.values()].map((p) => [p.x, p.y] as const)) ?? 'EPSG:4326');
  const points = new Map<number, { lon: number; lat: number }>();
  for (const [r, p] of pairs) {
    // lat/lon columns are degrees unless the user says otherwise (a mapped N/E pair may be SWEREF metres).
    const w = toWgs84(p.x, p.y, p.degrees && options.crs === 'auto' ? 'EPSG:4326' : crs);
    if (!w.ok) {
      errors.list.push({ row: r.row, column: p.columns, message: w.message });
      continue;
    }
    points.set(r.row, { lon: w.lon, lat: w.lat });
  }
  return { crs, points };
}

function text(r: SourceRow, field: string): string {
  return r.cells.get(field) ?? '';
}

function optionalTimestamp(r: SourceRow, field: string, errors: RowErrors): string | null | undefined {
  const s = text(r, field);
  if (s === '') return null;
  const t = parseTimestamp(s);
  if (!t.ok) {
    errors.add(r.row, field, t.message);
    return undefined;
  }
  return t.value;
}

function requiredTimestamp(r: SourceRow, field: string, errors: RowErrors): string | undefined {
  const s = text(r, field);
  if (s === '') {
    errors.add(r.row, field, `${field} is required`);
    return undefined;
  }
  const t = parseTimestamp(s);
  if (!t.ok) {
    errors.add(r.row, field, t.message);
    return undefined;
  }
  return t.value;
}

function visibilityOf(r: SourceRow, options: ImportOptions, errors: RowErrors): Visibility | undefined {
  const s = text(r, 'visibility');
  if (s === '') return options.visibility;
  const v = words(VALUE_WORDS.visibility, s);
  if (!v) errors.add(r.row, 'visibility', `"${s}" is not a visibility (restricted/begränsad, joint/gemensam, partners)`);
  return v as Visibility | undefined;
}

/** External ids repeated within the file: the later row is the error. */
function externalIdChecker(errors: RowErrors): (r: SourceRow) => string | null {
  const firstRow = new Map<string, number>();
  return (r) => {
    const id = text(r, 'external_id');
    if (id === '') return null;
    const first = firstRow.get(id);
    if (first !== undefined) {
      errors.add(r.row, 'external_id', `external_id "${id}" repeats row ${first}`);
      return null;
    }
    firstRow.set(id, r.row);
    return id;
  };
}

function validateIncidents(table: SourceTable, options: ImportOptions, context: ImportContext, errors: RowErrors): { rows: IncidentImportRow[]; crs: ImportCrs } {
  const { crs, points } = readPoints(table, options, errors);
  const byWord = new Map<string, (typeof context.categories)[number]>();
  for (const c of context.categories) for (const w of [c.key, c.label_sv, c.label_en]) byWord.set(normaliseHeader(w), c);
  const hash = hasher('incidents');
  const externalId = externalIdChecker(errors);
  const rows: IncidentImportRow[] = [];
  // The same few category names repeat on every row: normalise each spelling once.
  const categoryOf = new Map<string, (typeof context.categories)[number] | undefined>();
  for (const r of table.rows) {
    const before = errors.list.length;
    const catText = text(r, 'category');
    if (!categoryOf.has(catText)) categoryOf.set(catText, byWord.get(normaliseHeader(catText)));
    const category = catText === '' ? undefined : categoryOf.get(catText);
    if (catText === '') errors.add(r.row, 'category', 'category is required');
    else if (!category) errors.add(r.row, 'category', `unknown category "${catText}" (use a category key or its Swedish or English name)`);
    else if (!context.allowedSensitivities.includes(category.sensitivity)) {
      errors.add(r.row, 'category', `category "${catText}" is ${category.sensitivity}: your role may not create such records`);
    }
    const occurredAt = requiredTimestamp(r, 'occurred_at', errors);
    const occurredTo = optionalTimestamp(r, 'occurred_to', errors);
    const sourceText = text(r, 'source');
    const source = sourceText === '' ? 'import' : normaliseHeader(sourceText);
    if (!(INCIDENT_SOURCES as readonly string[]).includes(source)) errors.add(r.row, 'source', `source must be one of ${INCIDENT_SOURCES.join(', ')}`);
    else if (source === 'police_feed') errors.add(r.row, 'source', 'police_feed rows come only from the police events feed import (kind police_feed): they are context, never incident locations');
    const visibility = visibilityOf(r, options, errors);
    const external_id = externalId(r);
    const point = points.get(r.row);
    if (errors.list.length > before || !point || !category || !occurredAt || occurredTo === undefined || !visibility) continue;
    const parsed = incidentInputSchema.safeParse({
      category_key: category.key,
      occurred_at: occurredAt,
      occurred_to: occurredTo,
      geom: { type: 'Point', coordinates: [point.lon, point.lat] },
      source,
      origin_org_id: context.originOrgId,
      visibility,
      external_id,
      description: text(r, 'description'),
    });
    if (!parsed.success) {
      addIssues(errors, r.row, parsed.error, { category_key: 'category', geom: 'lat' });
      continue;
    }
    const v = parsed.data;
    rows.push({
      row: r.row,
      category_key: v.category_key,
      occurred_at: v.occurred_at,
      occurred_to: v.occurred_to,
      lon: point.lon,
      lat: point.lat,
      source: v.source,
      visibility: v.visibility,
      external_id: v.external_id,
      description: v.description,
      import_hash: hash([v.category_key, v.occurred_at, v.occurred_to, point.lon.toFixed(7), point.lat.toFixed(7), v.source, v.visibility, v.external_id, v.description]),
    });
  }
  return { rows, crs };
}

function validateUnsafePlaces(table: SourceTable, options: ImportOptions, context: ImportContext, errors: RowErrors): { rows: UnsafePlaceImportRow[]; crs: ImportCrs } {
  const { crs, points } = readPoints(table, options, errors);
  const hash = hasher('unsafe_places');
  const externalId = externalIdChecker(errors);
  const rows: UnsafePlaceImportRow[] = [];
  for (const r of table.rows) {
    const before = errors.list.length;
    const reasons: string[] = [];
    for (const part of text(r, 'reasons').split(/[|,;]/).map((s) => s.trim()).filter(Boolean)) {
      const reason = words(VALUE_WORDS.reasons, part);
      if (!reason) errors.add(r.row, 'reasons', `unknown reason "${part}"`);
      else if (!reasons.includes(reason)) reasons.push(reason);
    }
    const statusText = text(r, 'status');
    const status = statusText === '' ? 'open' : words(VALUE_WORDS.unsafeStatus, statusText);
    if (!status) errors.add(r.row, 'status', `"${statusText}" is not a status (öppen, planerad, åtgärdad, avvisad)`);
    const sourceText = text(r, 'source');
    const source = sourceText === '' ? 'staff' : words(VALUE_WORDS.unsafeSource, sourceText);
    if (!source) errors.add(r.row, 'source', `"${sourceText}" is not a source (survey/enkät, citizen/medborgare, staff/personal)`);
    const reportedAt = optionalTimestamp(r, 'reported_at', errors);
    const fixedAt = optionalTimestamp(r, 'fixed_at', errors);
    const visibility = visibilityOf(r, options, errors);
    const external_id = externalId(r);
    const point = points.get(r.row);
    if (errors.list.length > before || !point || !status || !source || reportedAt === undefined || fixedAt === undefined || !visibility) continue;
    const parsed = unsafePlaceInputSchema.safeParse({
      title: text(r, 'title'),
      geom: { type: 'Point', coordinates: [point.lon, point.lat] },
      reasons,
      proposed_measure: text(r, 'proposed_measure'),
      status,
      source,
      origin_org_id: context.originOrgId,
      visibility,
      description: text(r, 'description'),
      public_summary: text(r, 'public_summary'),
      reported_at: reportedAt,
      fixed_at: fixedAt,
    });
    if (!parsed.success) {
      addIssues(errors, r.row, parsed.error, { geom: 'lat' });
      continue;
    }
    const v = parsed.data;
    rows.push({
      row: r.row,
      title: v.title,
      lon: point.lon,
      lat: point.lat,
      reasons: v.reasons,
      proposed_measure: v.proposed_measure,
      status: v.status,
      source: v.source,
      visibility: v.visibility,
      description: v.description,
      public_summary: v.public_summary,
      reported_at: v.reported_at,
      fixed_at: v.fixed_at,
      external_id,
      import_hash: hash([v.title, point.lon.toFixed(7), point.lat.toFixed(7), v.reasons, v.proposed_measure, v.status, v.source, v.visibility, v.description, v.public_summary, v.reported_at, v.fixed_at, external_id]),
    });
  }
  return { rows, crs };
}

function validateVandalism(table: SourceTable, options: ImportOptions, context: ImportContext, errors: RowErrors): { rows: VandalismImportRow[]; crs: ImportCrs } {
  const { crs, points } = readPoints(table, options, errors);
  const orgByName = new Map(context.organisations.map((o) => [normaliseHeader(o.name), o.id]));
  const hash = hasher('vandalism');
  const externalId = externalIdChecker(errors);
  const rows: VandalismImportRow[] = [];
  for (const r of table.rows) {
    const before = errors.list.length;
    const kindText = text(r, 'kind');
    const kind = words(VALUE_WORDS.vandalismKind, kindText);
    if (!kind) errors.add(r.row, 'kind', kindText === '' ? 'kind is required' : `"${kindText}" is not a kind (klotter/graffiti, skadegörelse/damage)`);
    const offensive = parseBoolean(text(r, 'offensive'));
    if (!offensive.ok) errors.add(r.row, 'offensive', offensive.message);
    const statusText = text(r, 'status');
    const status = statusText === '' ? 'reported' : words(VALUE_WORDS.vandalismStatus, statusText);
    if (!status) errors.add(r.row, 'status', `"${statusText}" is not a status (rapporterad, tilldelad, sanerad)`);
    const orgText = text(r, 'responsible_org');
    const responsible = orgText === '' ? null : orgByName.get(normaliseHeader(orgText));
    if (responsible === undefined) errors.add(r.row, 'responsible_org', `unknown organisation "${orgText}" in this municipality`);
    let cost: Parsed<number | null> = { ok: true, value: null };
    if (text(r, 'cost_sek') !== '') cost = parseDecimal(text(r, 'cost_sek'));
    if (!cost.ok) errors.add(r.row, 'cost_sek', cost.message);
    const reportedAt = requiredTimestamp(r, 'reported_at', errors);
    const assignedAt = optionalTimestamp(r, 'assigned_at', errors);
    const remediatedAt = optionalTimestamp(r, 'remediated_at', errors);
    const visibility = visibilityOf(r, options, errors);
    const external_id = externalId(r);
    const point = points.get(r.row);
    if (errors.list.length > before || !point || !kind || !status || !offensive.ok || !cost.ok || responsible === undefined || !reportedAt || assignedAt === undefined || remediatedAt === undefined || !visibility) continue;
    const parsed = vandalismReportInputSchema.safeParse({
      kind,
      offensive: offensive.value,
      geom: { type: 'Point', coordinates: [point.lon, point.lat] },
      status,
      reported_at: reportedAt,
      assigned_at: assignedAt,
      responsible_org_id: responsible,
      remediated_at: remediatedAt,
      cost_sek: cost.value,
      origin_org_id: context.originOrgId,
      visibility,
      description: text(r, 'description'),
      public_summary: text(r, 'public_summary'),
      external_id,
    });
    if (!parsed.success) {
      addIssues(errors, r.row, parsed.error, { geom: 'lat', responsible_org_id: 'responsible_org' });
      continue;
    }
    const v = parsed.data;
    rows.push({
      row: r.row,
      kind: v.kind,
      offensive: v.offensive,
      lon: point.lon,
      lat: point.lat,
      status: v.status,
      reported_at: v.reported_at,
      assigned_at: v.assigned_at,
      responsible_org_id: v.responsible_org_id,
      remediated_at: v.remediated_at,
      cost_sek: v.cost_sek,
      visibility: v.visibility,
      description: v.description,
      public_summary: v.public_summary,
      external_id: v.external_id,
      import_hash: hash([v.kind, v.offensive, point.lon.toFixed(7), point.lat.toFixed(7), v.status, v.reported_at, v.assigned_at, orgText || null, v.remediated_at, v.cost_sek, v.visibility, v.description, v.public_summary, v.external_id]),
    });
  }
  return { rows, crs };
}

// ---------------------------------------------------------------- areas

type Ring = number[][];

function mapPositions(g: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] }, f: (x: number, y: number) => [number, number]): Polygonal {
  const ring = (r: Ring) => r.map(([x, y]) => f(x, y));
  return g.type === 'Polygon' ? ({ type: 'Polygon', coordinates: g.coordinates.map(ring) } as Polygonal) : ({ type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) } as MultiPolygon);
}

function firstPositions(g: { type: string; coordinates: unknown }): [number, number][] {
  const out: [number, number][] = [];
  const walk = (c: unknown) => {
    if (out.length >= 50) return;
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') out.push([c[0], c[1]]);
    else if (Array.isArray(c)) for (const x of c) walk(x);
  };
  walk(g.coordinates);
  return out;
}

/** Each row's outline as GeoJSON-like geometry: the feature's geometry, or the WKT of a CSV's geometry column. */
function readOutlines(table: SourceTable, errors: RowErrors): { geometries: Map<number, { type?: unknown; coordinates?: unknown }>; declared: ImportCrs | null } {
  const geometries = new Map<number, { type?: unknown; coordinates?: unknown }>();
  if (table.format === 'geojson') {
    for (const r of table.rows) {
      const g = r.geometry as { type?: unknown; coordinates?: unknown } | null;
      if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) errors.add(r.row, null, 'geometry must be a GeoJSON Polygon or MultiPolygon');
      else geometries.set(r.row, g);
    }
    return { geometries, declared: table.declaredCrs };
  }
  let declared: ImportCrs | null = null;
  for (const r of table.rows) {
    const wkt = text(r, 'geometry');
    if (wkt === '') {
      errors.add(r.row, 'geometry', 'the outline is missing (WKT POLYGON or MULTIPOLYGON)');
      continue;
    }
    const parsed = parseWktPolygonal(wkt);
    if (!parsed.ok) {
      errors.add(r.row, 'geometry', parsed.message);
      continue;
    }
    if (parsed.srid !== null) {
      const crs = parsed.srid === 3006 ? 'EPSG:3006' : parsed.srid === 4326 ? 'EPSG:4326' : null;
      if (!crs) {
        errors.add(r.row, 'geometry', `SRID=${parsed.srid} is not supported: use SWEREF 99 TM (3006) or WGS84 (4326)`);
        continue;
      }
      declared ??= crs;
    }
    geometries.set(r.row, parsed.geometry);
  }
  return { geometries, declared };
}

function validateAreas(table: SourceTable, options: ImportOptions, errors: RowErrors): { rows: AreaImportRow[]; crs: ImportCrs | null } {
  const { geometries, declared } = readOutlines(table, errors);
  const samples = [...geometries.values()].flatMap((g) => firstPositions(g as { type: string; coordinates: unknown }));
  const crs: ImportCrs = options.crs !== 'auto' ? options.crs : (declared ?? detectCrs(samples) ?? 'EPSG:4326');
  const geometryColumn = table.format === 'csv' ? 'geometry' : null;
  const hash = hasher('areas');
  const seen = new Map<string, number>();
  const rows: AreaImportRow[] = [];
  for (const r of table.rows) {
    const before = errors.list.length;
    const g = geometries.get(r.row);
    if (!g) continue;
    const kindText = text(r, 'kind');
    const kind = kindText === '' ? options.area_kind : words(VALUE_WORDS.areaKind, kindText);
    if (!kind) errors.add(r.row, 'kind', `"${kindText}" is not an area kind (district/stadsdel, deso, regso, neighbourhood_watch/grannsamverkan, drawn)`);
    let population: number | null = null;
    if (text(r, 'population') !== '') {
      const p = parseInteger(text(r, 'population'));
      if (!p.ok || p.value < 0) errors.add(r.row, 'population', p.ok ? 'population must not be negative' : p.message);
      else population = p.value;
    }
    let geom: Polygonal | null = null;
    let outside: string | null = null;
    try {
      geom = mapPositions(g as Parameters<typeof mapPositions>[0], (x, y) => {
        if (typeof x !== 'number' || typeof y !== 'number') throw new TypeError('positions must be numbers');
        const w = toWgs84(x, y, crs);
        if (!w.ok) {
          outside ??= w.message;
          return [x, y];
        }
        return crs === 'EPSG:3006' ? projectSweref99tmToWgs84(x, y) : [x, y];
      });
    } catch {
      errors.add(r.row, geometryColumn, 'geometry coordinates must be lists of [x, y] numbers');
      continue;
    }
    if (outside) errors.add(r.row, geometryColumn, `a position ${outside}`);
    if (errors.list.length > before || !kind || !geom) continue;
    const parsed = areaInputSchema.safeParse({ kind, code: text(r, 'code'), name: text(r, 'name'), geom });
    if (!parsed.success) {
      addIssues(errors, r.row, parsed.error, { geom: 'geometry' });
      continue;
    }
    const v = parsed.data;
    const key = `${v.kind}\u0000${v.name.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.add(r.row, 'name', `an area of kind ${v.kind} named "${v.name}" is already in ${table.format === 'csv' ? 'row' : 'feature'} ${first}`);
      continue;
    }
    seen.set(key, r.row);
    rows.push({ row: r.row, kind: v.kind, name: v.name, code: v.code, population, geom: v.geom, import_hash: hash([v.kind, v.name, v.code, population, v.geom]) });
  }
  return { rows, crs };
}

// ---------------------------------------------------------------- survey

function validateSurvey(table: SourceTable, context: ImportContext, errors: RowErrors): SurveyImportRow[] {
  const byName = new Map<string, (typeof context.areas)[number][]>();
  const byCode = new Map<string, (typeof context.areas)[number][]>();
  for (const a of context.areas) {
    const n = normaliseHeader(a.name);
    byName.set(n, [...(byName.get(n) ?? []), a]);
    if (a.code) byCode.set(a.code.trim().toLowerCase(), [...(byCode.get(a.code.trim().toLowerCase()) ?? []), a]);
  }
  const hash = hasher('survey');
  const seen = new Map<string, number>();
  const rows: SurveyImportRow[] = [];
  for (const r of table.rows) {
    const before = errors.list.length;
    const code = text(r, 'area_code');
    const name = text(r, 'area');
    const candidates = code !== '' ? byCode.get(code.toLowerCase()) : name !== '' ? byName.get(normaliseHeader(name)) : undefined;
    const field = code !== '' ? 'area_code' : 'area';
    let area: (typeof context.areas)[number] | undefined;
    if (code === '' && name === '') errors.add(r.row, 'area', 'area is required (name or code of an area of this municipality)');
    else if (!candidates?.length) errors.add(r.row, field, `unknown area "${code || name}" in this municipality (import the areas first)`);
    else if (candidates.length > 1) {
      // Prefer a district: the geography survey results are usually reported by.
      area = candidates.find((a) => a.kind === 'district');
      if (!area) errors.add(r.row, field, `"${code || name}" names ${candidates.length} areas (${candidates.map((a) => a.kind).join(', ')}): give area_code`);
    } else area = candidates[0];
    const year = parseInteger(text(r, 'year'));
    if (!year.ok) errors.add(r.row, 'year', text(r, 'year') === '' ? 'year is required' : year.message);
    const value = parseDecimal(text(r, 'value'));
    if (!value.ok) errors.add(r.row, 'value', text(r, 'value') === '' ? 'value is required' : value.message);
    let respondents: number | null = null;
    if (text(r, 'respondents') !== '') {
      const n = parseInteger(text(r, 'respondents'));
      if (!n.ok || n.value < 0) errors.add(r.row, 'respondents', n.ok ? 'respondents must not be negative' : n.message);
      else respondents = n.value;
    }
    if (errors.list.length > before || !area || !year.ok || !value.ok) continue;
    const parsed = surveyIndicatorInputSchema.safeParse({
      area_id: area.id,
      year: year.value,
      indicator: text(r, 'indicator'),
      value: value.value,
      unit: text(r, 'unit') || undefined,
      source: text(r, 'source'),
    });
    if (!parsed.success) {
      addIssues(errors, r.row, parsed.error, { area_id: field });
      continue;
    }
    const v = parsed.data;
    const key = `${v.area_id}\u0000${v.year}\u0000${v.indicator.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.add(r.row, 'indicator', `${v.indicator} ${v.year} for this area is already in row ${first}`);
      continue;
    }
    seen.set(key, r.row);
    rows.push({ row: r.row, area_id: v.area_id, year: v.year, indicator: v.indicator, value: v.value, unit: v.unit, respondents, source: v.source, import_hash: hash([v.area_id, v.year, v.indicator]) });
  }
  return rows;
}

/** Checks every row of a read file. No row is stored when `errors` is not empty. */
export function validateImport(kind: ImportKind, table: SourceTable, options: ImportOptions, context: ImportContext): ValidatedImport {
  const errors = new RowErrors(table.headerOf);
  errors.list.push(...table.errors);
  const empty = (): ValidatedImport => ({ data: { kind, rows: [] } as ImportRows, errors: errors.list, crs: null });
  if (table.errors.length) return empty();
  const point = kind === 'incidents' || kind === 'unsafe_places' || kind === 'vandalism';
  if (!requiredColumnErrors(kind, table, errors, point)) return empty();
  if (table.rows.length === 0) {
    errors.list.push({ row: 0, column: null, message: 'the file has no data rows' });
    return empty();
  }
  let result: ValidatedImport;
  switch (kind) {
    case 'incidents': {
      const v = validateIncidents(table, options, context, errors);
      result = { data: { kind, rows: v.rows }, errors: errors.list, crs: v.crs };
      break;
    }
    case 'unsafe_places': {
      const v = validateUnsafePlaces(table, options, context, errors);
      result = { data: { kind, rows: v.rows }, errors: errors.list, crs: v.crs };
      break;
    }
    case 'vandalism': {
      const v = validateVandalism(table, options, context, errors);
      result = { data: { kind, rows: v.rows }, errors: errors.list, crs: v.crs };
      break;
    }
    case 'areas': {
      const v = validateAreas(table, options, errors);
      result = { data: { kind, rows: v.rows }, errors: errors.list, crs: v.crs };
      break;
    }
    case 'survey':
      result = { data: { kind, rows: validateSurvey(table, context, errors) }, errors: errors.list, crs: null };
      break;
  }
  result.errors.sort((a, b) => a.row - b.row);
  return result;
}
