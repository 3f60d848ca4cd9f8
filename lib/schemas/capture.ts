// What the capture forms (/registrera) and walk mode (/vandringar) send. Form values arrive as text:
// numbers are coerced, local date-times ('YYYY-MM-DDTHH:mm' from <input type="datetime-local">) are
// read as Europe/Stockholm wall-clock time and become ISO instants. Messages name the field; the UI
// shows its own Swedish or English text per field.
import { z } from 'zod';
import { CATEGORIES } from '@/lib/domain/categories';
import { UNSAFE_PLACE_REASONS, VANDALISM_KINDS, VANDALISM_STATUSES, VISIBILITIES } from '@/lib/domain/constants';
import { fromLocalParts } from '@/lib/domain/time';
import { dateField, enumField, idField, idListField, optionalIdField, optionalTextField, requiredTextField, TEXT_MAX, TITLE_MAX } from './common';

export const CAPTURE_KINDS = ['incident', 'unsafe_place', 'vandalism'] as const;
export type CaptureKind = (typeof CAPTURE_KINDS)[number];

/** Likely duplicates: the same kind within this many metres (SWEREF 99 TM) … */
export const DUPLICATE_RADIUS_M = 50;
/** … reported in this many days before now. */
export const DUPLICATE_WINDOW_DAYS = 30;

/** What a new unsafe place may start as: 'fixed' and 'rejected' are decisions made later, on the record. */
export const CAPTURE_UNSAFE_STATUSES = ['open', 'planned'] as const;

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** 'YYYY-MM-DDTHH:mm' in Stockholm → ISO instant, or null when it is no such wall-clock time. */
export function localDateTimeToIso(value: string): string | null {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  // Reject 2026-02-31 and the like: the date must survive a round trip through UTC.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return fromLocalParts(year, month, day, hour, minute, second).toISOString();
}

function localDateTimeField(field: string) {
  const message = `${field} must be a date and time YYYY-MM-DDTHH:mm (Swedish time)`;
  return z
    .string({ error: (iss) => (iss.input === undefined ? `${field} is required` : message) })
    .trim()
    .min(1, `${field} is required`)
    .transform((v, ctx) => {
      const iso = localDateTimeToIso(v);
      if (iso === null) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return iso;
    });
}

function optionalLocalDateTimeField(field: string) {
  return z
    .string({ error: `${field} must be a date and time or empty` })
    .trim()
    .nullish()
    .transform((v, ctx) => {
      if (!v) return null;
      const iso = localDateTimeToIso(v);
      if (iso === null) {
        ctx.addIssue({ code: 'custom', message: `${field} must be a date and time YYYY-MM-DDTHH:mm (Swedish time)` });
        return z.NEVER;
      }
      return iso;
    });
}

const coordinate = (field: 'lon' | 'lat', min: number, max: number) =>
  z.preprocess(
    (v) => (v === '' || v === null || v === undefined ? undefined : typeof v === 'string' ? Number(v) : v),
    z
      .number({ error: `${field} is required: place a pin on the map` })
      .min(min, `${field} must be a WGS84 ${field === 'lon' ? 'longitude' : 'latitude'}`)
      .max(max, `${field} must be a WGS84 ${field === 'lon' ? 'longitude' : 'latitude'}`),
  );

/** The pin, WGS84. */
export const captureLocationSchema = z.object({
  lon: coordinate('lon', -180, 180),
  lat: coordinate('lat', -90, 90),
});
export type CaptureLocation = z.infer<typeof captureLocationSchema>;

const visibilityField = enumField('visibility', VISIBILITIES);

const checkbox = z
  .union([z.boolean(), z.string()])
  .nullish()
  .transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

const costField = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v === '') return null;
    const n = typeof v === 'number' ? v : Number(String(v).replace(/\s/g, '').replace(',', '.'));
    if (!Number.isFinite(n) || n < 0 || n > 9_999_999_999.99 || Math.abs(n * 100 - Math.round(n * 100)) > 1e-6) {
      ctx.addIssue({ code: 'custom', message: 'cost_sek must be a non-negative amount in kronor with at most 2 decimals' });
      return z.NEVER;
    }
    return n;
  });

export const incidentCaptureSchema = captureLocationSchema
  .extend({
    category_key: z
      .string({ error: 'category_key is required' })
      .refine((k) => CATEGORIES.some((c) => c.key === k), 'category_key must be a known category'),
    occurred_at: localDateTimeField('occurred_at'),
    occurred_to: optionalLocalDateTimeField('occurred_to'),
    description: optionalTextField('description', TEXT_MAX),
    visibility: visibilityField,
  })
  .superRefine((v, ctx) => {
    if (v.occurred_to && v.occurred_at && Date.parse(v.occurred_to) < Date.parse(v.occurred_at)) {
      ctx.addIssue({ code: 'custom', path: ['occurred_to'], message: 'occurred_to must not be before occurred_at' });
    }
  });
export type IncidentCapture = z.infer<typeof incidentCaptureSchema>;

const reasonsField = z
  .array(enumField('reasons', UNSAFE_PLACE_REASONS), { error: 'reasons must be a list' })
  .min(1, 'reasons: choose at least one reason')
  .refine((r) => new Set(r).size === r.length, 'reasons must not repeat a reason');

export const unsafePlaceCaptureSchema = captureLocationSchema.extend({
  title: requiredTextField('title', TITLE_MAX),
  reasons: reasonsField,
  proposed_measure: optionalTextField('proposed_measure', TEXT_MAX),
  status: enumField('status', CAPTURE_UNSAFE_STATUSES).default('open'),
  description: optionalTextField('description', TEXT_MAX),
  visibility: visibilityField,
});
export type UnsafePlaceCapture = z.infer<typeof unsafePlaceCaptureSchema>;

export const vandalismCaptureSchema = captureLocationSchema
  .extend({
    vandalism_kind: enumField('vandalism_kind', VANDALISM_KINDS),
    offensive: checkbox,
    reported_at: localDateTimeField('reported_at'),
    status: enumField('status', VANDALISM_STATUSES).default('reported'),
    responsible_org_id: optionalIdField('responsible_org_id'),
    remediated_at: optionalLocalDateTimeField('remediated_at'),
    cost_sek: costField,
    description: optionalTextField('description', TEXT_MAX),
    visibility: visibilityField,
  })
  .superRefine((v, ctx) => {
    if (v.status !== 'reported' && !v.responsible_org_id) {
      ctx.addIssue({ code: 'custom', path: ['responsible_org_id'], message: `responsible_org_id is required when status is '${v.status}'` });
    }
    if (v.status === 'cleaned' && !v.remediated_at) {
      ctx.addIssue({ code: 'custom', path: ['remediated_at'], message: "remediated_at is required when status is 'cleaned'" });
    }
    if (v.remediated_at && v.reported_at && Date.parse(v.remediated_at) < Date.parse(v.reported_at)) {
      ctx.addIssue({ code: 'custom', path: ['remediated_at'], message: 'remediated_at must not be before reported_at' });
    }
    if (v.offensive && v.vandalism_kind !== 'graffiti') {
      ctx.addIssue({ code: 'custom', path: ['offensive'], message: 'offensive applies to graffiti only' });
    }
  });
export type VandalismCapture = z.infer<typeof vandalismCaptureSchema>;

/** "Link to the existing one instead": confirm a record the duplicate check offered. */
export const captureConfirmationSchema = captureLocationSchema.extend({
  kind: enumField('kind', CAPTURE_KINDS),
  record_id: idField('record_id'),
  note: optionalTextField('note', TEXT_MAX),
});
export type CaptureConfirmation = z.infer<typeof captureConfirmationSchema>;

export const walkCreateSchema = z.object({
  walked_on: dateField('walked_on'),
  title: requiredTextField('title', TITLE_MAX),
  area_id: optionalIdField('area_id'),
  organisation_ids: idListField('organisation_ids'),
  notes: optionalTextField('notes', TEXT_MAX),
});
export type WalkCreate = z.infer<typeof walkCreateSchema>;

export const walkObservationCaptureSchema = captureLocationSchema.extend({
  walk_id: idField('walk_id'),
  /** Optional on a phone: the server names the point "Punkt n" when it is empty. */
  title: optionalTextField('title', TITLE_MAX),
  reasons: reasonsField,
  note: optionalTextField('note', TEXT_MAX),
  proposed_measure: optionalTextField('proposed_measure', TEXT_MAX),
  responsible_org_id: optionalIdField('responsible_org_id'),
  visibility: visibilityField,
});
export type WalkObservationCapture = z.infer<typeof walkObservationCaptureSchema>;

/**
 * FormData → a plain object for the schemas above: repeated names (checkbox groups) become lists, and
 * empty fields are left out (an empty <select> means "none", not an id that fails to parse).
 */
export function formToObject(form: FormData, lists: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of lists) out[name] = form.getAll(name).filter((v): v is string => typeof v === 'string' && v !== '');
  for (const [name, value] of form.entries()) {
    if (lists.includes(name) || typeof value !== 'string' || value === '' || name.startsWith('$ACTION')) continue;
    out[name] = value;
  }
  return out;
}

/** zod issues → the first message per top-level field ('form' for issues without a path). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : 'form';
    out[field] ??= issue.message;
  }
  return out;
}

// ------------------------------------------------------------ cleanup targets
// Settings 'cleanup.offensive_graffiti_hours', 'cleanup.graffiti_hours', 'cleanup.damage_hours'
// (hours from report to cleaned). The defaults follow the guideline's usual practice: offensive
// graffiti within 24 hours, other graffiti within a week, damage within two weeks.

export const CLEANUP_SETTING_KEYS = {
  offensive_graffiti_hours: 'cleanup.offensive_graffiti_hours',
  graffiti_hours: 'cleanup.graffiti_hours',
  damage_hours: 'cleanup.damage_hours',
} as const;

export const DEFAULT_CLEANUP_TARGETS = { offensive_graffiti_hours: 24, graffiti_hours: 168, damage_hours: 336 } as const;

const targetHours = z.number().positive().max(24 * 365);
export const cleanupTargetsSchema = z.object({
  offensive_graffiti_hours: targetHours.default(DEFAULT_CLEANUP_TARGETS.offensive_graffiti_hours),
  graffiti_hours: targetHours.default(DEFAULT_CLEANUP_TARGETS.graffiti_hours),
  damage_hours: targetHours.default(DEFAULT_CLEANUP_TARGETS.damage_hours),
});
export type CleanupTargets = z.infer<typeof cleanupTargetsSchema>;

/** Hours allowed for this report's cleanup. */
export function cleanupTargetHours(targets: CleanupTargets, kind: 'graffiti' | 'damage', offensive: boolean): number {
  if (kind === 'graffiti') return offensive ? targets.offensive_graffiti_hours : targets.graffiti_hours;
  return targets.damage_hours;
}

/** When the report must be cleaned (ISO instant): reported_at plus the target. */
export function cleanupDueAt(reportedAtIso: string, targets: CleanupTargets, kind: 'graffiti' | 'damage', offensive: boolean): string {
  return new Date(Date.parse(reportedAtIso) + cleanupTargetHours(targets, kind, offensive) * 3_600_000).toISOString();
}
