// Organisations taking part in the joint work: police district, municipality, housing company …
import { z } from 'zod';
import { ORGANISATION_KINDS } from '@/lib/domain/constants';
import { enumField, municipalityCodeSchema, requiredTextField, timestampSchema, TITLE_MAX, uuidSchema } from '../common';

export const organisationInputSchema = z.object({
  name: requiredTextField('name', TITLE_MAX),
  kind: enumField('kind', ORGANISATION_KINDS),
});
export type OrganisationInput = z.infer<typeof organisationInputSchema>;

export const organisationSchema = z.object({
  id: uuidSchema,
  municipality_code: municipalityCodeSchema,
  name: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  created_at: timestampSchema,
});
export type Organisation = z.infer<typeof organisationSchema>;
