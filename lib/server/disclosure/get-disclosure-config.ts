import 'server-only';
// Which k, geography and grid an audience's aggregates use: the municipality's settings, then the
// caller's overrides, validated (k never below 3; one geography per audience, DESIGN.md §8).
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { listDisclosureSettings } from '@/db/queries/disclosure/disclosure-settings';
import type { Database } from '@/db/schema';
import { type DisclosureAudience, MIN_K, resolveDisclosureK } from '@/lib/privacy/disclosure-threshold';
import { LOCATION_ROUNDING_M } from '@/lib/privacy/location-key';

/** A coarse grid for the public: 2 km squares, anchored at the SWEREF 99 TM origin. */
export const DEFAULT_GRID_CELL_SIZE_M = 2000;

export type DisclosureGeography = 'district' | 'grid';

export interface DisclosureConfig {
  audience: DisclosureAudience;
  k: number;
  geography: DisclosureGeography;
  gridCellSizeM: number | null;
  locationRoundingM: number;
  /** The geography as the audit's variables name it: 'district' or 'grid2000'. */
  geographyKey: string;
}

export interface DisclosureOverrides {
  k?: number;
  geography?: DisclosureGeography;
  gridCellSizeM?: number;
}

const settingsSchema = z.object({
  k: z.number().int().min(MIN_K).optional(),
  geography: z.enum(['district', 'grid']).optional(),
  gridCellSizeM: z.number().int().min(250).optional(),
});

/** Reads settings 'disclosure.<audience>.k', 'disclosure.<audience>.geography' and 'disclosure.grid_cell_size_m'. */
export async function getDisclosureConfig(
  db: Kysely<Database>,
  o: { municipalityCode: string; audience: DisclosureAudience; overrides?: DisclosureOverrides },
): Promise<DisclosureConfig> {
  const raw = await listDisclosureSettings(db, o.municipalityCode);
  const parsed = settingsSchema.safeParse({
    k: raw[`disclosure.${o.audience}.k`],
    geography: raw[`disclosure.${o.audience}.geography`],
    gridCellSizeM: raw['disclosure.grid_cell_size_m'],
  });
  if (!parsed.success) {
    throw new Error(`Invalid disclosure settings for ${o.municipalityCode}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const s = { ...parsed.data, ...Object.fromEntries(Object.entries(o.overrides ?? {}).filter(([, v]) => v !== undefined)) };
  const k = resolveDisclosureK(o.audience, s.k);
  const geography = s.geography ?? 'district';
  const gridCellSizeM = geography === 'grid' ? (s.gridCellSizeM ?? DEFAULT_GRID_CELL_SIZE_M) : null;
  return {
    audience: o.audience,
    k,
    geography,
    gridCellSizeM,
    locationRoundingM: LOCATION_ROUNDING_M,
    geographyKey: geography === 'grid' ? `grid${gridCellSizeM}` : 'district',
  };
}
