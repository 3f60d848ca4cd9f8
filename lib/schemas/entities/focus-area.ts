// Focus areas (fokusområden): where the group decided to act, why, and for how long.
import { z } from 'zod';
import {
  dateField,
  dateSchema,
  isDateNotBefore,
  jsonObjectSchema,
  multiPolygonSchema,
  municipalityCodeSchema,
  optionalDateField,
  optionalIdField,
  optionalTextField,
  polygonalSchema,
  requiredTextField,
  TEXT_MAX,
  timestampSchema,
  TITLE_MAX,
  uuidSchema,
} from '../common';

/** Internal text: staff only; `public_summary` is shown on the public pledge map. */
export const focusAreaInternalTextFields = ['rationale'] as const;

export const focusAreaInputSchema = z
  .object({
    name: requiredTextField('name', TITLE_MAX),
    geom: polygonalSchema,
    rationale: optionalTextField('rationale', TEXT_MAX),
    /** Linked hotspots and their scores. */
    evidence: jsonObjectSchema.default({}),
    source_run_id: optionalIdField('source_run_id'),
    period_from: dateField('period_from'),
    period_to: optionalDateField('period_to'),
    public_summary: optionalTextField('public_summary', TEXT_MAX),
  })
  .superRefine((v, ctx) => {
    if (v.period_to !== null && !isDateNotBefore(v.period_to, v.period_from)) {
      ctx.addIssue({ code: 'custom', path: ['period_to'], message: 'period_to must not be before period_from' });
    }
  });
export type FocusAreaInput = z.infer<typeof focusAreaInputSchema>;

export const focusAreaSchema = z.object({
  id: uuidSchema,
  municipality_code: municipalityCodeSchema,
  name: z.string(),
  geom: multiPolygonSchema,
  rationale: z.string().nullable(),
  evidence: jsonObjectSchema,
  source_run_id: uuidSchema.nullable(),
  period_from: dateSchema,
  period_to: dateSchema.nullable(),
  public_summary: z.string().nullable(),
  /** Set by the moderation step, never by the input: name and public summary approved for the public. */
  public_summary_approved: z.boolean(),
  public_summary_reviewed_by: z.string().nullable(),
  public_summary_reviewed_at: timestampSchema.nullable(),
  /** The last approved copy (what the public reads); null when none. */
  published_name: z.string().nullable(),
  published_summary: z.string().nullable(),
  created_at: timestampSchema,
});
export type FocusArea = z.infer<typeof focusAreaSchema>;
