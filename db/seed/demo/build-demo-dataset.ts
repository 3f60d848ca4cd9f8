// Every demo row for Värnamo, as plain data and without a database: the same seed and `until` give
// the same rows, ids included. db/seed/demo.ts writes them.
import type { MultiPolygon } from 'geojson';
import { DEMO_MUNICIPALITY_CODE } from '@/lib/domain/constants';
import { Random } from '@/lib/testing/random';
import { buildDemoDistricts, VARNAMO_BOUNDARY } from './build-demo-districts';
import { generateDemoEstMeetings, generateDemoSurveyIndicators, type DemoEstMeeting, type DemoSurveyIndicator } from './generate-demo-follow-up';
import { generateDemoPledges, type DemoPledgeData } from './generate-demo-pledges';
import { DEMO_YEARS, generateDemoIncidents, type DemoIncident } from './generate-demo-incidents';
import { generateDemoUnsafePlaces, type DemoSafetyWalk, type DemoUnsafePlace, type DemoWalkObservation } from './generate-demo-unsafe-places';
import { generateDemoVandalism, type DemoVandalismReport } from './generate-demo-vandalism';
import type { DemoOrgKey } from './incident-patterns';

export interface DemoOrganisation {
  id: string;
  key: DemoOrgKey;
  name: string;
  kind: DemoOrgKey;
}

export interface DemoArea {
  id: string;
  kind: 'municipality' | 'district';
  code: string;
  name: string;
  geometry: MultiPolygon;
}

export interface DemoDataset {
  municipality: { code: string; name: string };
  organisations: DemoOrganisation[];
  areas: DemoArea[];
  incidents: DemoIncident[];
  safetyWalks: DemoSafetyWalk[];
  unsafePlaces: DemoUnsafePlace[];
  walkObservations: DemoWalkObservation[];
  vandalismReports: DemoVandalismReport[];
  surveyIndicators: DemoSurveyIndicator[];
  estMeetings: DemoEstMeeting[];
  /** Focus areas, pledges of last year and this year, activities, council decisions, follow-ups. */
  pledges: DemoPledgeData;
  /** The setting that marks demo data in use. */
  demoSetting: { seed: number; until: string; generatedAt: string };
}

export interface DemoDatasetOptions {
  seed: number;
  /** End instant, exclusive (the app passes the first day of the current quarter, Europe/Stockholm). */
  until: Date;
  /** Years of incidents and vandalism before `until` (default 5; tests may ask for less). */
  years?: number;
}

const ORGANISATIONS: ReadonlyArray<Omit<DemoOrganisation, 'id'>> = [
  { key: 'police', name: 'Polisen lokalpolisområde Värnamo', kind: 'police' },
  { key: 'municipality', name: 'Värnamo kommun', kind: 'municipality' },
  { key: 'housing', name: 'Värnamo Bostäder AB', kind: 'housing' },
  { key: 'business', name: 'Värnamo Näringsliv / Värnamo City', kind: 'business' },
  { key: 'field_workers', name: 'Fältgruppen', kind: 'field_workers' },
];

export function buildDemoDataset(options: DemoDatasetOptions): DemoDataset {
  const { seed, until } = options;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`Demo seed must be an integer in 0…4294967295, not ${seed}`);
  if (Number.isNaN(until.getTime())) throw new Error('Demo `until` is not a valid date');
  const years = options.years ?? DEMO_YEARS;
  // Each part draws from its own stream, so changing one generator leaves the others' rows as they were.
  const root = new Random(seed);
  const ids = root.fork('ids');

  const organisations = ORGANISATIONS.map((o) => ({ id: ids.uuid(), ...o }));
  const districts = buildDemoDistricts();
  const areas: DemoArea[] = [
    { id: ids.uuid(), kind: 'municipality', code: DEMO_MUNICIPALITY_CODE, name: 'Värnamo kommun', geometry: { type: 'MultiPolygon', coordinates: [VARNAMO_BOUNDARY.coordinates] } },
    ...districts.map((d) => ({ id: ids.uuid(), kind: 'district' as const, code: d.code, name: d.name, geometry: d.geometry })),
  ];

  const incidents = generateDemoIncidents({ rng: root.fork('incidents'), until, districts, boundary: VARNAMO_BOUNDARY, years });
  const { walks, places, observations } = generateDemoUnsafePlaces(root.fork('unsafe-places'), until);
  const vandalismReports = generateDemoVandalism(root.fork('vandalism'), until, years);
  const surveyIndicators = generateDemoSurveyIndicators(root.fork('survey'), until, districts.map((d) => d.name));
  const estMeetings = generateDemoEstMeetings(root.fork('meetings'), until);
  const pledges = generateDemoPledges(root.fork('pledges'), { until, districts, meetings: estMeetings });

  return {
    municipality: { code: DEMO_MUNICIPALITY_CODE, name: 'Värnamo' },
    organisations,
    areas,
    incidents,
    safetyWalks: walks,
    unsafePlaces: places,
    walkObservations: observations,
    vandalismReports,
    surveyIndicators,
    estMeetings,
    pledges,
    demoSetting: { seed, until: until.toISOString(), generatedAt: until.toISOString() },
  };
}
