import 'server-only';
// Everything the public home page shows, as plain DTOs (DESIGN.md §8): this year's focus areas with
// their pledges and approved activity summaries, moderated report pins, the public's frozen
// publications with a trend per focus area made of published cells only, and published survey results.
// Nothing here reads `incident`.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Kysely } from 'kysely';
import { listAreaOutlines } from '@/db/queries/areas';
import { listPublicReportPins } from '@/db/queries/citizen-reports/list-public-report-pins';
import { listPublicationCells, listPublications } from '@/db/queries/disclosure/publication';
import { withPublicationTables } from '@/db/queries/disclosure/types';
import { findMapMunicipality } from '@/db/queries/map-municipality';
import type { Database } from '@/db/schema';
import { listFocusAreaPublishedCells } from '@/db/queries/public/list-focus-area-published-cells';
import { listPledgeYears, listPublicActivities, listPublicFocusAreas, listPublicPledges } from '@/db/queries/public/list-public-pledges';
import { listPublishedSurveyResults } from '@/db/queries/public/list-published-survey-results';
import type { AreaFeatureCollection } from '@/lib/map/area-features';
import { listLatestVersions } from '@/lib/privacy/build-published-quarter';
import { getDb } from '../db';
import { getDefaultMunicipalityCode, isDemoSetting } from '../situation/get-staff-context';
import { buildFocusAreaTrends, buildPublicQuarter, type PublicQuarter, type PublicTrendPoint } from './build-public-figures';

export interface PublicActivity {
  id: string;
  pledgeId: string | null;
  focusAreaId: string | null;
  title: string;
  status: string;
  startsOn: string;
  endsOn: string | null;
  publicSummary: string;
  owner: string;
  partners: string[];
  followUp: { quarter: string; status: string } | null;
}

export interface PublicPledge {
  id: string;
  title: string;
  publicSummary: string | null;
  partners: string[];
  focusAreaIds: string[];
  activityIds: string[];
}

export interface PublicFocusArea {
  id: string;
  name: string;
  publicSummary: string | null;
  periodFrom: string;
  periodTo: string | null;
  labelLon: number;
  labelLat: number;
  geometry: MultiPolygon | Polygon;
  pledgeIds: string[];
  activityIds: string[];
  /** Oldest quarter first; only quarters the public has, only published cells. */
  trend: PublicTrendPoint[];
}

export interface PublicReportPin {
  pin: number;
  category: string;
  publicSummary: string;
  status: string;
  statusChangedOn: string;
  lon: number;
  lat: number;
}

export interface PublicSurveySeries {
  indicator: string;
  areaName: string;
  unit: string;
  source: string | null;
  values: { year: number; value: number }[];
}

export interface PublicHome {
  municipality: { code: string; name: string; demo: boolean } | null;
  /** The pledge year shown: this year, or the latest year with pledges when this year has none yet. */
  year: number;
  currentYear: number;
  areas: AreaFeatureCollection;
  focusAreas: PublicFocusArea[];
  pledges: PublicPledge[];
  activities: PublicActivity[];
  reportPins: PublicReportPin[];
  /** Latest version of every published quarter, oldest first. */
  quarters: PublicQuarter[];
  surveys: PublicSurveySeries[];
}

const stockholmYear = (now: Date) => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(now));

/** The home page's data for the configured municipality at `now`. */
export async function getPublicHome(now: Date = new Date()): Promise<PublicHome> {
  return loadPublicHome(await getDb(), { municipalityCode: getDefaultMunicipalityCode(), now });
}

/** The public's view of one municipality at `now` (tests pass their database and tenant). */
export async function loadPublicHome(db: Kysely<Database>, o: { municipalityCode: string; now: Date }): Promise<PublicHome> {
  const { municipalityCode, now } = o;
  const currentYear = stockholmYear(now);
  const [muni, years, areaRows, pinRows, pubRows, surveyRows] = await Promise.all([
    findMapMunicipality(db, municipalityCode),
    listPledgeYears(db, municipalityCode),
    listAreaOutlines(db, { municipalityCode, kinds: ['municipality', 'district'] }),
    listPublicReportPins(db, municipalityCode),
    listPublications(withPublicationTables(db), { municipalityCode, audience: 'public' }),
    listPublishedSurveyResults(db, municipalityCode),
  ]);
  const year = years.includes(currentYear) ? currentYear : (years.find((y) => y < currentYear) ?? currentYear);
  const [pledgeRows, focusRows, activityRows] = await Promise.all([
    listPublicPledges(db, { municipalityCode, year }),
    listPublicFocusAreas(db, { municipalityCode, year }),
    listPublicActivities(db, { municipalityCode, year }),
  ]);
  const pubs = listLatestVersions(pubRows);
  const cells = await listPublicationCells(withPublicationTables(db), pubs.map((p) => p.id));
  const quarters = pubs.map((p) => buildPublicQuarter(p, cells));
  const overlapping = await listFocusAreaPublishedCells(db, { municipalityCode, focusAreaIds: focusRows.map((f) => f.id), publicationIds: pubs.map((p) => p.id) });
  const trends = buildFocusAreaTrends(pubs, overlapping);

  // Links only to focus areas the public may see (approved texts); a pledge of unshown areas stands alone.
  const shownFocus = new Set(focusRows.map((f) => f.id));
  const activities: PublicActivity[] = activityRows.map((a) => ({
    id: a.id,
    pledgeId: a.pledge_id,
    focusAreaId: a.focus_area_id !== null && shownFocus.has(a.focus_area_id) ? a.focus_area_id : null,
    title: a.title,
    status: a.status,
    startsOn: a.starts_on,
    endsOn: a.ends_on,
    publicSummary: a.public_summary,
    owner: a.owner_name,
    partners: a.partner_names,
    followUp: a.follow_up_quarter && a.follow_up_status ? { quarter: a.follow_up_quarter, status: a.follow_up_status } : null,
  }));
  const pledges: PublicPledge[] = pledgeRows.map((p) => ({
    id: p.id,
    title: p.title,
    publicSummary: p.public_summary,
    partners: p.partner_names,
    focusAreaIds: p.focus_area_ids.filter((id) => shownFocus.has(id)),
    activityIds: activities.filter((a) => a.pledgeId === p.id).map((a) => a.id),
  }));
  const focusAreas: PublicFocusArea[] = focusRows.map((f) => {
    const pledgeIds = pledges.filter((p) => p.focusAreaIds.includes(f.id)).map((p) => p.id);
    return {
      id: f.id,
      name: f.name,
      publicSummary: f.public_summary,
      periodFrom: f.period_from,
      periodTo: f.period_to,
      labelLon: f.label_lon,
      labelLat: f.label_lat,
      geometry: JSON.parse(f.geometry) as MultiPolygon,
      pledgeIds,
      activityIds: activities.filter((a) => a.focusAreaId === f.id || (a.pledgeId !== null && pledgeIds.includes(a.pledgeId))).map((a) => a.id),
      trend: trends.get(f.id) ?? [],
    };
  });
  const surveys = new Map<string, PublicSurveySeries>();
  for (const s of surveyRows) {
    const key = `${s.indicator}\u0001${s.area_id}`;
    const series = surveys.get(key) ?? { indicator: s.indicator, areaName: s.area_name, unit: s.unit, source: s.source, values: [] };
    series.values.push({ year: s.year, value: s.value });
    surveys.set(key, series);
  }
  return {
    municipality: muni ? { code: muni.code, name: muni.name, demo: isDemoSetting(muni.demo) } : null,
    year,
    currentYear,
    areas: {
      type: 'FeatureCollection',
      features: areaRows.map(
        (r): Feature<Polygon | MultiPolygon, AreaFeatureCollection['features'][number]['properties']> => ({
          type: 'Feature',
          geometry: JSON.parse(r.geometry),
          properties: { id: r.id, kind: r.kind, name: r.name, code: r.code, labelLon: r.label_lon, labelLat: r.label_lat, areaKm2: r.area_km2 },
        }),
      ),
    },
    focusAreas,
    pledges,
    activities,
    reportPins: pinRows.map((r) => ({ pin: r.pin, category: r.category, publicSummary: r.public_summary, status: r.public_status, statusChangedOn: r.status_changed_on, lon: r.lon, lat: r.lat })),
    quarters,
    surveys: [...surveys.values()],
  };
}
