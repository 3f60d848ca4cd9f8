// One record by id (incident, unsafe place, vandalism report): the detail DTO the map's panel and the
// record page show, and the edit (PATCH) bodies. Pure: no db, no clock.
import { z } from 'zod';
import type { Sensitivity } from '@/lib/domain/categories';
import { UNSAFE_PLACE_REASONS, UNSAFE_PLACE_STATUSES, VANDALISM_KINDS, VANDALISM_STATUSES, VISIBILITIES, type Visibility } from '@/lib/domain/constants';

/** The kinds as they appear in URLs (/api/v1/records/<kind>/<id>, /karta/post/<kind>/<id>). */
export const RECORD_KINDS = ['incident', 'unsafe-place', 'vandalism'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export const recordKindSchema = z.enum(RECORD_KINDS);

export function isRecordKind(value: unknown): value is RecordKind {
  return typeof value === 'string' && (RECORD_KINDS as readonly string[]).includes(value);
}

export interface RecordOrganisation {
  id: string;
  name: string;
}

/** What every kind carries. Times are ISO-8601 strings (UTC), coordinates WGS84. */
export interface RecordDetailBase {
  id: string;
  municipalityCode: string;
  lon: number;
  lat: number;
  visibility: Visibility;
  /** The category's sensitivity; unsafe places and vandalism have no category and count as `normal`. */
  sensitivity: Sensitivity;
  /** Origin organisation (who reported it). */
  organisation: RecordOrganisation | null;
  createdAt: string;
  updatedAt: string;
  /** Whether this viewer may edit it (PATCH / the record page's form). */
  canEdit: boolean;
}

export interface IncidentDetail extends RecordDetailBase {
  kind: 'incident';
  categoryKey: string;
  categoryLabelSv: string;
  categoryLabelEn: string;
  categoryGroup: string;
  occurredAt: string;
  occurredTo: string | null;
  source: string;
  externalId: string | null;
  description: string | null;
  /** Vandalism reports linked to this incident that the viewer may see too. */
  vandalismIds: string[];
}

export interface UnsafePlaceDetail extends RecordDetailBase {
  kind: 'unsafe-place';
  title: string;
  reasons: string[];
  proposedMeasure: string | null;
  status: string;
  source: string;
  description: string | null;
  publicSummary: string | null;
  reportedAt: string;
  statusChangedAt: string | null;
  fixedAt: string | null;
  /** The safety walk it was observed on. */
  walk: { id: string; title: string; walkedOn: string } | null;
}

export interface VandalismDetail extends RecordDetailBase {
  kind: 'vandalism';
  vandalismKind: string;
  offensive: boolean;
  status: string;
  reportedAt: string;
  assignedAt: string | null;
  remediatedAt: string | null;
  responsibleOrganisation: RecordOrganisation | null;
  costSek: number | null;
  description: string | null;
  publicSummary: string | null;
  externalId: string | null;
  /** The linked incident, only when the viewer may see it too (else null: its existence stays hidden). */
  incidentId: string | null;
}

export type RecordDetail = IncidentDetail | UnsafePlaceDetail | VandalismDetail;

// ------------------------------------------------------------------ edits
// Only the fields a user edits by hand; origin, source, tenant and import keys never change here.
// Values are checked by the kind's full input schema after merging with the stored record, so
// cross-field rules (e.g. fixed_at required when fixed) apply to the result.

const location = { lon: z.unknown().optional(), lat: z.unknown().optional() };

export const incidentPatchSchema = z.strictObject({
  category_key: z.unknown().optional(),
  occurred_at: z.unknown().optional(),
  occurred_to: z.unknown().optional(),
  visibility: z.unknown().optional(),
  description: z.unknown().optional(),
  ...location,
});

export const unsafePlacePatchSchema = z.strictObject({
  title: z.unknown().optional(),
  reasons: z.unknown().optional(),
  proposed_measure: z.unknown().optional(),
  status: z.unknown().optional(),
  visibility: z.unknown().optional(),
  description: z.unknown().optional(),
  public_summary: z.unknown().optional(),
  fixed_at: z.unknown().optional(),
  ...location,
});

export const vandalismPatchSchema = z.strictObject({
  kind: z.unknown().optional(),
  offensive: z.unknown().optional(),
  status: z.unknown().optional(),
  assigned_at: z.unknown().optional(),
  responsible_org_id: z.unknown().optional(),
  remediated_at: z.unknown().optional(),
  cost_sek: z.unknown().optional(),
  visibility: z.unknown().optional(),
  description: z.unknown().optional(),
  public_summary: z.unknown().optional(),
  ...location,
});

export const RECORD_PATCH_SCHEMAS = {
  incident: incidentPatchSchema,
  'unsafe-place': unsafePlacePatchSchema,
  vandalism: vandalismPatchSchema,
} as const;

export type RecordPatch = Record<string, unknown>;

/** The fields a form or PATCH may send per kind (the keys of the patch schemas). */
export function editableFields(kind: RecordKind): string[] {
  return Object.keys(RECORD_PATCH_SCHEMAS[kind].shape);
}

export const RECORD_ENUMS = {
  visibility: VISIBILITIES,
  unsafeReasons: UNSAFE_PLACE_REASONS,
  unsafeStatuses: UNSAFE_PLACE_STATUSES,
  vandalismKinds: VANDALISM_KINDS,
  vandalismStatuses: VANDALISM_STATUSES,
} as const;
