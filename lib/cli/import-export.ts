// `lagesbild import` and `lagesbild export`: the same lib/server code as the /import page and
// GET /api/v1/export, acting as a user (--as e-mail) with that user's roles in the municipality.
// Exit codes: 0 done, 1 refused (bad rows, no permission, too large), 2 wrong arguments.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UsageError } from '@/lib/schemas/cli-usage-error';
import type { Io } from './main';

export const IMPORT_USAGE = `lagesbild import --kind KIND --file FILE --as USER [--municipality CODE] [--crs auto|EPSG:4326|EPSG:3006]
                 [--visibility restricted|joint|partners] [--area-kind district|deso|regso|neighbourhood_watch|drawn] [--dry-run]
                 [--map FIELD=COLUMN]…
    KIND: incidents, unsafe_places, vandalism, areas, survey. All rows or none; the same file twice adds nothing.
    --map: read FIELD from the file's COLUMN (repeatable; FIELD= leaves a column of that name unused), e.g.
           --map category=Brottskod --map "occurred_at=Anmäld tid". --crs overrides the detected coordinate system.
    KIND police_feed: the police events feed (polisen.se/api/events JSON or its archived CSV; detected without --kind):
    only the municipality's events, as context (list and timeline), never as incident locations.
lagesbild export --kind incidents|unsafe_places|vandalism --as USER [--format csv|geojson] [--out FILE]
                 [--filter "from=2025-01-01&to=2025-12-31&categories=theft"] [--municipality CODE]`;

const asArg = z.string({ error: '--as USER (an e-mail) is required' }).trim().toLowerCase().pipe(z.email({ error: '--as must be the e-mail of a user' }));

async function viewerOf(db: Parameters<typeof import('@/db/queries/auth/users').findUserByEmail>[0], email: string, municipality: string) {
  const { findUserByEmail, listMemberships } = await import('@/db/queries/auth/users');
  const { roleSchema } = await import('@/lib/schemas/auth');
  const user = await findUserByEmail(db, email);
  if (!user || user.disabled) throw new Error(`No active user ${email}`);
  const held = (await listMemberships(db, user.id)).filter((m) => m.municipality_code === municipality).map((m) => ({ role: roleSchema.parse(m.role), organisationId: m.organisation_id }));
  return { userId: user.id, actor: `cli:${email}`, municipalityCode: municipality, held, meetingMode: false };
}

/** A refusal (no permission; the attempt is already audited) as one line and exit code 1, not a stack trace. */
async function refusedAsExit<T>(io: Io, message: string, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (err) {
    if ((err as Error).name === 'HttpError' || (err as Error).name === 'ImportTooLargeError') {
      io.stderr(`lagesbild: ${(err as Error).name === 'HttpError' ? message : (err as Error).message}\n`);
      return null;
    }
    throw err;
  }
}

function parse(argv: string[], options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>): Record<string, unknown> {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${IMPORT_USAGE}`);
  }
}

function check<T extends z.ZodType>(schema: T, values: unknown): z.infer<T> {
  const r = schema.safeParse(values);
  if (!r.success) throw new UsageError(`${r.error.issues.map((i) => (i.path.length ? `--${i.path.join('.').replace('_', '-')}: ${i.message}` : i.message)).join('; ')}\n${IMPORT_USAGE}`);
  return r.data;
}

export async function runImportCommand(argv: string[], io: Io): Promise<number> {
  const values = parse(argv, {
    kind: { type: 'string' },
    file: { type: 'string' },
    as: { type: 'string' },
    municipality: { type: 'string' },
    crs: { type: 'string' },
    visibility: { type: 'string' },
    'area-kind': { type: 'string' },
    'dry-run': { type: 'boolean' },
    map: { type: 'string', multiple: true },
  });
  // The police events feed (its own kind; recognised from the file when --kind is not given).
  const { POLICE_FEED_KINDS, looksLikePoliceFeed, runPoliceFeedImportCommand } = await import('./police-feed');
  if ((POLICE_FEED_KINDS as readonly unknown[]).includes(values.kind) || (values.kind === undefined && typeof values.file === 'string' && (await looksLikePoliceFeed(values.file)))) {
    return runPoliceFeedImportCommand(values, io, IMPORT_USAGE);
  }
  const { importOptionsSchema } = await import('@/lib/schemas/import');
  const mapping: Record<string, string> = {};
  for (const pair of (values.map as string[] | undefined) ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--map ${pair}: write FIELD=COLUMN, e.g. --map category=Brottskod\n${IMPORT_USAGE}`);
    const field = pair.slice(0, eq).trim();
    if (field in mapping) throw new UsageError(`--map: ${field} is mapped twice`);
    mapping[field] = pair.slice(eq + 1).trim();
  }
  const args = check(z.object({ file: z.string({ error: '--file FILE is required' }).min(1), as: asArg }), values);
  const options = check(importOptionsSchema, {
    kind: values.kind,
    municipality: values.municipality,
    crs: values.crs,
    visibility: values.visibility,
    area_kind: values['area-kind'],
    dry_run: values['dry-run'] === true,
    mapping,
  });
  if (!fs.existsSync(args.file)) throw new UsageError(`--file: ${args.file} does not exist`);
  const { openDatabase } = await import('@/db/client');
  const { runImport } = await import('@/lib/server/import/run-import');
  const h = await openDatabase();
  try {
    const viewer = await viewerOf(h.db, args.as, options.municipality);
    const result = await refusedAsExit(io, `${args.as} may not import ${options.kind} in ${options.municipality}`, () => runImport(h.db, viewer, { name: path.basename(args.file), bytes: fs.readFileSync(args.file) }, options));
    if (result === null) return 1;
    const where = `${result.format.toUpperCase()}${result.delimiter ? ` "${result.delimiter === '\t' ? 'tab' : result.delimiter}"` : ''}${result.crs ? `, ${result.crs}` : ''}`;
    if (result.errorCount > 0) {
      io.stderr(`${result.errorCount} of ${result.totalRows} rows are invalid (${where}); nothing was imported:\n`);
      for (const e of result.errors) io.stderr(`  row ${e.row}${e.column ? `, column ${e.column}` : ''}: ${e.message}\n`);
      if (result.errors.length < result.errorCount) io.stderr(`  … and ${result.errorCount - result.errors.length} more\n`);
      return 1;
    }
    const rate = result.durationMs > 0 ? Math.round((result.totalRows / result.durationMs) * 1000) : result.totalRows;
    io.stdout(`${result.dryRun ? 'Dry run: would add' : 'Added'} ${result.added}, ${result.dryRun ? 'update' : 'updated'} ${result.updated}, already present unchanged ${result.alreadyPresent} of ${result.totalRows} rows (${where}; ${result.durationMs} ms, ${rate} rows/s, ${h.backend})\n`);
    return 0;
  } finally {
    await h.close();
  }
}

export async function runExportCommand(argv: string[], io: Io): Promise<number> {
  const values = parse(argv, {
    kind: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    as: { type: 'string' },
    filter: { type: 'string' },
    municipality: { type: 'string' },
  });
  const { EXPORT_KINDS } = await import('@/lib/server/export/export-records');
  const args = check(
    z.object({
      kind: z.enum(EXPORT_KINDS, { error: `--kind must be one of ${EXPORT_KINDS.join(', ')}` }),
      format: z.enum(['csv', 'geojson'], { error: '--format must be csv or geojson' }).default('csv'),
      out: z.string().min(1).optional(),
      as: asArg,
      filter: z.string().optional(),
      municipality: z.string().regex(/^\d{4}$/, '--municipality must be a 4-digit kommunkod').optional(),
    }),
    values,
  );
  const { filtersInputFrom, filtersSchema } = await import('@/lib/schemas/map-filters');
  const params = new URLSearchParams(args.filter ?? '');
  if (args.municipality) params.set('municipality', args.municipality);
  const parsedFilters = filtersSchema.safeParse(filtersInputFrom(params));
  if (!parsedFilters.success) throw new UsageError(`--filter: ${parsedFilters.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const { openDatabase } = await import('@/db/client');
  const { exportRecords } = await import('@/lib/server/export/export-records');
  const h = await openDatabase();
  try {
    const viewer = await viewerOf(h.db, args.as, parsedFilters.data.municipality);
    const out = await refusedAsExit(io, `${args.as} may not export ${args.kind} in ${parsedFilters.data.municipality}`, () =>
      exportRecords(h.db, viewer, args.kind, { filters: parsedFilters.data }, args.format),
    );
    if (out === null) return 1;
    if (args.out) {
      fs.writeFileSync(args.out, out.body, { flag: 'wx' });
      io.stdout(`Wrote ${out.count} records to ${args.out}\n`);
    } else io.stdout(out.body);
    return 0;
  } finally {
    await h.close();
  }
}
