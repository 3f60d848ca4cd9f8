// Activities (insatser) under a pledge or focus area, with an owner, partners and a measurable goal.
import { z } from 'zod';
import { ACTIVITY_STATUSES } from '@/lib/domain/constants';
import {
  dateField,
  dateSchema,
  enumField,
  idField,
  idListField,
  isDateNotBefore,
  municipalityCodeSchema,
  optionalDateField,
  optionalIdField,
  optionalTextField,
  requiredTextField,
  TEXT_MAX,
  timestampSchema,
  TITLE_MAX,
  uuidSchema,
} from '../common';

/** Internal text: staff only; `public_summary` is public only once approved. */
export const activityInternalTextFields = ['internal_notes'] as const;

export const activityInputSchema = z
  .object({
    pledge_id: optionalIdField('pledge_id'),
    focus_area_id: optionalIdField('focus_area_id'),
    title: requiredTextField('title', TITLE_MAX),
    owner_org_id: idField('owner_org_id'),
    starts_on: dateField('starts_on'),
    ends_on: optionalDateField('ends_on'),
    goal: optionalTextField('goal', TEXT_MAX),
    /** What is measured at each follow-up, e.g. "reported graffiti per month". */
    indicator: optionalTextField('indicator', TITLE_MAX),
    status: enumField('status', ACTIVITY_STATUSES).default('proposed'),
    internal_notes: optionalTextField('internal_notes', TEXT_MAX),
    public_summary: optionalTextField('public_summary', TEXT_MAX),
    partner_org_ids: idListField('partner_org_ids'),
  })
  .superRefine((v, ctx) => {
    if (v.ends_on !== null && !isDateNotBefore(v.ends_on, v.starts_on)) {
      ctx.addIssue({ code: 'custom', path: ['ends_on'], message: 'ends_on must not be before starts_on' });
    }
  });
export type ActivityInput = z.infer<typeof activityInputSchema>;

export const activitySchema = z.object({
  id: uuidSchema,
  municipality_code: municipalityCodeSchema,
  pledge_id: uuidSchema.nullable(),
  focus_area_id: uuidSchema.nullable(),
  title: z.string(),
  owner_org_id: uuidSchema,
  starts_on: dateSchema,
  ends_on: dateSchema.nullable(),
  goal: z.string().nullable(),
  indicator: z.string().nullable(),
  status: z.enum(ACTIVITY_STATUSES),
  internal_notes: z.string().nullable(),
  public_summary: z.string().nullable(),
  /** Set by a separate approval step, never by the input. */
  public_summary_approved: z.boolean(),
  /** Who approved or sent back the public summary, and when. */
  public_summary_reviewed_by: z.string().nullable(),
  public_summary_reviewed_at: timestampSchema.nullable(),
  /** The last approved copy of title and public summary (what the public reads); null when none. */
  published_title: z.string().nullable(),
  published_summary: z.string().nullable(),
  /** Sorted. */
  partner_org_ids: z.array(uuidSchema),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});
export type Activity = z.infer<typeof activitySchema>;
