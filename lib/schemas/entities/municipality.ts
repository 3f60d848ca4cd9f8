// Municipality (kommun): the tenant every domain row belongs to.
import { z } from 'zod';
import { municipalityCodeSchema, requiredTextField, timestampSchema, TITLE_MAX } from '../common';

export const municipalityInputSchema = z.object({
  code: municipalityCodeSchema,
  name: requiredTextField('name', TITLE_MAX),
});
export type MunicipalityInput = z.infer<typeof municipalityInputSchema>;

export const municipalitySchema = z.object({
  code: municipalityCodeSchema,
  name: z.string(),
  created_at: timestampSchema,
});
export type Municipality = z.infer<typeof municipalitySchema>;
