import 'server-only';
// Cleanup targets and effect-evaluation defaults for the council dashboard, from settings with
// defaults: offensive graffiti within 24 h (the usual target, DESIGN.md §3), other graffiti within a
// week, damage within two weeks; a 400 m buffer ring (two to three blocks in a Swedish town, the scale
// Wheeler & Ratcliffe and most WDQ studies use) and 12-month windows (METHODS.md).
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { listCouncilSettings } from '@/db/queries/council/council-settings';
import type { Database } from '@/db/schema';

export interface CouncilSettings {
  offensiveGraffitiHours: number;
  graffitiHours: number;
  damageHours: number;
  bufferM: number;
  windowMonths: number;
}

export const DEFAULT_COUNCIL_SETTINGS: CouncilSettings = { offensiveGraffitiHours: 24, graffitiHours: 168, damageHours: 336, bufferM: 400, windowMonths: 12 };

const hours = z.number().positive().max(24 * 365);
const schema = z.object({
  'cleanup.offensive_graffiti_hours': hours.optional(),
  'cleanup.graffiti_hours': hours.optional(),
  'cleanup.damage_hours': hours.optional(),
  'council.effect.buffer_m': z.number().int().min(50).max(5000).optional(),
  'council.effect.window_months': z.number().int().min(3).max(36).optional(),
});

/** Reads and validates the settings; a bad value fails loudly, naming the key. */
export async function getCouncilSettings(db: Kysely<Database>, municipalityCode: string): Promise<CouncilSettings> {
  const parsed = schema.safeParse(await listCouncilSettings(db, municipalityCode));
  if (!parsed.success) {
    throw new Error(`Invalid council settings for ${municipalityCode}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const s = parsed.data;
  const d = DEFAULT_COUNCIL_SETTINGS;
  return {
    offensiveGraffitiHours: s['cleanup.offensive_graffiti_hours'] ?? d.offensiveGraffitiHours,
    graffitiHours: s['cleanup.graffiti_hours'] ?? d.graffitiHours,
    damageHours: s['cleanup.damage_hours'] ?? d.damageHours,
    bufferM: s['council.effect.buffer_m'] ?? d.bufferM,
    windowMonths: s['council.effect.window_months'] ?? d.windowMonths,
  };
}
