// The EST cadence (setting 'est.cadence'): how often the group analyses, which quarters the council
// follows up, and the reminder lead times. Defaults follow Värnamo's practice (DESIGN.md §1).
import { z } from 'zod';

export const CADENCE_SETTING_KEY = 'est.cadence';

export const cadenceSchema = z.object({
  /** Analysis meetings a year (Värnamo 8–10; weekly reporting elsewhere means 3–4 analyses). */
  analysis_meetings_per_year: z.coerce.number({ error: 'analysis_meetings_per_year must be a number' }).int('analysis_meetings_per_year must be a whole number').min(1, 'analysis_meetings_per_year must be 1–52').max(52, 'analysis_meetings_per_year must be 1–52').default(9),
  /** Quarters whose follow-up the council takes (1–4). */
  follow_up_quarters: z.array(z.coerce.number().int().min(1).max(4), { error: 'follow_up_quarters must be a list of quarters 1–4' }).min(1, 'follow_up_quarters needs at least one quarter').default([1, 2, 3, 4]),
  /** Days before a quarter ends that reporting organisations are reminded. */
  reminder_days_before_quarter_end: z.coerce.number().int().min(0).max(90).default(14),
  /** Days after a quarter ends by which the follow-up must be reported. */
  report_deadline_days: z.coerce.number().int().min(0).max(90).default(15),
  /** Hours before a cleanup target passes that the responsible organisation is warned. */
  cleanup_warning_hours: z.coerce.number().min(0).max(24 * 14).default(6),
});
export type Cadence = z.infer<typeof cadenceSchema>;

/** The cadence from a stored value; a missing or broken value gives the defaults. */
export function parseCadence(value: unknown): Cadence {
  const parsed = cadenceSchema.safeParse(value ?? {});
  return parsed.success ? { ...parsed.data, follow_up_quarters: [...new Set(parsed.data.follow_up_quarters)].sort() } : cadenceSchema.parse({});
}
