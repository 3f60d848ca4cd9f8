// Citizen reports (medborgarrapporter): what a member of the public may send, and the staff view.
// The status token is handed to the reporter once; only its hash is stored and it never leaves.
import { z } from 'zod';
import { CITIZEN_REPORT_CATEGORIES, MODERATION_STATES, PUBLIC_STATUSES } from '@/lib/domain/constants';
import {
  enumField,
  municipalityCodeSchema,
  optionalIdField,
  optionalTextField,
  pointSchema,
  requiredTextField,
  TEXT_MAX,
  timestampSchema,
  TITLE_MAX,
  uuidSchema,
} from '../common';

/** Personal data and unmoderated text: staff only, never published. */
export const citizenReportInternalTextFields = ['body', 'contact_name', 'contact_email', 'contact_phone', 'rejection_reason'] as const;

export const citizenReportInputSchema = z.object({
  category: enumField('category', CITIZEN_REPORT_CATEGORIES),
  geom: pointSchema,
  body: requiredTextField('body', TEXT_MAX),
  contact_name: optionalTextField('contact_name', TITLE_MAX),
  contact_email: z
    .email({ error: 'contact_email must be an e-mail address or empty' })
    .max(254, 'contact_email must be at most 254 characters')
    .nullish()
    .or(z.literal(''))
    .transform((v) => v || null),
  contact_phone: z
    .string({ error: 'contact_phone must be text or null' })
    .trim()
    .regex(/^(\+?[0-9][0-9 ()-]{4,30})?$/, 'contact_phone must be a phone number such as 0370-37 70 00 or +46 370 377000')
    .nullish()
    .transform((v) => v || null),
});
export type CitizenReportInput = z.infer<typeof citizenReportInputSchema>;

/** What a moderator sends. Each state needs what it points at. */
export const citizenReportModerationSchema = z
  .object({
    moderation_state: enumField('moderation_state', MODERATION_STATES),
    public_status: enumField('public_status', PUBLIC_STATUSES).optional(),
    public_summary: optionalTextField('public_summary', TEXT_MAX),
    rejection_reason: optionalTextField('rejection_reason', TEXT_MAX),
    merged_into_id: optionalIdField('merged_into_id'),
    unsafe_place_id: optionalIdField('unsafe_place_id'),
    vandalism_report_id: optionalIdField('vandalism_report_id'),
  })
  .superRefine((v, ctx) => {
    if (v.moderation_state === 'rejected' && v.rejection_reason === null) {
      ctx.addIssue({ code: 'custom', path: ['rejection_reason'], message: 'rejection_reason is required when the report is rejected' });
    }
    if (v.moderation_state === 'merged' && v.merged_into_id === null) {
      ctx.addIssue({ code: 'custom', path: ['merged_into_id'], message: 'merged_into_id is required when the report is merged' });
    }
    if (v.moderation_state === 'converted' && v.unsafe_place_id === null && v.vandalism_report_id === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['unsafe_place_id'],
        message: 'unsafe_place_id or vandalism_report_id is required when the report is converted',
      });
    }
  });
export type CitizenReportModeration = z.infer<typeof citizenReportModerationSchema>;

/** Staff view. Without status_token_hash, which never leaves the database layer. */
export const citizenReportSchema = z.object({
  id: uuidSchema,
  municipality_code: municipalityCodeSchema,
  category: z.enum(CITIZEN_REPORT_CATEGORIES),
  geom: pointSchema,
  body: z.string(),
  contact_name: z.string().nullable(),
  contact_email: z.string().nullable(),
  contact_phone: z.string().nullable(),
  moderation_state: z.enum(MODERATION_STATES),
  public_status: z.enum(PUBLIC_STATUSES),
  public_summary: z.string().nullable(),
  rejection_reason: z.string().nullable(),
  merged_into_id: uuidSchema.nullable(),
  unsafe_place_id: uuidSchema.nullable(),
  vandalism_report_id: uuidSchema.nullable(),
  created_at: timestampSchema,
  status_changed_at: timestampSchema,
  closed_at: timestampSchema.nullable(),
  /** A public pin: the moderator confirmed a place in public space. */
  public_pin: z.boolean(),
  moderated_by: z.string().nullable(),
  moderated_at: timestampSchema.nullable(),
  /** When the contact details were deleted (a set time after closing). */
  contact_purged_at: timestampSchema.nullable(),
});
export type CitizenReport = z.infer<typeof citizenReportSchema>;
