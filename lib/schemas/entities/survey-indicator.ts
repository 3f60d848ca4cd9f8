// Survey indicators (trygghetsmätning): imported values per area, year and indicator.
import { z } from 'zod';
import {
  booleanField,
  idField,
  integerField,
  municipalityCodeSchema,
  optionalTextField,
  requiredTextField,
  SHORT_TEXT_MAX,
  TITLE_MAX,
  uuidSchema,
} from '../common';

export const surveyIndicatorInputSchema = z.object({
  area_id: idField('area_id'),
  year: integerField('year', 1990, 2200),
  indicator: requiredTextField('indicator', TITLE_MAX),
  value: z.number({ error: (iss) => (iss.input === undefined ? 'value is required' : 'value must be a finite number') }),
  unit: requiredTextField('unit', SHORT_TEXT_MAX).default('percent'),
  /** Where the value comes from, e.g. "Polisens trygghetsmätning 2025". */
  source: optionalTextField('source', TITLE_MAX),
  published: booleanField('published', false),
  /** How many answered (a value from few respondents is uncertain). */
  respondents: z
    .int({ error: 'respondents must be a whole number or null' })
    .min(0, 'respondents must not be negative')
    .nullish()
    .transform((v) => v ?? null),
});
export type SurveyIndicatorInput = z.infer<typeof surveyIndicatorInputSchema>;

export const surveyIndicatorSchema = z.object({
  id: uuidSchema,
  municipality_code: municipalityCodeSchema,
  area_id: uuidSchema,
  year: z.int(),
  indicator: z.string(),
  value: z.number(),
  unit: z.string(),
  source: z.string().nullable(),
  published: z.boolean(),
  respondents: z.int().nullable(),
});
export type SurveyIndicator = z.infer<typeof surveyIndicatorSchema>;
