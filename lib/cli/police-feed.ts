// `lagesbild import --kind police_feed` (or a feed file without --kind): the police events feed as the
// JSON polisen.se/api/events publishes or its archived CSV, for the municipality given; the same
// lib/server code as the /import page. Exit codes: 0 done, 1 refused (bad rows, no permission), 2 usage.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UsageError } from '@/lib/schemas/cli-usage-error';
import type { Io } from './main';

export const POLICE_FEED_KINDS = ['police_feed', 'police-feed'] as const;

/** True when the file is a police feed (used when --kind is not given): its first 8 KB decide. */
export async function looksLikePoliceFeed(file: string): Promise<boolean> {
  if (!fs.existsSync(file)) return false;
  const fd = fs.openSync(file, 'r');
  let head: string;
  try {
    const buf = Buffer.alloc(8192);
    head = buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
  const { detectPoliceFeedFormat } = await import('@/lib/import/police-feed');
  return detectPoliceFeedFormat(head) !== null;
}

const argsSchema = z.object({
  file: z.string({ error: '--file FILE is required' }).min(1),
  as: z.string({ error: '--as USER (an e-mail) is required' }).trim().toLowerCase().pipe(z.email({ error: '--as must be the e-mail of a user' })),
  municipality: z.string().regex(/^\d{4}$/, '--municipality must be a 4-digit kommunkod').default('0683'),
});

export async function runPoliceFeedImportCommand(values: Record<string, unknown>, io: Io, usage: string): Promise<number> {
  const parsed = argsSchema.safeParse({ file: values.file, as: values.as, municipality: values.municipality });
  if (!parsed.success) throw new UsageError(`${parsed.error.issues.map((i) => i.message).join('; ')}\n${usage}`);
  for (const opt of ['crs', 'visibility', 'area-kind', 'map'] as const) {
    if (values[opt] !== undefined) throw new UsageError(`--${opt} does not apply to the police events feed (its positions are the feed's WGS84 centroids)\n${usage}`);
  }
  const args = parsed.data;
  if (!fs.existsSync(args.file)) throw new UsageError(`--file: ${args.file} does not exist`);
  const { openDatabase } = await import('@/db/client');
  const { findUserByEmail, listMemberships } = await import('@/db/queries/auth/users');
  const { roleSchema } = await import('@/lib/schemas/auth');
  const { importPoliceFeed } = await import('@/lib/server/police-feed/import-police-feed');
  const h = await openDatabase();
  try {
    const user = await findUserByEmail(h.db, args.as);
    if (!user || user.disabled) throw new Error(`No active user ${args.as}`);
    const held = (await listMemberships(h.db, user.id))
      .filter((m) => m.municipality_code === args.municipality)
      .map((m) => ({ role: roleSchema.parse(m.role), organisationId: m.organisation_id }));
    const viewer = { userId: user.id, actor: `cli:${args.as}`, municipalityCode: args.municipality, held, meetingMode: false };
    let r;
    try {
      r = await importPoliceFeed(h.db, viewer, { name: path.basename(args.file), bytes: fs.readFileSync(args.file) }, { dryRun: values['dry-run'] === true });
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'HttpError' || name === 'ImportTooLargeError') {
        io.stderr(`lagesbild: ${name === 'HttpError' ? `${args.as} may not import the police feed in ${args.municipality}` : (err as Error).message}\n`);
        return 1;
      }
      throw err;
    }
    const where = `police feed ${r.format.toUpperCase()}`;
    if (r.errorCount > 0) {
      io.stderr(`${r.errorCount} errors in ${r.totalRows} events (${where}); nothing was imported:\n`);
      for (const e of r.errors) io.stderr(`  ${r.format === 'json' ? 'event' : 'row'} ${e.row}${e.column ? `, ${r.format === 'json' ? 'field' : 'column'} ${e.column}` : ''}: ${e.message}\n`);
      if (r.errors.length < r.errorCount) io.stderr(`  … and ${r.errorCount - r.errors.length} more\n`);
      return 1;
    }
    io.stdout(`${r.totalRows} events (${where}): ${r.municipalityRows} in ${r.municipalityName}, ${r.otherMunicipalityRows} elsewhere (not imported)\n`);
    for (const u of r.unmappedTypes) io.stdout(`  not imported, type without a category: ${u.type} (${u.count}; rows ${u.rows.slice(0, 10).join(', ')}${u.rows.length > 10 ? ', …' : ''})\n`);
    for (const t of r.typeCounts) io.stdout(`  ${t.type} → ${t.categoryKey}: ${t.count}\n`);
    io.stdout(`${r.dryRun ? 'Dry run: would add' : 'Added'} ${r.added}, ${r.dryRun ? 'would update' : 'updated'} ${r.updated}, unchanged ${r.unchanged} (${r.durationMs} ms, ${h.backend})\n`);
    return 0;
  } finally {
    await h.close();
  }
}
