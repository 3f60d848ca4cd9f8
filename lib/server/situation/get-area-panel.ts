import 'server-only';
// GET /api/v1/situation/areas/:id: the map's area panel. Survey results are the municipality's own
// published figures per area; counts follow the viewer's precision (exact records, or suppressed).
import type { Kysely } from 'kysely';
import { findArea, listAreaSurveyIndicators } from '@/db/queries/areas';
import { listMapCategories } from '@/db/queries/incident-points';
import { countAggregateIncidentsInArea } from '@/db/queries/situation-aggregates';
import { countSituationIncidents } from '@/db/queries/situation-incidents';
import { countSituationPlaces, type SituationPlaceQuery } from '@/db/queries/situation-places';
import type { Database } from '@/db/schema';
import type { AreaPanelDto } from '@/lib/map/area-panel';
import { snapToMonths } from '@/lib/map/hex-aggregates';
import { suppressCell } from '@/lib/privacy/suppress-cell';
import { type MapFilters, shownLayers, UNSAFE_PLACE_STATUSES, VANDALISM_STATUSES } from '@/lib/schemas/map-filters';
import { recordRead } from '@/lib/server/audit/record-read';
import { notFound } from '@/lib/server/auth/errors';
import { getDisclosureConfig } from '@/lib/server/disclosure/get-disclosure-config';
import { whereExactAccess } from '@/lib/server/permissions/exact-access';
import { can } from '@/lib/server/permissions/permission-table';
import { type Viewer, viewerRoles } from '@/lib/server/permissions/viewer';
import { listAreaDialogueSummaries } from '@/lib/server/dialogue/dialogue-summaries';
import { aggregateAudience } from './get-hex-aggregates';
import { defaultPeriod } from './get-staff-context';
import { incidentQueryFor, requireSituationAccess } from './situation-access';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function computeAreaPanel(db: Kysely<Database>, viewer: Viewer, areaId: string, filters: MapFilters, now: Date): Promise<AreaPanelDto> {
  const area = UUID.test(areaId) ? await findArea(db, viewer.municipalityCode, areaId) : undefined;
  if (!area) throw notFound('The area');
  const surveys = await listAreaSurveyIndicators(db, viewer.municipalityCode, area.id);
  const roles = viewerRoles(viewer);
  const period = { from: filters.from ?? defaultPeriod(now).from, to: filters.to ?? defaultPeriod(now).to };
  const inArea: MapFilters = { ...filters, ...period, area: area.id, bbox: undefined };
  const head = { id: area.id, name: area.name, kind: area.kind, code: area.code, areaKm2: area.area_km2 };
  if (can(roles, 'read', 'incident_point')) {
    const layers = shownLayers(inArea);
    const place = (table: string, statuses: readonly string[]): SituationPlaceQuery => ({
      municipalityCode: viewer.municipalityCode,
      ...period,
      statuses: inArea.status ? inArea.status.filter((s) => statuses.includes(s)) : undefined,
      originOrgId: inArea.org,
      areaId: area.id,
      access: whereExactAccess(viewer, { table, categoryColumn: null }),
    });
    const [incidents, [unsafePlaces, vandalism]] = await Promise.all([
      layers.includes('incidents') ? countSituationIncidents(db, await incidentQueryFor({ db, viewer }, inArea)) : null,
      countSituationPlaces(
        db,
        layers.includes('unsafe') && can(roles, 'read', 'unsafe_place') ? place('unsafe_place', UNSAFE_PLACE_STATUSES) : null,
        layers.includes('vandalism') && can(roles, 'read', 'vandalism_report') ? place('vandalism_report', VANDALISM_STATUSES) : null,
      ),
    ]);
    const dialogues = await listAreaDialogueSummaries(db, viewer, area.id);
    return {
      area: head,
      surveys,
      ...(dialogues
        ? {
            dialogues: dialogues.map((d) => ({ id: d.id, kind: d.kind, heldOn: d.held_on, title: d.title, summary: d.summary, participants: d.participants, source: d.source, meetingHeldOn: d.meeting_held_on })),
          }
        : {}),
      counts: { mode: 'exact', incidents, unsafePlaces, vandalism },
    };
  }
  // Council: the same rule as the hex cells (normal categories, whole months, suppressed below k).
  const months = snapToMonths(period.from, period.to);
  const normal = (await listMapCategories(db)).filter((c) => c.sensitivity === 'normal').map((c) => c.key);
  const categoryKeys = filters.categories ? normal.filter((k) => filters.categories!.includes(k)) : normal;
  const config = await getDisclosureConfig(db, { municipalityCode: viewer.municipalityCode, audience: aggregateAudience(viewer) });
  const c = await countAggregateIncidentsInArea(db, { municipalityCode: viewer.municipalityCode, ...months, categoryKeys, areaId: area.id, locationRoundingM: config.locationRoundingM });
  const cell = suppressCell({ count: c.count, distinctLocations: c.distinct_locations }, config.k);
  return { area: head, surveys, counts: { mode: 'aggregate', k: config.k, incidents: cell.value, ...months } };
}

export async function getAreaPanel(areaId: string, filters: MapFilters): Promise<AreaPanelDto> {
  const { db, viewer } = await requireSituationAccess(filters, 'incident_aggregate');
  const dto = await computeAreaPanel(db, viewer, areaId, filters, new Date());
  await recordRead(db, viewer, { resource: 'area_panel', filter: { ...filters, bbox: undefined, area: areaId }, ids: [areaId] });
  return dto;
}
