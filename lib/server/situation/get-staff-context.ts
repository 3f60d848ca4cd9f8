import 'server-only';
import { z } from 'zod';
import { findMapMunicipality } from '@/db/queries/map-municipality';
import { DEMO_MUNICIPALITY_CODE } from '@/lib/domain/constants';
import { getDb } from '../db';

export interface StaffMunicipality {
  code: string;
  name: string;
  /** The municipality's data is the demo set (setting 'demo'): the header shows a banner. */
  demo: boolean;
}

/** Which municipality the staff pages show until sign-in picks it (TODO(#3): from the user's roles). */
export function getDefaultMunicipalityCode(): string {
  const code = process.env.LAGESBILD_MUNICIPALITY;
  return code && /^\d{4}$/.test(code) ? code : DEMO_MUNICIPALITY_CODE;
}

/** The 'demo' setting counts as on when it is true, "on"/"true", or an object without enabled: false. */
export function isDemoSetting(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === 'string') return ['on', 'true', 'yes', '1'].includes(value.toLowerCase());
  if (typeof value === 'object') return (value as { enabled?: unknown }).enabled !== false;
  return Boolean(value);
}

export async function getStaffMunicipality(code: string): Promise<StaffMunicipality | null> {
  const row = await findMapMunicipality(await getDb(), code);
  return row ? { code: row.code, name: row.name, demo: isDemoSetting(row.demo) } : null;
}

const styleUrlSchema = z.url({ protocol: /^https?$/ });

/** LAGESBILD_BASEMAP_STYLE_URL when it is a valid http(s) URL; else null (the offline style). */
export function getBasemapStyleUrl(): string | null {
  const raw = process.env.LAGESBILD_BASEMAP_STYLE_URL?.trim();
  if (!raw) return null;
  const parsed = styleUrlSchema.safeParse(raw);
  if (!parsed.success) {
    console.warn(`LAGESBILD_BASEMAP_STYLE_URL is not an http(s) URL, using the offline style: ${raw}`);
    return null;
  }
  return parsed.data;
}

/** The last 365 days up to today, as local dates in Europe/Stockholm. */
export function defaultPeriod(now: Date): { from: string; to: string } {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });
  const to = fmt.format(now);
  const from = fmt.format(new Date(now.getTime() - 364 * 86_400_000));
  return { from, to };
}

/**
 * LAGESBILD_BASEMAP_PMTILES_URL: a self-hosted PMTiles basemap file (Protomaps schema), as an http(s) URL
 * or a path on this server ("/tiles/varnamo.pmtiles" served from public/). Null when unset or invalid.
 */
export function getBasemapPmtilesUrl(): string | null {
  const raw = process.env.LAGESBILD_BASEMAP_PMTILES_URL?.trim();
  if (!raw) return null;
  if (/^\/[\w./-]+\.pmtiles$/.test(raw) && !raw.includes('..')) return raw;
  const parsed = styleUrlSchema.safeParse(raw);
  if (!parsed.success) {
    console.warn(`LAGESBILD_BASEMAP_PMTILES_URL is neither an http(s) URL nor a /path/file.pmtiles, using the offline style: ${raw}`);
    return null;
  }
  return parsed.data;
}
