import 'server-only';
// The quarterly report for a viewer who may read the council report: the dashboard's figures, the map
// image of the quarter's area totals, the council's decisions dated in the quarter (meeting, date,
// activity, outcome, decision text — not who recorded them), and the municipality's name. Audited as a
// read of the report and of the decisions.
import { listDecisionsBetween, type QuarterDecisionRow } from '@/db/queries/pledges/council-decisions';
import { recordRead } from '@/lib/server/audit/record-read';
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
  decisions: QuarterDecisionRow[];
}

/** First and last day of a quarter 'YYYY-Qn'. */
export function quarterDays(quarter: string): { from: string; to: string } {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const last = new Date(Date.UTC(year, q * 3, 0)).getUTCDate();
  return { from: `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`, to: `${year}-${String(q * 3).padStart(2, '0')}-${last}` };
}

export async function getQuarterlyReport(viewer: Viewer, o: { quarter: string; now: Date }): Promise<QuarterlyReport> {
  const dto = await getCouncilDashboard(viewer, { ...o, view: 'report' });
  const figures = new Map<string, FigureDto>();
  for (const s of dto.quarterly) {
    if (s.group !== 'all' || s.area === 'all') continue;
    const last = s.points.at(-1);
    if (last) figures.set(s.area, last.figure);
  }
  const db = await getDb();
  const days = quarterDays(o.quarter);
  const [map, municipality, decisions] = await Promise.all([
    buildReportMap(db, viewer.municipalityCode, figures),
    getStaffMunicipality(viewer.municipalityCode),
    listDecisionsBetween(db, { municipalityCode: viewer.municipalityCode, ...days }),
  ]);
  await recordRead(db, viewer, { resource: 'council_decision', filter: { quarter: o.quarter, view: 'report' }, ids: decisions.map((d) => d.id) });
  return { dto, map, municipalityName: municipality?.name ?? viewer.municipalityCode, decisions };
}
