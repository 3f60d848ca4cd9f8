import 'server-only';
// Everything the staff map's side panel shows for one filter, computed on the server in parallel:
// hour × weekday counts, the monthly trend, unsafe places, vandalism and the filter bar's choices.
import { listOrganisationOptions } from '@/db/queries/situation-options';
import { type HourWeekdayMatrix, buildHourWeekdayMatrix } from '@/lib/map/hour-weekday-matrix';
import type { PlaceFeatureCollection } from '@/lib/map/place-features';
import { type MapFilters, shownLayers } from '@/lib/schemas/map-filters';
import { HttpError } from '@/lib/server/auth/errors';
import { getDb } from '../db';
import { getHourWeekdayCounts } from './get-hour-weekday-matrix';
import { type IncidentTrend, getIncidentTrend } from './get-situation-summary';
import { listSituationUnsafePlaces, listSituationVandalism } from './list-situation-places';

export interface SituationPanel {
  /** null: the viewer may not see single incidents (their aggregates come from elsewhere). */
  matrix: HourWeekdayMatrix | null;
  trend: IncidentTrend | null;
  /** null: layer hidden or not readable by the viewer. */
  unsafePlaces: PlaceFeatureCollection | null;
  vandalism: PlaceFeatureCollection | null;
  organisations: { id: string; name: string }[];
}

/** A 403 becomes null (the panel says what the role does not see); anything else propagates. */
async function unlessForbidden<T>(run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof HttpError && err.status === 403) return null;
    throw err;
  }
}

export async function getSituationPanel(filters: MapFilters & { from: string; to: string }): Promise<SituationPanel> {
  const layers = shownLayers(filters);
  const [counts, trend, unsafePlaces, vandalism, organisations] = await Promise.all([
    unlessForbidden(() => getHourWeekdayCounts(filters)),
    unlessForbidden(() => getIncidentTrend(filters)),
    layers.includes('unsafe') ? unlessForbidden(() => listSituationUnsafePlaces(filters)) : Promise.resolve(null),
    layers.includes('vandalism') ? unlessForbidden(() => listSituationVandalism(filters)) : Promise.resolve(null),
    getDb().then((db) => listOrganisationOptions(db, filters.municipality)),
  ]);
  return { matrix: counts ? buildHourWeekdayMatrix(counts) : null, trend, unsafePlaces, vandalism, organisations };
}
