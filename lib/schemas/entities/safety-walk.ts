// Safety walks (trygghetsvandringar) with the organisations that took part.
import { z } from 'zod';
import {
  dateField,
  dateSchema,
  idListField,
  municipalityCodeSchema,
  optionalIdField,
  optionalTextField,
  requiredTextField,
  TEXT_MAX,
  timestampSchema,
  TITLE_MAX,
  uuidSchema,
} from '../common';

/** Internal text: staff only; `public_summary` goes back to participants and the public. */
export const safetyWalkInternalTextFields = ['notes'] as const;

export const safetyWalkInputSchema = z.object({
  walked_on: dateField('walked_on'),
  title: requiredTextField('title', TITLE_MAX),
  area_id: optionalIdField('area_id'),
  notes: optionalTextField('notes', TEXT_MAX),
  public_summary: optionalTextField('public_summary', TEXT_MAX),
  organisation_ids: idListField('organisation_ids'),
});
export type SafetyWalkInput = z.infer<typeof safetyWalkInputSchema>;

export const safetyWalkSchema = z.object({
  id: uuidSchema,
  municipality_code: municipalityCodeSchema,
  walked_on: dateSchema,
  title: z.string(),
  area_id: uuidSchema.nullable(),
  notes: z.string().nullable(),
  public_summary: z.string().nullable(),
  /** Sorted. */
  organisation_ids: z.array(uuidSchema),
  created_at: timestampSchema,
});
export type SafetyWalk = z.infer<typeof safetyWalkSchema>;
