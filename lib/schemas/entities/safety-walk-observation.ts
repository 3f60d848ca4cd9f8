// The walk protocol: each point observed on a walk (an unsafe place) and what happens to it.
import { z } from 'zod';
import {
  idField,
  integerField,
  municipalityCodeSchema,
  optionalIdField,
  optionalTextField,
  TEXT_MAX,
  timestampField,
  timestampSchema,
  uuidSchema,
} from '../common';

/** Internal text: staff only. */
export const safetyWalkObservationInternalTextFields = ['note', 'protocol_action'] as const;

export const safetyWalkObservationInputSchema = z.object({
  walk_id: idField('walk_id'),
  unsafe_place_id: idField('unsafe_place_id'),
  /** Position in the protocol, from 1. */
  sequence: integerField('sequence', 1, 10_000),
  observed_at: timestampField('observed_at'),
  note: optionalTextField('note', TEXT_MAX),
  protocol_action: optionalTextField('protocol_action', TEXT_MAX),
  responsible_org_id: optionalIdField('responsible_org_id'),
});
export type SafetyWalkObservationInput = z.infer<typeof safetyWalkObservationInputSchema>;

export const safetyWalkObservationSchema = z.object({
  id: uuidSchema,
  municipality_code: municipalityCodeSchema,
  walk_id: uuidSchema,
  unsafe_place_id: uuidSchema,
  sequence: z.int(),
  observed_at: timestampSchema,
  note: z.string().nullable(),
  protocol_action: z.string().nullable(),
  responsible_org_id: uuidSchema.nullable(),
});
export type SafetyWalkObservation = z.infer<typeof safetyWalkObservationSchema>;
