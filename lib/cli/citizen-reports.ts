// `lagesbild citizen-reports purge [--now ISO] [--as USER]` — deletes the contact details (and photos) of
// citizen reports closed longer ago than each municipality's retention (citizen_report.contact_retention_days,
// default 90). Run it daily from cron or a systemd timer; the moderation queue also runs it when opened.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UsageError } from '@/lib/schemas/cli-usage-error';
import { cliActor } from './audit';
import type { Io } from './main';

export const CITIZEN_REPORTS_USAGE = `lagesbild citizen-reports purge [--now ISO] [--as USER]
                                          delete contact details of reports closed longer ago than the retention (default 90 days)`;

const argsSchema = z
  .object({
    now: z.iso.datetime({ offset: true, error: '--now must be an ISO-8601 timestamp' }).optional(),
    as: z.string().trim().min(1).max(100).regex(/^[^\s,]+$/, '--as must be one word').optional(),
  })
  .strict();

export async function runCitizenReportsCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'purge') throw new UsageError(`citizen-reports needs purge\n${CITIZEN_REPORTS_USAGE}`);
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: rest, strict: true, allowPositionals: false, options: { now: { type: 'string' }, as: { type: 'string' } } }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  const now = parsed.data.now ? new Date(parsed.data.now) : new Date();
  const { openDatabase } = await import('@/db/client');
  const { purgeAllExpiredContactDetails } = await import('@/lib/server/citizen-reports/purge-contact-details');
  const handle = await openDatabase({ migrate: true });
  try {
    const results = await purgeAllExpiredContactDetails(handle.db, { now, actor: cliActor(parsed.data.as) });
    for (const r of results) io.stdout(`${r.municipalityCode}: contact details of ${r.purged} closed reports deleted (retention ${r.retentionDays} days)\n`);
    return 0;
  } finally {
    await handle.close();
  }
}
