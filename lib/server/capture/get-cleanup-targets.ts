import 'server-only';
import type { Kysely } from 'kysely';
import { listCleanupSettings } from '@/db/queries/capture/cleanup-settings';
import type { Database } from '@/db/schema';
import { CLEANUP_SETTING_KEYS, type CleanupTargets, cleanupTargetsSchema, DEFAULT_CLEANUP_TARGETS } from '@/lib/schemas/capture';

/** The municipality's cleanup targets; a malformed setting falls back to the default (and says so in the log). */
export async function getCleanupTargets(db: Kysely<Database>, municipalityCode: string): Promise<CleanupTargets> {
  const raw = await listCleanupSettings(db, municipalityCode);
  const out: CleanupTargets = { ...DEFAULT_CLEANUP_TARGETS };
  for (const [field, key] of Object.entries(CLEANUP_SETTING_KEYS) as Array<[keyof CleanupTargets, string]>) {
    if (raw[key] === undefined) continue;
    const parsed = cleanupTargetsSchema.shape[field].safeParse(typeof raw[key] === 'string' ? Number(raw[key]) : raw[key]);
    if (parsed.success) out[field] = parsed.data;
    else console.warn(`Setting ${key} of ${municipalityCode} is not a number of hours; using ${out[field]}`);
  }
  return out;
}
