import 'server-only';
import { countIncidentsByHourWeekday, listIncidentWindows } from '@/db/queries/situation-incidents';
import { aoristicHourWeekdayCounts, type HourWeekdayCount } from '@/lib/map/hour-weekday-matrix';
import type { MapFilters } from '@/lib/schemas/map-filters';
import { incidentQueryFor, requireSituationAccess } from './situation-access';

/**
 * Incidents of the filter per (ISO weekday, hour) in Stockholm time, over the records the viewer sees
 * exactly: those known at an instant counted in SQL, those known only within a window spread over it
 * aoristically (fractional counts; the matrix still sums to the number of incidents).
 */
export async function getHourWeekdayCounts(filters: MapFilters): Promise<HourWeekdayCount[]> {
  const access = await requireSituationAccess(filters, 'incident_point');
  const q = await incidentQueryFor(access, filters);
  const [counts, windows] = await Promise.all([countIncidentsByHourWeekday(access.db, q), listIncidentWindows(access.db, q)]);
  const spread = aoristicHourWeekdayCounts(
    windows.map((w) => ({ fromMs: w.from_ms, toMs: w.to_ms })),
    { weekdays: filters.weekdays, hours: filters.hours },
  );
  return [...counts, ...spread];
}
