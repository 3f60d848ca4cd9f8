import { z } from 'zod';

export { UsageError } from './cli-usage-error';

const intString = (name: string, min: number, max: number) =>
  z
    .string({ error: `${name} needs a value` })
    .regex(/^\d+$/, { error: `${name} must be a whole number` })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: `${name} must be at least ${min}` }).max(max, { error: `${name} must be at most ${max}` }));

export const municipalityCodeArg = z.string().regex(/^\d{4}$/, { error: '--municipality must be a 4-digit kommunkod, e.g. 0683' });

export const migrateArgsSchema = z.object({ down: intString('--down', 1, 100).optional() }).strict();

export const seedArgsSchema = z
  .object({
    demo: z.boolean().optional(),
    synthetic: intString('--synthetic', 1, 10_000_000).optional(),
    seed: intString('--seed', 0, 2 ** 31 - 1).default(1),
    until: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '--until must be a date YYYY-MM-DD' })
      .optional(),
    municipality: municipalityCodeArg.optional(),
    force: z.boolean().optional(),
  })
  .strict()
  .refine((a) => Boolean(a.demo) !== (a.synthetic !== undefined), { error: 'seed needs exactly one of --demo or --synthetic N' });

export type SeedArgs = z.infer<typeof seedArgsSchema>;

/** Turns zod's issues into one line that names the argument. */
export function formatArgIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length && !i.message.includes('--') ? `--${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}
