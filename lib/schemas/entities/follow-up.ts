// Quarterly follow-up (uppföljning) of one activity for the council.
import { z } from 'zod';
import { FOLLOW_UP_STATUSES } from '@/lib/domain/constants';
import {
  enumField,
  idField,
  municipalityCodeSchema,
  optionalIdField,
  optionalTextField,
  quarterField,
  quarterSchema,
  TEXT_MAX,
  timestampSchema,
  uuidSchema,
} from '../common';

/** Internal text: staff only. */
export const followUpInternalTextFields = ['note'] as const;

export const followUpInputSchema = z.object({
  activity_id: idField('activity_id'),
  quarter: quarterField('quarter'),
  status: enumField('status', FOLLOW_UP_STATUSES),
  indicator_value: z
    .number({ error: 'indicator_value must be a finite number or null' })
    .nullish()
    .transform((v) => v ?? null),
  note: optionalTextField('note', TEXT_MAX),
  reported_by_org_id: optionalIdField('reported_by_org_id'),
});
export type FollowUpInput = z.infer<typeof followUpInputSchema>;

export const followUpSchema = z.object({
  id: uuidSchema,
  municipality_code: municipalityCodeSchema,
  activity_id: uuidSchema,
  quarter: quarterSchema,
  status: z.enum(FOLLOW_UP_STATUSES),
  indicator_value: z.number().nullable(),
  note: z.string().nullable(),
  reported_by_org_id: uuidSchema.nullable(),
  reported_at: timestampSchema,
  /** The user who reported (null for rows from before users reported themselves). */
  reported_by: z.string().nullable(),
});
export type FollowUp = z.infer<typeof followUpSchema>;
