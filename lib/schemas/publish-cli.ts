// Arguments of `lagesbild publish` (lib/cli/publish.ts), checked with zod: a wrong one names itself.
import { z } from 'zod';

export const PUBLISH_AUDIENCES = ['public', 'council', 'partner'] as const;

const wholeNumber = (name: string, min: number) =>
  z
    .string({ error: `${name} needs a value` })
    .regex(/^\d+$/, { error: `${name} must be a whole number` })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: `${name} must be at least ${min}` }));

export const publishArgsSchema = z
  .object({
    quarter: z.string().regex(/^\d{4}-Q[1-4]$/, { error: '--quarter must look like 2026-Q3' }).optional(),
    municipality: z.string().regex(/^\d{4}$/, { error: '--municipality must be a 4-digit kommunkod, e.g. 0683' }).default('0683'),
    audience: z.enum(PUBLISH_AUDIENCES, { error: '--audience must be public, council or partner' }).default('public'),
    'dry-run': z.boolean().default(false),
    report: z.boolean().default(false),
    'all-closed': z.boolean().default(false),
    geography: z.enum(['district', 'grid'], { error: '--geography must be district or grid' }).optional(),
    'grid-size': wholeNumber('--grid-size', 250).optional(),
    k: wholeNumber('--k', 3).optional(),
    changelog: z.string().trim().min(1, { error: '--changelog must say what changed' }).max(2000, { error: '--changelog is at most 2000 characters' }).optional(),
    by: z.string().trim().min(1, { error: '--by needs a name' }).optional(),
  })
  .strict()
  .refine((a) => [a.report, a['all-closed'], a.quarter !== undefined].filter(Boolean).length === 1, {
    error: 'publish needs exactly one of --quarter YYYY-Qn, --all-closed or --report',
  })
  .refine((a) => a['grid-size'] === undefined || a.geography === 'grid', { error: '--grid-size only goes with --geography grid' });

export type PublishArgs = z.infer<typeof publishArgsSchema>;
