// Vandalism reports (skadegörelse, klotter) with their cleanup: who is responsible, when it was fixed, cost.
import { z } from 'zod';
import { VANDALISM_KINDS, VANDALISM_STATUSES, VISIBILITIES } from '@/lib/domain/constants';
import {
  booleanField,
  enumField,
  isNotBefore,
  municipalityCodeSchema,
  optionalIdField,
  optionalTextField,
  optionalTimestampField,
  pointSchema,
  SHORT_TEXT_MAX,
  TEXT_MAX,
  timestampField,
  timestampSchema,
  uuidSchema,
} from '../common';

/** numeric(12, 2): at most 10 digits before the decimal point. */
const COST_MAX_SEK = 9_999_999_999.99;

/** Internal text: staff only; `public_summary` is what council and public may read. */
export const vandalismReportInternalTextFields = ['description', 'external_id'] as const;

export const vandalismReportInputSchema = z
  .object({
    kind: enumField('kind', VANDALISM_KINDS),
    /** Offensive graffiti (racist, sexist, threatening) has the shorter cleanup target. */
    offensive: booleanField('offensive', false),
    geom: pointSchema,
    status: enumField('status', VANDALISM_STATUSES).default('reported'),
    reported_at: timestampField('reported_at'),
    assigned_at: optionalTimestampField('assigned_at'),
    responsible_org_id: optionalIdField('responsible_org_id'),
    remediated_at: optionalTimestampField('remediated_at'),
    cost_sek: z
      .number({ error: 'cost_sek must be a number of kronor or null' })
      .min(0, 'cost_sek must not be negative')
      .max(COST_MAX_SEK, `cost_sek must be at most ${COST_MAX_SEK}`)
      .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'cost_sek must have at most 2 decimals (öre)')
      .nullish()
      .transform((v) => v ?? null),
    origin_org_id: optionalIdField('origin_org_id'),
    visibility: enumField('visibility', VISIBILITIES).default('joint'),
    description: optionalTextField('description', TEXT_MAX),
    public_summary: optionalTextField('public_summary', TEXT_MAX),
    incident_id: optionalIdField('incident_id'),
    external_id: optionalTextField('external_id', SHORT_TEXT_MAX),
  })
  .superRefine((v, ctx) => {
    if (v.assigned_at !== null && !isNotBefore(v.assigned_at, v.reported_at)) {
      ctx.addIssue({ code: 'custom', path: ['assigned_at'], message: 'assigned_at must not be before reported_at' });
    }
    if (v.remediated_at !== null && !isNotBefore(v.remediated_at, v.reported_at)) {
      ctx.addIssue({ code: 'custom', path: ['remediated_at'], message: 'remediated_at must not be before reported_at' });
    }
    if (v.status === 'cleaned' && v.remediated_at === null) {
      ctx.addIssue({ code: 'custom', path: ['remediated_at'], message: "remediated_at is required when status is 'cleaned'" });
    }
    if (v.status !== 'reported' && v.responsible_org_id === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['responsible_org_id'],
        message: `responsible_org_id is required when status is '${v.status}'`,
      });
    }
  });
export type VandalismReportInput = z.infer<typeof vandalismReportInputSchema>;

export const vandalismReportSchema = z.object({
  id: uuidSchema,
  municipality_code: municipalityCodeSchema,
  kind: z.enum(VANDALISM_KINDS),
  offensive: z.boolean(),
  geom: pointSchema,
  status: z.enum(VANDALISM_STATUSES),
  reported_at: timestampSchema,
  assigned_at: timestampSchema.nullable(),
  responsible_org_id: uuidSchema.nullable(),
  remediated_at: timestampSchema.nullable(),
  cost_sek: z.number().nullable(),
  origin_org_id: uuidSchema.nullable(),
  visibility: z.enum(VISIBILITIES),
  description: z.string().nullable(),
  public_summary: z.string().nullable(),
  incident_id: uuidSchema.nullable(),
  external_id: z.string().nullable(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});
export type VandalismReport = z.infer<typeof vandalismReportSchema>;
