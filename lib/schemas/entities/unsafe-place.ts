// Unsafe places (otrygga platser): from safety walks, surveys, citizens and staff.
import { z } from 'zod';
import { UNSAFE_PLACE_REASONS, UNSAFE_PLACE_SOURCES, UNSAFE_PLACE_STATUSES, VISIBILITIES } from '@/lib/domain/constants';
import {
  enumField,
  isNotBefore,
  municipalityCodeSchema,
  optionalIdField,
  optionalTextField,
  optionalTimestampField,
  pointSchema,
  requiredTextField,
  SHORT_TEXT_MAX,
  TEXT_MAX,
  timestampSchema,
  TITLE_MAX,
  uuidSchema,
} from '../common';

/** Internal text: staff only; `public_summary` is what council and public may read. */
export const unsafePlaceInternalTextFields = ['description', 'proposed_measure'] as const;

export const unsafePlaceInputSchema = z
  .object({
    title: requiredTextField('title', TITLE_MAX),
    geom: pointSchema,
    reasons: z
      .array(enumField('reasons', UNSAFE_PLACE_REASONS), { error: 'reasons must be a list' })
      .refine((r) => new Set(r).size === r.length, 'reasons must not repeat a reason')
      .default([]),
    proposed_measure: optionalTextField('proposed_measure', TEXT_MAX),
    status: enumField('status', UNSAFE_PLACE_STATUSES).default('open'),
    source: enumField('source', UNSAFE_PLACE_SOURCES),
    walk_id: optionalIdField('walk_id'),
    origin_org_id: optionalIdField('origin_org_id'),
    visibility: enumField('visibility', VISIBILITIES).default('joint'),
    description: optionalTextField('description', TEXT_MAX),
    public_summary: optionalTextField('public_summary', TEXT_MAX),
    /** When it was reported; the server's now when missing (imports of older walks send theirs). */
    reported_at: optionalTimestampField('reported_at'),
    fixed_at: optionalTimestampField('fixed_at'),
    /** Id in the source system of an import, unique per municipality (re-imports add nothing). */
    external_id: optionalTextField('external_id', SHORT_TEXT_MAX),
  })
  .superRefine((v, ctx) => {
    if (v.source === 'walk' && v.walk_id === null) {
      ctx.addIssue({ code: 'custom', path: ['walk_id'], message: "walk_id is required when source is 'walk'" });
    }
    if (v.status === 'fixed' && v.fixed_at === null) {
      ctx.addIssue({ code: 'custom', path: ['fixed_at'], message: "fixed_at is required when status is 'fixed'" });
    }
    if (v.fixed_at !== null) {
      if (v.reported_at === null) {
        ctx.addIssue({ code: 'custom', path: ['reported_at'], message: 'reported_at is required when fixed_at is given' });
      } else if (!isNotBefore(v.fixed_at, v.reported_at)) {
        ctx.addIssue({ code: 'custom', path: ['fixed_at'], message: 'fixed_at must not be before reported_at' });
      }
    }
  });
export type UnsafePlaceInput = z.infer<typeof unsafePlaceInputSchema>;

export const unsafePlaceSchema = z.object({
  id: uuidSchema,
  municipality_code: municipalityCodeSchema,
  title: z.string(),
  geom: pointSchema,
  reasons: z.array(z.enum(UNSAFE_PLACE_REASONS)),
  proposed_measure: z.string().nullable(),
  status: z.enum(UNSAFE_PLACE_STATUSES),
  source: z.enum(UNSAFE_PLACE_SOURCES),
  walk_id: uuidSchema.nullable(),
  origin_org_id: uuidSchema.nullable(),
  visibility: z.enum(VISIBILITIES),
  description: z.string().nullable(),
  public_summary: z.string().nullable(),
  reported_at: timestampSchema,
  status_changed_at: timestampSchema.nullable(),
  fixed_at: timestampSchema.nullable(),
  external_id: z.string().nullable(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});
export type UnsafePlace = z.infer<typeof unsafePlaceSchema>;
