import 'server-only';
import { listAreaOutlines } from '@/db/queries/areas';
import type { AreaFeatureCollection } from '@/lib/map/area-features';
import { getDb } from '../db';

/** Kinds drawn on the staff map: the outline, districts and the imported statistical and local areas. */
export const MAP_AREA_KINDS = ['municipality', 'district', 'deso', 'regso', 'neighbourhood_watch'] as const;

/** The municipality outline, its districts and other imported areas as a GeoJSON FeatureCollection (WGS84). */
export async function listMapAreas(municipalityCode: string): Promise<AreaFeatureCollection> {
  const rows = await listAreaOutlines(await getDb(), { municipalityCode, kinds: MAP_AREA_KINDS });
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      geometry: JSON.parse(r.geometry),
      properties: { id: r.id, kind: r.kind, name: r.name, code: r.code, labelLon: r.label_lon, labelLat: r.label_lat, areaKm2: r.area_km2 },
    })),
  };
}
