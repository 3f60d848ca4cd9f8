// Shared zod pieces for every boundary (HTTP, forms, CLI, files). Messages are plain English that name
// the field; the UI translates them. Input helpers turn '' and missing optional values into null so a
// form, an API body and a CLI flag all store the same thing.
import { kinks } from '@turf/turf';
import { z } from 'zod';

export const TITLE_MAX = 200;
export const TEXT_MAX = 4000;
export const SHORT_TEXT_MAX = 100;

type ErrorFor = (iss: { input?: unknown }) => string;

/** Says "x is required" when the value is missing and `message` otherwise. */
function errorFor(field: string, message: string): ErrorFor {
  return (iss) => (iss.input === undefined ? `${field} is required` : message);
}

// ---------------------------------------------------------------- scalars

export const municipalityCodeSchema = z
  .string({ error: errorFor('municipality_code', 'municipality_code must be text') })
  .regex(/^[0-9]{4}$/, 'municipality_code must be 4 digits (kommunkod, e.g. 0683)');

/**
 * Any 8-4-4-4-12 hex id. Not z.uuid(): PostgreSQL's uuid accepts ids without RFC 9562 version bits
 * (deterministic demo and import ids), and a DTO must never fail on an id the database holds.
 */
export const uuidSchema = z.guid({ error: 'must be a UUID' });

export const timestampSchema = z.iso.datetime({
  offset: true,
  error: 'must be an ISO-8601 timestamp with Z or an offset, e.g. 2026-05-01T20:00:00+02:00',
});

export const dateSchema = z.iso.date({ error: 'must be a calendar date YYYY-MM-DD' });

export const quarterSchema = z
  .string({ error: 'must be a quarter YYYY-Qn, e.g. 2026-Q3' })
  .regex(/^[0-9]{4}-Q[1-4]$/, 'must be a quarter YYYY-Qn, e.g. 2026-Q3');

// ------------------------------------------------------- field factories
// Each names its field in every message it can produce.

export function requiredTextField(field: string, max: number) {
  return z
    .string({ error: errorFor(field, `${field} must be text`) })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`);
}

/** Optional free text: missing, null and '' (after trimming) all become null. */
export function optionalTextField(field: string, max: number) {
  return z
    .string({ error: `${field} must be text or null` })
    .trim()
    .max(max, `${field} must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));
}

export function enumField<const T extends readonly [string, ...string[]]>(field: string, values: T) {
  return z.enum(values, { error: errorFor(field, `${field} must be one of: ${values.join(', ')}`) });
}

export function idField(field: string) {
  return z.guid({ error: errorFor(field, `${field} must be a UUID`) });
}

export function optionalIdField(field: string) {
  return z
    .guid({ error: `${field} must be a UUID or null` })
    .nullish()
    .transform((v) => v ?? null);
}

/** A set of ids (e.g. participating organisations): unique, default empty. */
export function idListField(field: string, max = 100) {
  return z
    .array(idField(field), { error: `${field} must be a list of UUIDs` })
    .max(max, `${field} may hold at most ${max} ids`)
    .refine((ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length, `${field} must not repeat an id`)
    .default([]);
}

export function timestampField(field: string) {
  return z.iso.datetime({
    offset: true,
    error: errorFor(field, `${field} must be an ISO-8601 timestamp with Z or an offset, e.g. 2026-05-01T20:00:00+02:00`),
  });
}

export function optionalTimestampField(field: string) {
  return z.iso
    .datetime({ offset: true, error: `${field} must be an ISO-8601 timestamp with Z or an offset, or null` })
    .nullish()
    .transform((v) => v ?? null);
}

export function dateField(field: string) {
  return z.iso.date({ error: errorFor(field, `${field} must be a calendar date YYYY-MM-DD`) });
}

export function optionalDateField(field: string) {
  return z.iso
    .date({ error: `${field} must be a calendar date YYYY-MM-DD or null` })
    .nullish()
    .transform((v) => v ?? null);
}

export function quarterField(field: string) {
  return z
    .string({ error: errorFor(field, `${field} must be a quarter YYYY-Qn, e.g. 2026-Q3`) })
    .regex(/^[0-9]{4}-Q[1-4]$/, `${field} must be a quarter YYYY-Qn, e.g. 2026-Q3`);
}

export function integerField(field: string, min: number, max: number) {
  const message = `${field} must be a whole number from ${min} to ${max}`;
  return z.int({ error: errorFor(field, message) }).min(min, message).max(max, message);
}

export function booleanField(field: string, defaultValue: boolean) {
  return z.boolean({ error: `${field} must be true or false` }).default(defaultValue);
}

/** Instant comparison of two ISO timestamps (offsets may differ). */
export function isNotBefore(later: string, earlier: string): boolean {
  return Date.parse(later) >= Date.parse(earlier);
}

/** 'YYYY-MM-DD' strings compare correctly as text. */
export function isDateNotBefore(later: string, earlier: string): boolean {
  return later >= earlier;
}

// ---------------------------------------------------------- GeoJSON (WGS84)
// RFC 7946 positions are [longitude, latitude]. Only 2D: the columns are 2D and a Z value would be
// silently kept by PostGIS and rejected by the column type.

const longitudeSchema = z
  .number({ error: 'longitude must be a number' })
  .min(-180, 'longitude must be between -180 and 180 (WGS84)')
  .max(180, 'longitude must be between -180 and 180 (WGS84)');
const latitudeSchema = z
  .number({ error: 'latitude must be a number' })
  .min(-90, 'latitude must be between -90 and 90 (WGS84)')
  .max(90, 'latitude must be between -90 and 90 (WGS84)');

export const positionSchema = z.tuple([longitudeSchema, latitudeSchema], {
  error: 'a position must be [longitude, latitude] in WGS84',
});
export type Position = z.infer<typeof positionSchema>;

export const linearRingSchema = z
  .array(positionSchema, { error: 'a polygon ring must be a list of positions' })
  .min(4, 'a polygon ring needs at least 4 positions')
  .refine((ring) => {
    const first = ring[0];
    const last = ring[ring.length - 1];
    return first[0] === last[0] && first[1] === last[1];
  }, 'a polygon ring must be closed: its first and last positions must be equal');

const bboxSchema = z.array(z.number()).optional();

export const pointSchema = z.object({
  type: z.literal('Point', { error: 'must be a GeoJSON Point' }),
  coordinates: positionSchema,
  bbox: bboxSchema,
});
export type Point = z.infer<typeof pointSchema>;

export const polygonCoordinatesSchema = z
  .array(linearRingSchema, { error: 'polygon coordinates must be a list of rings' })
  .min(1, 'a polygon needs an exterior ring');

export const polygonSchema = z.object({
  type: z.literal('Polygon', { error: 'must be a GeoJSON Polygon' }),
  coordinates: polygonCoordinatesSchema,
  bbox: bboxSchema,
});
export type Polygon = z.infer<typeof polygonSchema>;

export const multiPolygonSchema = z.object({
  type: z.literal('MultiPolygon', { error: 'must be a GeoJSON MultiPolygon' }),
  coordinates: z
    .array(polygonCoordinatesSchema, { error: 'multipolygon coordinates must be a list of polygons' })
    .min(1, 'a multipolygon needs at least one polygon'),
  bbox: bboxSchema,
});
export type MultiPolygon = z.infer<typeof multiPolygonSchema>;

/**
 * What area-like inputs accept; stored as MultiPolygon (ST_Multi) and always returned as one. A drawn
 * polygon that crosses itself is refused here with the crossing, rather than by the database's ST_IsValid
 * check with no hint where.
 */
export const polygonalSchema = z
  .discriminatedUnion('type', [polygonSchema, multiPolygonSchema], {
    error: 'must be a GeoJSON Polygon or MultiPolygon',
  })
  .superRefine((g, ctx) => {
    const crossing = kinks({ type: g.type, coordinates: g.coordinates } as Parameters<typeof kinks>[0]).features[0];
    if (crossing) {
      const [lon, lat] = crossing.geometry.coordinates;
      ctx.addIssue({
        code: 'custom',
        path: ['coordinates'],
        message: `a polygon must not intersect itself (it crosses at ${lon.toFixed(6)}, ${lat.toFixed(6)})`,
      });
    }
  });
export type Polygonal = z.infer<typeof polygonalSchema>;

// ---------------------------------------------------------------- JSON

/** A JSON object (jsonb columns holding parameters, evidence, details). */
export const jsonObjectSchema = z.record(z.string(), z.json());
export type JsonObject = z.infer<typeof jsonObjectSchema>;

// ------------------------------------------------------------ API errors
// DESIGN.md §9: { "error": { "code", "message", "issues": [...] } } with the matching HTTP status.

export const API_ERROR_CODES = [
  'invalid_input', // 400
  'unauthenticated', // 401
  'forbidden', // 403
  'not_found', // 404
  'conflict', // 409
  'payload_too_large', // 413
  'rate_limited', // 429
  'internal', // 500, never with internals in the message
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const apiIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: z.string(),
});
export type ApiIssue = z.infer<typeof apiIssueSchema>;

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string(),
    issues: z.array(apiIssueSchema).default([]),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** zod's issues as the API sends them: plain paths, codes and messages. */
export function toApiIssues(error: z.ZodError): ApiIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
    code: issue.code,
    message: issue.message,
  }));
}
