import 'server-only';
import { listAreaOutlines } from '@/db/queries/areas';
import type { AreaFeatureCollection } from '@/lib/map/area-features';
import { getDb } from '../db';

/** The municipality outline and its districts as a GeoJSON FeatureCollection (WGS84). */
export async function listMapAreas(municipalityCode: string): Promise<AreaFeatureCollection> {
  const rows = await listAreaOutlines(await getDb(), { municipalityCode, kinds: ['municipality', 'district'] });
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      geometry: JSON.parse(r.geometry),
      properties: { id: r.id, kind: r.kind, name: r.name, code: r.code, labelLon: r.label_lon, labelLat: r.label_lat, areaKm2: r.area_km2 },
    })),
  };
}
