// Orsaksanalys: the group's notes on the causes of one hotspot of one analysis run.
import { z } from 'zod';
import { idField, municipalityCodeSchema, requiredTextField, TEXT_MAX, timestampSchema, TITLE_MAX, uuidSchema } from '../common';

/** Internal text: staff only. */
export const hotspotNoteInternalTextFields = ['cause_note'] as const;

export const hotspotNoteInputSchema = z.object({
  meeting_id: idField('meeting_id'),
  run_id: idField('run_id'),
  /** The hotspot's id inside the run's result (cell or cluster id). */
  hotspot_ref: requiredTextField('hotspot_ref', TITLE_MAX),
  cause_note: requiredTextField('cause_note', TEXT_MAX),
});
export type HotspotNoteInput = z.infer<typeof hotspotNoteInputSchema>;

export const hotspotNoteSchema = z.object({
  id: uuidSchema,
  municipality_code: municipalityCodeSchema,
  meeting_id: uuidSchema,
  run_id: uuidSchema,
  hotspot_ref: z.string(),
  cause_note: z.string(),
  created_at: timestampSchema,
});
export type HotspotNote = z.infer<typeof hotspotNoteSchema>;
