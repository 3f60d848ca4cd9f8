// lagesbild — what administrators script: migrate, seed, health, hotspots (see `lagesbild help`).
// Exit codes: 0 ok, 1 failure (database unreachable, refused, …), 2 wrong arguments.
// Imports are loaded per command: a busy data folder must be reported within a second or two,
// before kysely, zod and PGlite have loaded.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import type { openDatabase } from '@/db/client';
import { DataFolderLockedError, assertDataFolderFree } from '@/db/lock';
import { UsageError } from '@/lib/schemas/cli-usage-error';

export const USAGE = `Usage: lagesbild <command> [options]

Commands:
  migrate [--down N]                      run pending migrations (or undo the last N)
  seed --demo [--seed N] [--until DATE] [--force]
                                          load the Värnamo demo data (refuses over real data unless --force)
  seed --synthetic N [--seed N] [--municipality CODE]
                                          load N synthetic incidents for benchmarks (COPY, with progress)
  health                                  print the database backend, PostGIS version and row counts
  publish --quarter YYYY-Qn | --all-closed | --report [--municipality CODE] [--audience public|council|partner] [--dry-run]
                                          compute, audit and freeze a quarter's published aggregates (refuses on a leak)
  audit verify|export|purge [--as USER]   check the audit log's hash chain, export it as CSV, apply retention
  users list|create|add-role|remove-role|reset-password|disable|enable [--as USER]
                                          manage users and their roles per municipality (lagesbild users help)
  import --kind KIND --file FILE --as USER [--dry-run] …
                                          import incidents, unsafe places, vandalism, areas, survey results or the police events feed (all or nothing)
  export --kind KIND --as USER [--format csv|geojson] [--filter QUERY] [--out FILE]
                                          the records of a map filter the user sees exactly, audited
  notify [--municipality CODE] [--now ISO] [--no-send]
                                          fill the reminder outbox and e-mail it when SMTP_URL is set (run from cron)
  citizen-reports purge [--now ISO]       delete contact details of citizen reports closed longer than the retention (default 90 days)
  hotspots gi|dbscan|kde --in FILE …      hot spot analysis of a point file, no database (lagesbild hotspots --help)
  report --quarter YYYY-Qn --out FILE.pdf (--as EMAIL | --user EMAIL) [--url URL]
                                          print the council's quarterly report to PDF (Chromium); --as mints an audited
                                          10-minute session and starts the app itself when no --url is given
  help                                    this text

The database is PostgreSQL when DATABASE_URL is set, else the embedded one in LAGESBILD_DATA_DIR (default ./.data).`;

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const defaultIo: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

async function parse<T extends z.ZodType>(schema: T, argv: string[], options: NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>): Promise<z.infer<T>> {
  const { formatArgIssues } = await import('@/lib/schemas/cli');
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const result = schema.safeParse(values);
  if (!result.success) throw new UsageError(formatArgIssues(result.error));
  return result.data;
}

async function withDatabase<T>(fn: (h: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>, migrate = true): Promise<T> {
  const { openDatabase } = await import('@/db/client');
  const handle = await openDatabase({ migrate });
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

async function migrateCommand(argv: string[], io: Io): Promise<number> {
  const { migrateArgsSchema } = await import('@/lib/schemas/cli');
  const args = await parse(migrateArgsSchema, argv, { down: { type: 'string' } });
  const { migrateDown, migrateToLatest } = await import('@/db/client');
  const { syncCategories } = await import('@/db/seed/categories');
  return withDatabase(async (h) => {
    if (args.down) {
      const done = await migrateDown(h.db, args.down);
      io.stdout(done.length ? `Undid ${done.join(', ')}\n` : 'Nothing to undo\n');
    } else {
      const done = await migrateToLatest(h.db);
      await syncCategories(h.db);
      io.stdout(`${done.length ? `Applied ${done.join(', ')}` : 'Already up to date'} (${h.backend}, ${h.location})\n`);
    }
    return 0;
  }, false);
}

async function healthCommand(argv: string[], io: Io): Promise<number> {
  if (argv.length) throw new UsageError(`health takes no arguments (got ${argv.join(' ')})`);
  return withDatabase(async (h) => {
    const { countRows } = await import('@/db/queries/health');
    const counts = await countRows(h.db);
    io.stdout(`${JSON.stringify({ status: 'ready', backend: h.backend, location: h.location, postgisVersion: h.postgisVersion, counts }, null, 2)}\n`);
    return 0;
  });
}

/** Runs one CLI invocation and returns its exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (['migrate', 'seed', 'health', 'publish', 'audit', 'users', 'import', 'export', 'notify'].includes(command) && !process.env.DATABASE_URL) {
      assertDataFolderFree(path.resolve(process.env.LAGESBILD_DATA_DIR || '.data'));
    }
    switch (command) {
      case 'migrate':
        return await migrateCommand(rest, io);
      case 'seed':
        return await (await import('./seed')).runSeedCommand(await parse((await import('@/lib/schemas/cli')).seedArgsSchema, rest, {
          demo: { type: 'boolean' },
          synthetic: { type: 'string' },
          seed: { type: 'string' },
          until: { type: 'string' },
          municipality: { type: 'string' },
          force: { type: 'boolean' },
        }), io, withDatabase);
      case 'health':
        return await healthCommand(rest, io);
      case 'publish':
        return await (await import('./publish')).runPublishCommand(rest, io);
      case 'audit':
        return await (await import('./audit')).runAuditCommand(rest, io);
      case 'users':
        return await (await import('./users')).runUsersCommand(rest, io);
      case 'import':
        return await (await import('./import-export')).runImportCommand(rest, io);
      case 'export':
        return await (await import('./import-export')).runExportCommand(rest, io);
      case 'notify':
        return await (await import('./notify')).runNotifyCommand(rest, io);
      case 'citizen-reports':
        return await (await import('./citizen-reports')).runCitizenReportsCommand(rest, io);
      case 'hotspots':
        // Loaded on demand: the analysis code (turf, workers) is not needed by the other commands.
        return await (await import('./hotspots')).runHotspotsCommand(rest, io);
      case 'report':
        // Drives Chromium against a running app: no database of its own (the app holds it).
        return await (await import('./report')).runReportCommand(rest, io);
      case 'help':
      case '--help':
      case '-h':
        io.stdout(`${USAGE}\n`);
        return 0;
      case undefined:
        io.stderr(`${USAGE}\n`);
        return 2;
      default:
        throw new UsageError(`Unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`lagesbild: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    // DataFolderLockedError, DatabaseStartupError and refusals carry a one-line message saying what to do.
    if (!(err instanceof DataFolderLockedError) && !['DatabaseStartupError', 'DemoSeedRefusedError', 'ReportSessionRefusedError'].includes((err as Error).name)) {
      console.error(err);
    }
    io.stderr(`lagesbild: ${(err as Error).message}\n`);
    return 1;
  }
}

// Run when executed directly (bin/lagesbild.mjs or tsx lib/cli/main.ts), not when imported by tests.
if (process.argv[1] && /lib[\\/]cli[\\/]main\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
