import { z } from 'zod';

// Arguments of `lagesbild hotspots gi|dbscan|kde` after node:util parseArgs (strings and booleans).

const positiveNumber = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .trim()
    .regex(/^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/, { error: `${name} must be a positive number` })
    .transform(Number)
    .pipe(z.number().positive({ error: `${name} must be a positive number` }).finite());

const inputArgs = {
  in: z.string({ error: '--in FILE is required' }).min(1, { error: '--in FILE is required' }),
  out: z.string().min(1).optional(),
  x: z.string().min(1).default('x'),
  y: z.string().min(1).default('y'),
  id: z.string().min(1).optional(),
  crs: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(['EPSG:4326', 'EPSG:3006'], { error: '--crs must be EPSG:4326 (projected to EPSG:3006) or EPSG:3006' }))
    .optional(),
  geometry: z.enum(['none'], { error: '--geometry takes only "none"' }).optional(),
};

export const hotspotsGiArgsSchema = z
  .object({
    ...inputArgs,
    cell: positiveNumber('--cell'),
    band: positiveNumber('--band'),
    grid: z.enum(['square', 'hex'], { error: '--grid must be square or hex' }).default('square'),
    'no-fdr': z.boolean().default(false),
  })
  .strict()
  .refine((a) => a.band >= a.cell, { error: '--band must not be smaller than --cell (the band would hold only the cell itself)' });

export const hotspotsDbscanArgsSchema = z
  .object({
    ...inputArgs,
    eps: positiveNumber('--eps'),
    'min-points': z
      .string({ error: '--min-points is required' })
      .regex(/^\d+$/, { error: '--min-points must be a whole number' })
      .transform(Number)
      .pipe(z.number().int().min(1, { error: '--min-points must be at least 1' })),
  })
  .strict();

export const hotspotsKdeArgsSchema = z
  .object({
    ...inputArgs,
    cell: positiveNumber('--cell'),
    bandwidth: positiveNumber('--bandwidth'),
  })
  .strict();

export type HotspotsGiArgs = z.infer<typeof hotspotsGiArgsSchema>;
export type HotspotsDbscanArgs = z.infer<typeof hotspotsDbscanArgsSchema>;
export type HotspotsKdeArgs = z.infer<typeof hotspotsKdeArgsSchema>;
