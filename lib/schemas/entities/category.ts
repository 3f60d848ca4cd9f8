// Categories are seeded from lib/domain (db/seed/categories.ts), so there is no input schema.
import { z } from 'zod';
import { CATEGORY_GROUPS, CATEGORY_KEYS, CATEGORY_KINDS, SENSITIVITIES } from '@/lib/domain/categories';

const KNOWN_KEYS = new Set<string>(CATEGORY_KEYS);

/** A key of the category catalogue in lib/domain (the table is seeded from it). */
export function categoryKeyField(field: string) {
  return z
    .string({ error: (iss) => (iss.input === undefined ? `${field} is required` : `${field} must be text`) })
    .refine((key) => KNOWN_KEYS.has(key), `${field} must be a known category key`);
}

export const categorySchema = z.object({
  key: z.string(),
  kind: z.enum(CATEGORY_KINDS),
  group_key: z.enum(CATEGORY_GROUPS),
  label_sv: z.string(),
  label_en: z.string(),
  severity_weight: z.number().nonnegative(),
  sensitivity: z.enum(SENSITIVITIES),
  sort_order: z.int(),
});
export type Category = z.infer<typeof categorySchema>;
