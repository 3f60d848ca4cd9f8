import 'server-only';
// Everything the capture page needs for this viewer: the kinds, categories and organisations they may
// use, the municipality's map outline and cleanup targets. Null when their roles may create nothing.
import { listOrganisationOptions } from '@/db/queries/situation-options';
import { toLocalParts } from '@/lib/domain/time';
import type { Locale } from '@/lib/i18n/translate';
import { type AreaFeatureCollection, areaBounds, type Bounds } from '@/lib/map/area-features';
import type { CaptureKind, CleanupTargets } from '@/lib/schemas/capture';
import { listMapAreas } from '@/lib/server/situation/list-area-outlines';
import { getBasemapStyleUrl, getStaffMunicipality } from '@/lib/server/situation/get-staff-context';
import { type CaptureAccess, capturableCategories, capturableKinds } from './capture-access';
import { getCleanupTargets } from './get-cleanup-targets';

export interface CapturePage {
  municipalityName: string;
  kinds: CaptureKind[];
  categories: Array<{ key: string; kind: 'crime' | 'observation'; label: string; sensitivity: 'normal' | 'sensitive' | 'police-only' }>;
  organisations: Array<{ id: string; name: string }>;
  cleanupTargets: CleanupTargets;
  nowLocal: string;
  areas: AreaFeatureCollection;
  bounds: Bounds | null;
  basemapStyleUrl: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DDTHH:mm' in Stockholm: the value a datetime-local field starts with. */
export function localInputValue(instant: Date): string {
  const p = toLocalParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

export async function getCapturePage(access: CaptureAccess, locale: Locale, now: Date): Promise<CapturePage | null> {
  const kinds = capturableKinds(access);
  if (kinds.length === 0) return null;
  const code = access.viewer.municipalityCode;
  const [municipality, organisations, cleanupTargets, areas] = await Promise.all([
    getStaffMunicipality(code),
    listOrganisationOptions(access.db, code),
    getCleanupTargets(access.db, code),
    listMapAreas(code),
  ]);
  const categories = capturableCategories(access).map((c) => ({ key: c.key, kind: c.kind, label: locale === 'en' ? c.labelEn : c.labelSv, sensitivity: c.sensitivity }));
  categories.sort((a, b) => a.label.localeCompare(b.label, locale === 'en' ? 'en' : 'sv'));
  return {
    municipalityName: municipality?.name ?? code,
    kinds,
    categories,
    organisations,
    cleanupTargets,
    nowLocal: localInputValue(now),
    areas,
    bounds: areaBounds(areas),
    basemapStyleUrl: getBasemapStyleUrl(),
  };
}
