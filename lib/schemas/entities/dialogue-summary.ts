// Dialogue summaries (issue 5): what residents said in a focus group, a digital safety walk or a
// dialogue meeting about an area, attached to the area and optionally to the EST meeting it was
// brought to. Internal text of the EST group: never public, never the council's.
import { z } from 'zod';
import { dateField, dateSchema, enumField, idField, municipalityCodeSchema, optionalIdField, optionalTextField, requiredTextField, TEXT_MAX, timestampSchema, TITLE_MAX, uuidSchema } from '../common';

export const DIALOGUE_KINDS = ['focus_group', 'digital_safety_walk', 'safety_walk', 'dialogue_meeting', 'resident_survey', 'other'] as const;
export type DialogueKind = (typeof DIALOGUE_KINDS)[number];

/** The summary is long free text (a page of notes); participants a head count. */
export const DIALOGUE_SUMMARY_MAX = 3 * TEXT_MAX;

export const dialogueSummaryInputSchema = z.object({
  area_id: idField('area_id'),
  est_meeting_id: optionalIdField('est_meeting_id'),
  kind: enumField('kind', DIALOGUE_KINDS),
  held_on: dateField('held_on'),
  title: requiredTextField('title', TITLE_MAX),
  summary: requiredTextField('summary', DIALOGUE_SUMMARY_MAX),
  participants: z
    .int({ error: 'participants must be a whole number or empty' })
    .min(0, 'participants must not be negative')
    .max(100_000, 'participants must be at most 100 000')
    .nullish()
    .transform((v) => v ?? null),
  /** Who ran it or where the notes come from, e.g. "Fältgruppen" or "Medborgardialog Rydaholm". */
  source: optionalTextField('source', TITLE_MAX),
});
export type DialogueSummaryInput = z.infer<typeof dialogueSummaryInputSchema>;

export const dialogueSummarySchema = z.object({
  id: uuidSchema,
  municipality_code: municipalityCodeSchema,
  area_id: uuidSchema,
  est_meeting_id: uuidSchema.nullable(),
  kind: z.enum(DIALOGUE_KINDS),
  held_on: dateSchema,
  title: z.string(),
  summary: z.string(),
  participants: z.int().nullable(),
  source: z.string().nullable(),
  created_by: z.string(),
  created_at: timestampSchema,
});
export type DialogueSummary = z.infer<typeof dialogueSummarySchema>;
