import 'server-only';
// The council dashboard for a signed-in viewer who may read the report: built, then audited (what was
// read, for which quarter, how many figures).
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { getDb } from '@/lib/server/db';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { buildCouncilDashboard, type CouncilDashboardDto } from './build-council-dashboard';

export async function getCouncilDashboard(viewer: Viewer, o: { quarter: string; now: Date; view: 'dashboard' | 'report' | 'api' | 'csv'; chart?: string }): Promise<CouncilDashboardDto> {
  const db = await getDb();
  const dto = await buildCouncilDashboard(db, { municipalityCode: viewer.municipalityCode, quarter: o.quarter, now: o.now });
  await appendAuditEvent(db, {
    actor: viewer.actor,
    action: o.view === 'csv' ? 'export' : 'read',
    resource: 'report',
    municipalityCode: viewer.municipalityCode,
    details: { quarter: o.quarter, view: o.view, chart: o.chart, k: dto.k },
    resultCount: dto.quarterly.length + dto.monthly.length + dto.pledges.length + dto.cleanup.length + dto.effects.length,
  });
  return dto;
}
