import 'server-only';
// The quarterly report for a viewer who may read the council report: the dashboard's figures, the map
// image of the quarter's area totals, and the municipality's name. Audited as a read of the report.
import { getDb } from '@/lib/server/db';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { getStaffMunicipality } from '@/lib/server/situation/get-staff-context';
import type { CouncilDashboardDto, FigureDto } from './build-council-dashboard';
import { getCouncilDashboard } from './get-council-dashboard';
import { buildReportMap, type ReportMap } from './report-map';

export interface QuarterlyReport {
  dto: CouncilDashboardDto;
  map: ReportMap;
  municipalityName: string;
}

export async function getQuarterlyReport(viewer: Viewer, o: { quarter: string; now: Date }): Promise<QuarterlyReport> {
  const dto = await getCouncilDashboard(viewer, { ...o, view: 'report' });
  const figures = new Map<string, FigureDto>();
  for (const s of dto.quarterly) {
    if (s.group !== 'all' || s.area === 'all') continue;
    const last = s.points.at(-1);
    if (last) figures.set(s.area, last.figure);
  }
  const [map, municipality] = await Promise.all([buildReportMap(await getDb(), viewer.municipalityCode, figures), getStaffMunicipality(viewer.municipalityCode)]);
  return { dto, map, municipalityName: municipality?.name ?? viewer.municipalityCode };
}
