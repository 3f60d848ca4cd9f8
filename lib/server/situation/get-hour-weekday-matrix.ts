import 'server-only';
import { countIncidentsByHourWeekday } from '@/db/queries/situation-incidents';
import { type HourWeekdayCount } from '@/lib/map/hour-weekday-matrix';
import type { MapFilters } from '@/lib/schemas/map-filters';
import { incidentQueryFor, requireSituationAccess } from './situation-access';

/** Incidents of the filter per (ISO weekday, hour) in Stockholm time, over the records the viewer sees exactly. */
export async function getHourWeekdayCounts(filters: MapFilters): Promise<HourWeekdayCount[]> {
  const access = await requireSituationAccess(filters, 'incident_point');
  return countIncidentsByHourWeekday(access.db, await incidentQueryFor(access, filters));
}
