// `lagesbild publish --quarter 2026-Q3 [--municipality 0683] [--audience public] [--dry-run]`
// computes, audits and freezes a quarter; `lagesbild publish --report` lists what is published.
// Exit codes: 0 published (or dry run passed), 1 refused or failed, 2 wrong arguments.
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { DatabaseHandle } from '@/db/client';
import { type PublishArgs, publishArgsSchema } from '@/lib/schemas/publish-cli';

export interface PublishIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export const PUBLISH_USAGE = `Usage: lagesbild publish --quarter YYYY-Qn [options]
       lagesbild publish --all-closed [options]
       lagesbild publish --report [--municipality CODE] [--audience public|council|partner]

Computes a closed quarter's aggregates, suppresses cells below k incidents or k distinct places,
audits them against everything already published for the audience, and freezes them as a new version.

  --quarter YYYY-Qn        quarter to publish (closed at least a month ago)
  --all-closed             every publishable quarter not yet published for the audience, oldest first
  --municipality CODE      kommunkod (default 0683)
  --audience A             public (default), council or partner
  --dry-run                compute and audit, write nothing
  --changelog TEXT         what a correction changes (required from version 2 on)
  --geography G            district or grid (default: the setting, else district)
  --grid-size M            grid cell size in metres (with --geography grid; default 2000)
  --k N                    threshold (default: the setting, else 5 public / 3 council; never below 3)
  --by NAME                who publishes (default: the system user)
  --report                 list published and suppressed cells per quarter instead`;

function parse(argv: string[]): { ok: true; args: PublishArgs } | { ok: false; message: string } {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        quarter: { type: 'string' },
        municipality: { type: 'string' },
        audience: { type: 'string' },
        'dry-run': { type: 'boolean' },
        report: { type: 'boolean' },
        'all-closed': { type: 'boolean' },
        geography: { type: 'string' },
        'grid-size': { type: 'string' },
        k: { type: 'string' },
        changelog: { type: 'string' },
        by: { type: 'string' },
      },
    }));
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
  const result = publishArgsSchema.safeParse(values);
  if (!result.success) return { ok: false, message: result.error.issues.map((i) => i.message).join('; ') };
  return { ok: true, args: result.data };
}

const percent = (part: number, whole: number) => (whole ? `${Math.round((100 * part) / whole)} %` : '–');

/** Runs a parsed publish command on an open database at `now` (the CLI passes the current time). */
export async function executePublishCommand(handle: Pick<DatabaseHandle, 'db'>, args: PublishArgs, io: PublishIo, now: Date): Promise<number> {
  const { listPublicationReport } = await import('@/lib/server/disclosure/list-publication-report');
  if (args.report) {
    const rows = await listPublicationReport(handle.db, { municipalityCode: args.municipality, audience: args.audience });
    if (!rows.length) {
      io.stdout(`Nothing is published for ${args.audience} in ${args.municipality}.\n`);
      return 0;
    }
    const table = [
      ['quarter', 'version', 'geography', 'k', 'published', 'suppressed', 'share', 'audit'],
      ...rows.map((r) => [
        r.quarter,
        `v${r.version}`,
        r.geography,
        String(r.k),
        String(r.publishedCells),
        String(r.suppressedCells),
        percent(r.suppressedCells, r.publishedCells + r.suppressedCells),
        `${r.auditPassed ? 'passed' : 'not recorded'}${r.auditMilliseconds !== null ? ` (${r.auditMilliseconds} ms)` : ''}`,
      ]),
    ];
    const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
    for (const row of table) io.stdout(`${row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()}\n`);
    return 0;
  }
  const { publishQuarter } = await import('@/lib/server/disclosure/publish-quarter');
  const { PublicationRefusedError } = await import('@/lib/server/disclosure/publication-refused-error');
  let quarters = args.quarter ? [args.quarter] : [];
  if (args['all-closed']) {
    const { getFirstIncidentQuarter } = await import('@/db/queries/disclosure/first-incident-quarter');
    const { formatQuarter, listPublishableQuarters, parseQuarter } = await import('@/lib/privacy/publication-quarter');
    const first = await getFirstIncidentQuarter(handle.db, args.municipality);
    const done = new Set((await listPublicationReport(handle.db, { municipalityCode: args.municipality, audience: args.audience })).map((r) => r.quarter));
    quarters = first ? listPublishableQuarters(parseQuarter(first), now).map(formatQuarter).filter((q) => !done.has(q)) : [];
    if (!quarters.length) {
      io.stdout(`No closed quarter is left to publish for ${args.audience} in ${args.municipality}.\n`);
      return 0;
    }
  }
  for (const quarter of quarters) {
    try {
      const r = await publishQuarter(handle.db, {
        municipalityCode: args.municipality,
        audience: args.audience,
        quarter,
        now,
        createdBy: args.by ?? `cli:${os.userInfo().username}`,
        changelog: args.changelog,
        dryRun: args['dry-run'],
        overrides: { k: args.k, geography: args.geography, gridCellSizeM: args['grid-size'] },
      });
      const total = r.publishedCells + r.suppressedCells;
      const geography = r.config.geography === 'grid' ? `grid ${r.config.gridCellSizeM} m` : 'districts';
      io.stdout(
        `${r.status === 'dry-run' ? 'Dry run: would publish' : 'Published'} ${r.quarter} v${r.version} for ${args.audience} in ${args.municipality} ` +
          `(${geography}, k = ${r.config.k}): ${r.publishedCells} cells published, ${r.suppressedCells} suppressed (${percent(r.suppressedCells, total)}); ` +
          `audit passed in ${r.audit.stats.milliseconds} ms (${r.audit.stats.linearPrograms} linear programs)` +
          `${r.publicationId ? `; publication ${r.publicationId}` : ''}\n`,
      );
    } catch (err) {
      if (err instanceof PublicationRefusedError) {
        io.stderr(`lagesbild publish: refused: ${err.message}\n`);
        if (err.leakingFigures.length) io.stderr(`Cells that would leak:\n${err.leakingFigures.map((f) => `  ${f}\n`).join('')}`);
        return 1;
      }
      throw err;
    }
  }
  return 0;
}

/** `lagesbild publish …`: parses the arguments, opens the database and publishes (or reports). */
export async function runPublishCommand(argv: string[], io: PublishIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(`${PUBLISH_USAGE}\n`);
    return 0;
  }
  const parsed = parse(argv);
  if (!parsed.ok) {
    io.stderr(`lagesbild publish: ${parsed.message}\n\n${PUBLISH_USAGE}\n`);
    return 2;
  }
  const { openDatabase } = await import('@/db/client');
  let handle: Awaited<ReturnType<typeof openDatabase>>;
  try {
    handle = await openDatabase({ migrate: true });
  } catch (err) {
    io.stderr(`lagesbild publish: ${(err as Error).message}\n`);
    return 1;
  }
  try {
    return await executePublishCommand(handle, parsed.args, io, new Date());
  } catch (err) {
    io.stderr(`lagesbild publish: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await handle.close();
  }
}
