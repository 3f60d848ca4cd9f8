// Citizen pledges (medborgarlöften): the yearly promise, its focus areas and partner organisations.
import { z } from 'zod';
import {
  idListField,
  integerField,
  municipalityCodeSchema,
  optionalTextField,
  requiredTextField,
  TEXT_MAX,
  timestampSchema,
  TITLE_MAX,
  uuidSchema,
} from '../common';

export const pledgeInputSchema = z.object({
  year: integerField('year', 2000, 2200),
  title: requiredTextField('title', TITLE_MAX),
  body: requiredTextField('body', TEXT_MAX),
  public_summary: optionalTextField('public_summary', TEXT_MAX),
  focus_area_ids: idListField('focus_area_ids'),
  partner_org_ids: idListField('partner_org_ids'),
});
export type PledgeInput = z.infer<typeof pledgeInputSchema>;

export const pledgeSchema = z.object({
  id: uuidSchema,
  municipality_code: municipalityCodeSchema,
  year: z.int(),
  title: z.string(),
  body: z.string(),
  public_summary: z.string().nullable(),
  /** Set by the moderation step, never by the input: title and public summary approved for the public. */
  public_summary_approved: z.boolean(),
  public_summary_reviewed_by: z.string().nullable(),
  public_summary_reviewed_at: timestampSchema.nullable(),
  /** The last approved copy (what the public reads); null when none. */
  published_title: z.string().nullable(),
  published_summary: z.string().nullable(),
  /** Sorted. */
  focus_area_ids: z.array(uuidSchema),
  /** Sorted. */
  partner_org_ids: z.array(uuidSchema),
  created_at: timestampSchema,
});
export type Pledge = z.infer<typeof pledgeSchema>;
