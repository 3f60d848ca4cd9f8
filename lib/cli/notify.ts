// `lagesbild notify` — fills the notification outbox (reminders due at this instant) and sends its
// pending e-mails when SMTP_URL is set; run it from cron (e.g. hourly). Idempotent: a second run adds
// no reminder twice. --now fixes the clock (tests, catching up).
import os from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { DatabaseHandle } from '@/db/client';
import { UsageError } from '@/lib/schemas/cli-usage-error';
import type { Io } from './main';

export const NOTIFY_USAGE = `lagesbild notify [--municipality CODE] [--now ISO] [--no-send] [--as USER]
    fill the notification outbox with the reminders due now (follow-up quarters, overdue activities,
    graffiti/damage assignments and cleanup targets) and e-mail them when SMTP_URL is set (SMTP_FROM the sender)`;

export const notifyArgsSchema = z
  .object({
    municipality: z.string().regex(/^\d{4}$/, '--municipality must be a 4-digit kommunkod').optional(),
    now: z.iso.datetime({ offset: true, error: '--now must be an ISO-8601 timestamp with a zone, e.g. 2026-12-20T08:00:00+01:00' }).optional(),
    'no-send': z.boolean().optional(),
    as: z.string().trim().min(1).max(100).regex(/^[^\s,]+$/, '--as must be one word').optional(),
  })
  .strict();
export type NotifyArgs = z.infer<typeof notifyArgsSchema>;

export function parseNotifyArgs(argv: string[]): NotifyArgs {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { municipality: { type: 'string' }, now: { type: 'string' }, 'no-send': { type: 'boolean' }, as: { type: 'string' } } }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${NOTIFY_USAGE}`);
  }
  const r = notifyArgsSchema.safeParse(values);
  if (!r.success) throw new UsageError(`${r.error.issues.map((i) => i.message).join('; ')}\n${NOTIFY_USAGE}`);
  return r.data;
}

export interface NotifyEnv {
  smtpUrl: string | null;
  from: string;
  baseUrl: string | null;
}

/** Runs notify on an open database at `now` with an optional transport (tests pass their own). */
export async function executeNotify(
  handle: Pick<DatabaseHandle, 'db'>,
  args: NotifyArgs,
  io: Io,
  opts: { now: Date; env: NotifyEnv; transport?: import('@/lib/server/notifications/send-outbox').MailTransport | null },
): Promise<number> {
  const { fillNotificationOutbox } = await import('@/lib/server/notifications/fill-outbox');
  const { createSmtpTransport, sendNotificationOutbox } = await import('@/lib/server/notifications/send-outbox');
  const actor = `cli:${args.as ?? safeUser()}`;
  const municipalities = args.municipality
    ? [args.municipality]
    : (await handle.db.selectFrom('municipality').select('code').orderBy('code').execute()).map((m) => m.code);
  for (const municipalityCode of municipalities) {
    const r = await fillNotificationOutbox(handle.db, { municipalityCode, now: opts.now, actor });
    const parts = Object.entries(r.added).map(([k, n]) => `${k} ${n} (of ${r.candidates[k as keyof typeof r.candidates]} reminders)`);
    io.stdout(`${municipalityCode}: outbox filled at ${opts.now.toISOString()}: ${parts.join(', ')}${r.followUpQuarters.length ? `; follow-up quarters ${r.followUpQuarters.join(', ')}` : ''}\n`);
  }
  if (args['no-send']) return 0;
  const transport = opts.transport !== undefined ? opts.transport : opts.env.smtpUrl ? await createSmtpTransport(opts.env.smtpUrl) : null;
  const s = await sendNotificationOutbox(handle.db, { transport, from: opts.env.from, baseUrl: opts.env.baseUrl, now: () => new Date() });
  io.stdout(
    s.configured
      ? `E-mail: ${s.sent} sent, ${s.failed} failed (retried next run)\n`
      : `E-mail: SMTP_URL is not set, nothing sent (${s.notConfigured} pending e-mails marked not_configured; the notifications are in the app)\n`,
  );
  return s.failed > 0 ? 1 : 0;
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

export async function runNotifyCommand(argv: string[], io: Io): Promise<number> {
  const args = parseNotifyArgs(argv);
  const { openDatabase } = await import('@/db/client');
  const handle = await openDatabase({ migrate: true });
  try {
    return await executeNotify(handle, args, io, {
      now: args.now ? new Date(args.now) : new Date(),
      env: { smtpUrl: process.env.SMTP_URL?.trim() || null, from: process.env.SMTP_FROM?.trim() || 'lagesbild@localhost', baseUrl: process.env.LAGESBILD_BASE_URL?.trim() || null },
    });
  } finally {
    await handle.close();
  }
}
