// `lagesbild audit verify | export | purge` — the audit log from the command line. Every command is
// itself logged with the actor `cli:<--as USER or the OS user>`.
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UsageError } from '@/lib/schemas/cli-usage-error';
import type { Io } from './main';

export const AUDIT_USAGE = `lagesbild audit verify [--from ID] [--as USER]     check the hash chain; names the first broken row (exit 1)
lagesbild audit export [--out FILE] [--from-date ISO] [--to-date ISO] [--as USER]
                                                    the log as CSV (formula cells neutralised), oldest first
lagesbild audit purge [--retention-days N] [--as USER]
                                                    delete events older than the retention (LAGESBILD_AUDIT_RETENTION_DAYS, default 1826)`;

const argsSchema = z
  .object({
    from: z.string().regex(/^\d+$/, '--from must be an event id').transform(Number).optional(),
    out: z.string().min(1).optional(),
    'from-date': z.iso.datetime({ offset: true, error: '--from-date must be an ISO-8601 timestamp' }).optional(),
    'to-date': z.iso.datetime({ offset: true, error: '--to-date must be an ISO-8601 timestamp' }).optional(),
    'retention-days': z.string().regex(/^\d+$/, '--retention-days must be a whole number').transform(Number).optional(),
    as: z.string().trim().min(1).max(100).regex(/^[^\s,]+$/, '--as must be one word (a user name or e-mail)').optional(),
  })
  .strict();

/** The actor of a CLI action: `cli:` and --as, else the operating-system user. */
export function cliActor(as: string | undefined): string {
  let name = as;
  if (!name) {
    try {
      name = os.userInfo().username;
    } catch {
      name = process.env.USER ?? 'unknown';
    }
  }
  return `cli:${name}`;
}

export async function runAuditCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || !['verify', 'export', 'purge'].includes(sub)) throw new UsageError(`audit needs verify, export or purge\n${AUDIT_USAGE}`);
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: { from: { type: 'string' }, out: { type: 'string' }, 'from-date': { type: 'string' }, 'to-date': { type: 'string' }, 'retention-days': { type: 'string' }, as: { type: 'string' } },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  const args = parsed.data;
  const actor = cliActor(args.as);

  const { openDatabase } = await import('@/db/client');
  const { appendAuditEvent } = await import('@/lib/server/audit/append-audit-event');
  // Verifying reads the log as it is: it must not first change the schema of the database it checks
  // (nor refuse one whose migrations came from another checkout).
  const h = await openDatabase(sub === 'verify' ? { migrate: false } : {});
  try {
    if (sub === 'verify') {
      const { verifyAuditChain } = await import('@/lib/server/audit/verify-audit-chain');
      const result = await verifyAuditChain(h.db, { fromId: args.from });
      if (result.ok) {
        io.stdout(`Audit chain intact: ${result.checked} events checked${result.lastId ? `, last id ${result.lastId}, last hash ${result.lastHash}` : ''}\n`);
      } else {
        io.stderr(`Audit chain BROKEN at event ${result.brokenId}: ${result.reason} (${result.checked} events before it are intact)\n`);
      }
      await appendAuditEvent(h.db, { actor, action: 'cli.audit.verify', resource: 'audit_log', details: { from: args.from, ok: result.ok, broken_id: result.ok ? undefined : result.brokenId }, resultCount: result.checked });
      return result.ok ? 0 : 1;
    }
    if (sub === 'export') {
      const { searchAuditRows } = await import('@/db/queries/audit/audit-chain');
      const { auditCsvHeader, auditCsvLine } = await import('@/lib/server/audit/audit-csv');
      const out = args.out ? fs.createWriteStream(args.out, { flags: 'wx' }) : null;
      const write = (s: string) => (out ? out.write(s) : io.stdout(s));
      write(auditCsvHeader());
      // Newest first by id pages, then reversed page by page into a buffer: logs are small per range.
      const rows = [];
      let before: number | undefined;
      for (;;) {
        const page = await searchAuditRows(h.db, { from: args['from-date'], to: args['to-date'], before_id: before, limit: 1000 });
        if (page.length === 0) break;
        rows.push(...page);
        before = page[page.length - 1].id;
      }
      rows.reverse();
      for (const row of rows) write(auditCsvLine(row));
      if (out) await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      await appendAuditEvent(h.db, { actor, action: 'export', resource: 'audit_log', details: { from_date: args['from-date'], to_date: args['to-date'], out: args.out ? 'file' : 'stdout' }, resultCount: rows.length });
      if (args.out) io.stdout(`Wrote ${rows.length} events to ${args.out}\n`);
      return 0;
    }
    const { auditRetentionDays, purgeAuditEvents } = await import('@/lib/server/audit/purge-audit-events');
    const retentionDays = args['retention-days'] ?? auditRetentionDays();
    const { deleted } = await purgeAuditEvents(h.db, { actor, retentionDays });
    io.stdout(`Deleted ${deleted} audit events older than ${retentionDays} days\n`);
    return 0;
  } finally {
    await h.close();
  }
}
