import 'server-only';
import { listIncidentPoints, listMapCategories } from '@/db/queries/incident-points';
import { packPoints } from '@/lib/map/point-pack';
import type { MapFilters } from '@/lib/schemas/map-filters';
import { getDb } from '../db';
import { MAX_POINTS_PER_REQUEST, PROVISIONAL_SCOPE } from './provisional-scope';

export interface IncidentPointPack {
  body: Uint8Array;
  count: number;
  truncated: boolean;
}

/** Incident points for the map, packed (lib/map/point-pack.ts), within the provisional scope. */
export async function getIncidentPointPack(filters: MapFilters): Promise<IncidentPointPack> {
  const db = await getDb();
  const allowed = (await listMapCategories(db)).filter((c) => (PROVISIONAL_SCOPE.sensitivities as readonly string[]).includes(c.sensitivity));
  const wanted = filters.categories ? allowed.filter((c) => filters.categories!.includes(c.key)) : allowed;
  const categoryKeys = wanted.map((c) => c.key);
  const rows = await listIncidentPoints(db, {
    municipalityCode: filters.municipality,
    from: filters.from,
    to: filters.to,
    bbox: filters.bbox,
    categoryKeys,
    visibilities: PROVISIONAL_SCOPE.visibilities,
    limit: MAX_POINTS_PER_REQUEST + 1,
  });
  const truncated = rows.length > MAX_POINTS_PER_REQUEST;
  const kept = truncated ? rows.slice(0, MAX_POINTS_PER_REQUEST) : rows;
  const index = new Map(categoryKeys.map((k, i) => [k, i]));
  const body = packPoints(
    kept.map((r) => ({ lon: r.lon, lat: r.lat, category: index.get(r.category_key)!, day: r.day })),
    categoryKeys,
    { truncated },
  );
  return { body, count: kept.length, truncated };
}
