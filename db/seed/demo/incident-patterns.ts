// The recipe behind the demo incidents: each pattern is one kind of recurring trouble at one kind of
// place, with its own weekly, daily and seasonal rhythm and category mix. Counts are per year at
// trend 1; together they give about 3,000 records a year, roughly what a municipality of 34,000
// inhabitants records (Brå: ~140 reported crimes per 1,000 inhabitants in Sweden, not all mapped).
import { type PlaceKey } from './places';

export type DemoOrgKey = 'police' | 'municipality' | 'housing' | 'business' | 'field_workers';
export type Visibility = 'restricted' | 'joint' | 'partners';

/** Where a pattern's incidents fall: Gaussian around places (σ in metres), or uniform in a district. */
export type PatternLocation =
  | { kind: 'places'; places: ReadonlyArray<readonly [PlaceKey, number]>; sigmaM: number }
  | { kind: 'district'; districts: ReadonlyArray<readonly [string, number]> };

/** Burglary-style time windows: occurred_at is when the place was left, occurred_to when it was found. */
export type WindowKind = 'night' | 'workday';

export interface IncidentPattern {
  key: string;
  /** Tag used by tests and documentation: which hotspot a pattern builds. */
  hotspot: 'centre' | 'resecentrum' | 'schools' | 'industrial' | 'residential' | 'housing' | 'diminishing' | 'villages' | 'rural' | 'police';
  location: PatternLocation;
  perYear: number;
  /** Relative weight of the local day the incident (or its evening) starts on; index 0 = Sunday. */
  weekdays: readonly [number, number, number, number, number, number, number];
  /** [from, to, weight] in local hours after that day's midnight; `to` may pass 24 (into the next night). */
  hours: ReadonlyArray<readonly [number, number, number]>;
  /** Relative weight per month, January first. */
  seasonal: readonly number[];
  /** Multiplier by age in years before `until` (0 = newest); default constant 1. */
  trend?: (ageYears: number) => number;
  categories: ReadonlyArray<readonly [string, number]>;
  /** Share of windowed records per category (burglaries found the next morning or after the weekend). */
  windows?: Readonly<Record<string, { share: number; kind: WindowKind }>>;
  origin: DemoOrgKey;
  /** Visibility of records from this pattern when the category allows it (sensitive ones are restricted anyway). */
  visibility: Visibility;
}

const FLAT = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] as const;
// Outdoor life: more in the light half of the year (Brå's monthly assault and disorder curves).
const SUMMER = [0.75, 0.75, 0.85, 0.95, 1.1, 1.25, 1.3, 1.25, 1.05, 0.95, 0.85, 0.95] as const;
// Home burglaries peak in the dark months and the July holidays (Brå, bostadsinbrott per månad).
const BURGLARY = [1.25, 1.05, 0.9, 0.75, 0.7, 0.8, 1.15, 0.95, 0.85, 1.05, 1.3, 1.35] as const;
const CHRISTMAS_SHOPPING = [0.9, 0.85, 0.9, 0.95, 1, 1, 0.95, 1, 0.95, 1, 1.1, 1.45] as const;
// Schools close in July and over Christmas; sports holiday in February (vecka 8 in Småland).
const SCHOOL_TERM = [0.95, 0.85, 1.1, 1.0, 1.1, 0.65, 0.1, 0.6, 1.15, 1.05, 1.15, 0.75] as const;

const WEEKEND_NIGHTS = [0.1, 0.05, 0.05, 0.07, 0.12, 1, 1] as const; // Fri and Sat evenings
const SCHOOL_DAYS = [0.08, 1, 1, 1, 1, 0.95, 0.1] as const;
const WEEK_DAYS_AND_SATURDAY = [0.45, 1, 1, 1, 1.05, 1.15, 1.2] as const;
const EVERY_DAY = [1, 1, 1, 1, 1, 1, 1] as const;
const EVENINGS_LATE_WEEK = [0.6, 0.55, 0.6, 0.7, 0.9, 1.25, 1.25] as const;

/** Residential neighbourhoods of the town (weights ≈ relative number of homes). */
const RESIDENTIAL: ReadonlyArray<readonly [PlaceKey, number]> = [
  ['mossleberg', 3],
  ['grondal', 3],
  ['margretelund', 3],
  ['vraen', 2],
  ['ostraVarnamo', 2],
];

const YEARS_OF_RISE = 1.5;

export const INCIDENT_PATTERNS: readonly IncidentPattern[] = [
  {
    key: 'centre_nightlife',
    hotspot: 'centre',
    location: { kind: 'places', places: [['torget', 3], ['storgatan', 2]], sigmaM: 170 },
    perYear: 330,
    weekdays: WEEKEND_NIGHTS,
    hours: [[21, 23, 1], [23, 27, 4], [27, 28.5, 1]],
    seasonal: [0.8, 0.8, 0.85, 0.9, 1.05, 1.25, 1.3, 1.2, 1.0, 0.95, 0.85, 1.2],
    categories: [
      ['assault', 34], ['public_disorder', 18], ['harassment', 8], ['threat', 8], ['vandalism', 10],
      ['drug_offence', 8], ['aggravated_assault', 3], ['robbery', 2], ['weapons_offence', 3], ['sexual_offence', 2],
    ],
    origin: 'police',
    visibility: 'joint',
  },
  {
    key: 'centre_daytime',
    hotspot: 'centre',
    location: { kind: 'places', places: [['torget', 2], ['storgatan', 3]], sigmaM: 230 },
    perYear: 500,
    weekdays: WEEK_DAYS_AND_SATURDAY,
    hours: [[9, 10, 1], [10, 18, 5], [18, 20, 1]],
    seasonal: CHRISTMAS_SHOPPING,
    categories: [
      ['shoplifting', 38], ['theft', 30], ['bicycle_theft', 10], ['fraud', 5], ['threat', 5], ['harassment', 5], ['graffiti', 4], ['vandalism', 3],
    ],
    origin: 'police',
    visibility: 'joint',
  },
  {
    // The emerging hotspot: quiet until 18 months before the end, then a steady rise (drug trade at the
    // travel centre), so that emerging hot-spot analysis has something to find.
    key: 'resecentrum_evening',
    hotspot: 'resecentrum',
    location: { kind: 'places', places: [['resecentrum', 1]], sigmaM: 110 },
    perYear: 260,
    weekdays: EVENINGS_LATE_WEEK,
    hours: [[16, 20, 2], [20, 25, 4], [25, 27, 1]],
    seasonal: SUMMER,
    trend: (age) => (age >= YEARS_OF_RISE ? 0.15 : 0.15 + 1.85 * ((YEARS_OF_RISE - age) / YEARS_OF_RISE)),
    categories: [
      ['drug_offence', 30], ['drug_indication', 14], ['bicycle_theft', 12], ['assault', 12], ['youth_gathering', 8],
      ['threat', 8], ['robbery', 4], ['weapons_offence', 4], ['vandalism', 8],
    ],
    origin: 'police',
    visibility: 'joint',
  },
  {
    key: 'resecentrum_commuters',
    hotspot: 'resecentrum',
    location: { kind: 'places', places: [['resecentrum', 1]], sigmaM: 150 },
    perYear: 110,
    weekdays: SCHOOL_DAYS,
    hours: [[6.5, 9, 2], [9, 15, 1], [15, 19, 2]],
    seasonal: SUMMER,
    categories: [['bicycle_theft', 55], ['theft_from_vehicle', 25], ['vandalism', 12], ['vehicle_theft', 8]],
    origin: 'police',
    visibility: 'joint',
  },
  {
    key: 'schools_afternoon',
    hotspot: 'schools',
    location: {
      kind: 'places',
      places: [['finnvedsgymnasiet', 3], ['grondalsskolan', 2], ['mosslebergsskolan', 2], ['margretelundsskolan', 1.5]],
      sigmaM: 140,
    },
    perYear: 280,
    weekdays: SCHOOL_DAYS,
    hours: [[11.5, 13, 1], [13, 17, 4], [17, 19, 1]],
    seasonal: SCHOOL_TERM,
    categories: [
      ['vandalism', 24], ['graffiti', 18], ['theft', 14], ['bicycle_theft', 10], ['assault', 10], ['threat', 8],
      ['harassment', 8], ['drug_offence', 4], ['youth_gathering', 8],
    ],
    origin: 'police',
    visibility: 'joint',
  },
  {
    key: 'industrial_night',
    hotspot: 'industrial',
    location: { kind: 'places', places: [['hornsborg', 3], ['nordicIndustrialPark', 2]], sigmaM: 420 },
    perYear: 220,
    weekdays: [1.1, 0.8, 0.8, 0.8, 0.9, 1.6, 1.4],
    hours: [[19, 22, 1], [22, 28, 4], [28, 30, 1]],
    seasonal: BURGLARY,
    categories: [
      ['burglary_other', 45], ['theft', 20], ['vehicle_theft', 9], ['theft_from_vehicle', 10], ['vandalism', 9], ['arson', 3], ['trespass', 4],
    ],
    windows: { burglary_other: { share: 0.75, kind: 'night' }, theft: { share: 0.5, kind: 'night' } },
    origin: 'police',
    visibility: 'joint',
  },
  {
    key: 'residential_daytime_burglary',
    hotspot: 'residential',
    location: { kind: 'places', places: RESIDENTIAL, sigmaM: 420 },
    perYear: 160,
    weekdays: [0.5, 1, 1, 1, 1, 1, 0.55],
    hours: [[8, 17, 4], [17, 19, 1]],
    seasonal: BURGLARY,
    categories: [['burglary_home', 55], ['theft', 15], ['bicycle_theft', 10], ['theft_from_vehicle', 10], ['fraud', 5]],
    windows: { burglary_home: { share: 0.8, kind: 'workday' } },
    origin: 'police',
    visibility: 'joint',
  },
  {
    key: 'residential_evening',
    hotspot: 'residential',
    location: { kind: 'places', places: RESIDENTIAL, sigmaM: 450 },
    perYear: 440,
    weekdays: [1.1, 0.9, 0.9, 0.9, 1, 1.2, 1.3],
    hours: [[15, 18, 2], [18, 24, 4], [24, 27, 1.5]],
    seasonal: SUMMER,
    categories: [
      ['domestic_violence', 14], ['threat', 12], ['vandalism', 20], ['theft_from_vehicle', 15], ['drug_offence', 12],
      ['harassment', 8], ['reckless_driving', 6], ['vehicle_theft', 5], ['assault', 6], ['arson', 2],
    ],
    origin: 'police',
    visibility: 'joint',
  },
  {
    // Observations by the housing company's caretakers: shared with partners, not only the EST group.
    key: 'housing_observations',
    hotspot: 'housing',
    location: { kind: 'places', places: [['grondal', 3], ['margretelund', 2], ['mossleberg', 1]], sigmaM: 220 },
    perYear: 150,
    weekdays: [0.7, 1, 1, 1, 1, 1.1, 0.8],
    hours: [[8, 16, 3], [16, 22, 2]],
    seasonal: SUMMER,
    categories: [['youth_gathering', 28], ['littering', 25], ['vandalism', 25], ['graffiti', 15], ['drug_indication', 7]],
    origin: 'housing',
    visibility: 'partners',
  },
  {
    key: 'field_worker_observations',
    hotspot: 'centre',
    location: { kind: 'places', places: [['apladalen', 2], ['torget', 1], ['resecentrum', 1]], sigmaM: 200 },
    perYear: 80,
    weekdays: [0.2, 0.2, 0.2, 0.3, 0.5, 1, 1],
    hours: [[18, 24, 3], [24, 25, 1]],
    seasonal: SUMMER,
    categories: [['youth_gathering', 55], ['drug_indication', 30], ['public_disorder', 15]],
    origin: 'field_workers',
    visibility: 'partners',
  },
  {
    // The diminishing hotspot: youth disorder at Gröndals centrum, falling steadily after joint work.
    key: 'grondal_centre_disorder',
    hotspot: 'diminishing',
    location: { kind: 'places', places: [['grondalsCentrum', 1]], sigmaM: 140 },
    perYear: 220,
    weekdays: EVENINGS_LATE_WEEK,
    hours: [[15, 19, 2], [19, 24, 4], [24, 26, 1]],
    seasonal: SUMMER,
    trend: (age) => 0.3 + 1.3 * Math.min(age, 5) / 5,
    categories: [
      ['vandalism', 25], ['youth_gathering', 20], ['drug_offence', 18], ['assault', 10], ['threat', 10], ['public_disorder', 10], ['graffiti', 7],
    ],
    origin: 'police',
    visibility: 'joint',
  },
  {
    key: 'villages',
    hotspot: 'villages',
    // Weights ≈ population (SCB tätorter 2020, rounded).
    location: {
      kind: 'district',
      districts: [['Bredaryd', 16], ['Forsheda', 15], ['Rydaholm', 10], ['Bor', 6.5], ['Lanna och Kärda', 8], ['Horda', 3]],
    },
    perYear: 260,
    weekdays: EVERY_DAY,
    hours: [[7, 17, 3], [17, 24, 3], [24, 27, 1]],
    seasonal: FLAT,
    categories: [
      ['theft', 25], ['burglary_home', 14], ['vandalism', 15], ['vehicle_theft', 8], ['theft_from_vehicle', 8],
      ['burglary_other', 7], ['assault', 8], ['drug_offence', 6], ['domestic_violence', 5], ['reckless_driving', 6],
    ],
    windows: { burglary_home: { share: 0.6, kind: 'workday' }, burglary_other: { share: 0.7, kind: 'night' } },
    origin: 'police',
    visibility: 'joint',
  },
  {
    key: 'rural',
    hotspot: 'rural',
    location: { kind: 'district', districts: [['Övriga Värnamo kommun', 1]] },
    perYear: 90,
    weekdays: EVERY_DAY,
    hours: [[6, 18, 3], [18, 30, 2]],
    seasonal: [1.3, 1.2, 1.1, 0.9, 0.9, 0.9, 1, 0.9, 0.9, 1, 1.1, 1.2],
    categories: [
      ['theft', 30], ['burglary_other', 20], ['burglary_home', 14], ['reckless_driving', 10], ['vandalism', 10], ['vehicle_theft', 10], ['littering', 6],
    ],
    windows: { burglary_other: { share: 0.8, kind: 'night' }, burglary_home: { share: 0.6, kind: 'workday' } },
    origin: 'police',
    visibility: 'joint',
  },
  {
    // Intelligence notes only the police may see (police-only category ⇒ restricted to the police).
    key: 'police_intelligence',
    hotspot: 'police',
    location: { kind: 'places', places: [['resecentrum', 2], ['torget', 1], ['grondalsCentrum', 1]], sigmaM: 250 },
    perYear: 60,
    weekdays: EVERY_DAY,
    hours: [[10, 24, 1]],
    seasonal: FLAT,
    categories: [['police_intelligence', 1]],
    origin: 'police',
    visibility: 'restricted',
  },
];
