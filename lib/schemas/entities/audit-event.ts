// Audit log entries: written only by lib/server/audit (append-only, hash-chained), so output only.
import { z } from 'zod';
import { jsonObjectSchema, municipalityCodeSchema, timestampSchema } from '../common';

export const auditEventSchema = z.object({
  id: z.int().positive(),
  municipality_code: municipalityCodeSchema.nullable(),
  occurred_at: timestampSchema,
  actor: z.string(),
  action: z.string(),
  resource: z.string(),
  /** Filters, result sizes, denied reasons. */
  details: jsonObjectSchema,
  result_count: z.int().nullable(),
  ids_hash: z.string().nullable(),
  prev_hash: z.string().nullable(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
