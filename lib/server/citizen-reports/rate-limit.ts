import 'server-only';
// Spam protection for the public report form: per client, at most 5 reports an hour and 20 a day (fixed
// windows). The client is its address as the reverse proxy reports it; only a SHA-256 over the window
// and the address is stored, and counters older than two days are deleted.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { deleteOldSubmissionCounts, incrementSubmissionCount } from '@/db/queries/citizen-reports/citizen-reports';
import type { Database } from '@/db/schema';

export const SUBMISSION_LIMITS = [
  { name: 'hour', ms: 3_600_000, max: 5 },
  { name: 'day', ms: 86_400_000, max: 20 },
] as const;

export interface SubmissionCheck {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** Counts one submission attempt of the client at `now` and says whether it is within the limits. */
export async function countSubmission(db: Kysely<Database>, o: { clientAddress: string; now: Date }): Promise<SubmissionCheck> {
  let retryAfterSeconds = 0;
  for (const w of SUBMISSION_LIMITS) {
    const start = Math.floor(o.now.getTime() / w.ms) * w.ms;
    const key = crypto.createHash('sha256').update(`citizen-report|${w.name}|${start}|${o.clientAddress}`).digest('hex');
    const count = await incrementSubmissionCount(db, { key, windowStart: new Date(start) });
    if (count > w.max) retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((start + w.ms - o.now.getTime()) / 1000));
  }
  if (Math.random() < 0.02) await deleteOldSubmissionCounts(db, new Date(o.now.getTime() - 2 * 86_400_000));
  return { allowed: retryAfterSeconds === 0, retryAfterSeconds };
}
