// Analysis runs: immutable once saved (a trigger rejects UPDATE), reproducible from their parameters.
import { z } from 'zod';
import { ANALYSIS_METHODS } from '@/lib/domain/constants';
import {
  enumField,
  isNotBefore,
  jsonObjectSchema,
  municipalityCodeSchema,
  requiredTextField,
  SHORT_TEXT_MAX,
  timestampField,
  timestampSchema,
  TITLE_MAX,
  uuidSchema,
} from '../common';

export const analysisRunInputSchema = z
  .object({
    title: requiredTextField('title', TITLE_MAX),
    method: enumField('method', ANALYSIS_METHODS),
    period_from: timestampField('period_from'),
    /** Exclusive end of the period. */
    period_to: timestampField('period_to'),
    /** Data layers analysed, e.g. incident, vandalism_report. */
    layers: z
      .array(
        z
          .string({ error: 'layers must hold text' })
          .regex(/^[a-z][a-z0-9_]*$/, 'layers must hold lower-case keys such as incident')
          .max(SHORT_TEXT_MAX, `layers entries must be at most ${SHORT_TEXT_MAX} characters`),
        { error: (iss) => (iss.input === undefined ? 'layers is required' : 'layers must be a list') },
      )
      .min(1, 'layers must name at least one layer')
      .refine((l) => new Set(l).size === l.length, 'layers must not repeat a layer'),
    parameters: jsonObjectSchema.describe('Every parameter needed to reproduce the run'),
    /** Rows per layer that went in. */
    data_counts: z.record(
      z.string(),
      z.int({ error: 'data_counts values must be whole numbers' }).min(0, 'data_counts values must not be negative'),
      { error: (iss) => (iss.input === undefined ? 'data_counts is required' : 'data_counts must be an object of counts') },
    ),
    /** Hash of the ids that went in: proves later which records the run saw. */
    record_ids_hash: requiredTextField('record_ids_hash', SHORT_TEXT_MAX),
    result: z.json({ error: 'result must be JSON' }),
  })
  .superRefine((v, ctx) => {
    if (isNotBefore(v.period_from, v.period_to)) {
      ctx.addIssue({ code: 'custom', path: ['period_to'], message: 'period_to must be after period_from' });
    }
  });
export type AnalysisRunInput = z.infer<typeof analysisRunInputSchema>;

export const analysisRunSchema = z.object({
  id: uuidSchema,
  municipality_code: municipalityCodeSchema,
  title: z.string(),
  method: z.enum(ANALYSIS_METHODS),
  period_from: timestampSchema,
  period_to: timestampSchema,
  layers: z.array(z.string()),
  parameters: jsonObjectSchema,
  data_counts: z.record(z.string(), z.number()),
  record_ids_hash: z.string(),
  result: z.json(),
  /** The signed-in user who saved it (server-set). */
  created_by: z.string().nullable(),
  created_at: timestampSchema,
});
export type AnalysisRun = z.infer<typeof analysisRunSchema>;
