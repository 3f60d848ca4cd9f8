// EST meetings: analysis or follow-up, who was there, which analysis runs were discussed.
import { z } from 'zod';
import { MEETING_KINDS } from '@/lib/domain/constants';
import {
  booleanField,
  dateField,
  dateSchema,
  enumField,
  idListField,
  municipalityCodeSchema,
  optionalTextField,
  TEXT_MAX,
  timestampSchema,
  uuidSchema,
} from '../common';

/** Internal text: the group's notes and decisions stay with staff. */
export const estMeetingInternalTextFields = ['notes', 'decisions'] as const;

export const estMeetingInputSchema = z.object({
  held_on: dateField('held_on'),
  kind: enumField('kind', MEETING_KINDS),
  /** Meeting mode limits everyone on the shared screen to `joint` data. */
  meeting_mode: booleanField('meeting_mode', false),
  notes: optionalTextField('notes', TEXT_MAX),
  decisions: optionalTextField('decisions', TEXT_MAX),
  organisation_ids: idListField('organisation_ids'),
  run_ids: idListField('run_ids'),
});
export type EstMeetingInput = z.infer<typeof estMeetingInputSchema>;

export const estMeetingSchema = z.object({
  id: uuidSchema,
  municipality_code: municipalityCodeSchema,
  held_on: dateSchema,
  kind: z.enum(MEETING_KINDS),
  meeting_mode: z.boolean(),
  notes: z.string().nullable(),
  decisions: z.string().nullable(),
  /** Sorted. */
  organisation_ids: z.array(uuidSchema),
  /** Sorted. */
  run_ids: z.array(uuidSchema),
  created_at: timestampSchema,
});
export type EstMeeting = z.infer<typeof estMeetingSchema>;
