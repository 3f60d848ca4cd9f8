import 'server-only';
import { countIncidentsByMonth } from '@/db/queries/situation-incidents';
import { type MonthCount, fillMonths } from '@/lib/map/hour-weekday-matrix';
import type { MapFilters } from '@/lib/schemas/map-filters';
import { incidentQueryFor, requireSituationAccess } from './situation-access';

export interface IncidentTrend {
  total: number;
  months: MonthCount[];
}

/** Incidents of the filter per local month over the period (months without incidents as 0). */
export async function getIncidentTrend(filters: MapFilters & { from: string; to: string }): Promise<IncidentTrend> {
  const access = await requireSituationAccess(filters, 'incident_point');
  const rows = await countIncidentsByMonth(access.db, await incidentQueryFor(access, filters));
  const months = fillMonths(rows, filters.from, filters.to);
  return { total: rows.reduce((a, r) => a + r.count, 0), months };
}
