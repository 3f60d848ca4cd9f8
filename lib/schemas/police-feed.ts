// The options of a police events feed import (page, API; the CLI parses its own flags).
import { z } from 'zod';
import { municipalityCodeSchema } from './common';

export const policeFeedImportOptionsSchema = z.object({
  municipality: municipalityCodeSchema.default('0683'),
  /** 'auto' detects the JSON feed or the archived CSV from the content. */
  format: z.enum(['auto', 'json', 'csv'], { error: 'format must be auto, json or csv' }).default('auto'),
  /** Validate and count, then roll back. */
  dry_run: z
    .enum(['true', 'false', 'on', '1', '0'], { error: 'dry_run must be true or false' })
    .optional()
    .transform((v) => v === 'true' || v === 'on' || v === '1'),
});
export type PoliceFeedImportOptions = z.infer<typeof policeFeedImportOptionsSchema>;
