import 'server-only';
// What the public report form needs: the municipality, its outline and districts for the place picker
// and the place list, and how long contact details are kept (said plainly on the form).
import { listAreaOutlines } from '@/db/queries/areas';
import { findMapMunicipality } from '@/db/queries/map-municipality';
import type { AreaFeatureCollection } from '@/lib/map/area-features';
import { getContactRetentionDays } from '../citizen-reports/contact-retention';
import { getDb } from '../db';
import { getDefaultMunicipalityCode, isDemoSetting } from '../situation/get-staff-context';

export interface ReportFormContext {
  municipality: { code: string; name: string; demo: boolean } | null;
  areas: AreaFeatureCollection;
  districts: { id: string; name: string; lon: number; lat: number }[];
  retentionDays: number;
}

export async function getReportFormContext(): Promise<ReportFormContext> {
  const db = await getDb();
  const code = getDefaultMunicipalityCode();
  const [muni, rows, retentionDays] = await Promise.all([
    findMapMunicipality(db, code),
    listAreaOutlines(db, { municipalityCode: code, kinds: ['municipality', 'district'] }),
    getContactRetentionDays(db, code),
  ]);
  const areas: AreaFeatureCollection = {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      geometry: JSON.parse(r.geometry),
      properties: { id: r.id, kind: r.kind, name: r.name, code: r.code, labelLon: r.label_lon, labelLat: r.label_lat, areaKm2: r.area_km2 },
    })),
  };
  const districts = rows
    .filter((r) => r.kind === 'district')
    .map((r) => ({ id: r.id, name: r.name, lon: r.label_lon, lat: r.label_lat }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return { municipality: muni ? { code: muni.code, name: muni.name, demo: isDemoSetting(muni.demo) } : null, areas, districts, retentionDays };
}
