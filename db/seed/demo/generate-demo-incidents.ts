// Five years of demo incidents from the patterns in incident-patterns.ts: a Poisson count per pattern
// and local day, a local wall-clock time drawn from the pattern's hours (converted to UTC by the
// Stockholm DST rule), a position around the pattern's places or uniform in its district.
import * as turf from '@turf/turf';
import type { MultiPolygon } from 'geojson';
import { getCategory } from '@/lib/domain/categories';
import type { Random } from '@/lib/testing/random';
import { INCIDENT_PATTERNS, type DemoOrgKey, type IncidentPattern, type Visibility } from './incident-patterns';
import { offsetMetres, PLACES } from './places';
import { stockholmToUtc, utcToStockholm, weekdayOf } from './stockholm-time';

export interface DemoIncident {
  id: string;
  externalId: string;
  categoryKey: string;
  occurredAt: Date;
  occurredTo: Date | null;
  lon: number;
  lat: number;
  origin: DemoOrgKey;
  visibility: Visibility;
  description: string;
  /** Which pattern made it (not stored; for tests and documentation). */
  pattern: string;
  hotspot: IncidentPattern['hotspot'];
}

export const DEMO_YEARS = 5;
const DAY_MS = 86_400_000;
const YEAR_MS = 365.2425 * DAY_MS;

type Draft = Omit<DemoIncident, 'id' | 'externalId'>;

export interface IncidentGeneratorInput {
  rng: Random;
  until: Date;
  districts: ReadonlyArray<{ name: string; geometry: MultiPolygon }>;
  boundary: Parameters<typeof turf.booleanPointInPolygon>[1];
  patterns?: readonly IncidentPattern[];
  years?: number;
}

/** Incidents in [until − years, until) local calendar time, sorted by time, with seeded ids. */
export function generateDemoIncidents(input: IncidentGeneratorInput): DemoIncident[] {
  const { rng, until, districts, boundary } = input;
  const patterns = input.patterns ?? INCIDENT_PATTERNS;
  const years = input.years ?? DEMO_YEARS;
  const untilMs = until.getTime();
  const end = utcToStockholm(untilMs);
  const startMs = stockholmToUtc({ year: end.year - years, month: end.month, day: end.day, hour: end.hour, minute: end.minute });
  const districtByName = new Map(districts.map((d) => [d.name, d]));

  const drafts: Draft[] = [];
  for (const pattern of patterns) {
    // One stream per pattern: tuning one pattern never reshuffles another.
    const prng = rng.fork(pattern.key);
    const meanWeekday = mean(pattern.weekdays);
    const meanSeason = mean(pattern.seasonal);
    const categoryKeys = pattern.categories.map(([k]) => k);
    const categoryWeights = pattern.categories.map(([, w]) => w);
    const hourWeights = pattern.hours.map(([from, to, w]) => w * (to - from));
    // Iterate local calendar days from a day before the start (its night reaches past midnight).
    for (let dayUtc = Date.UTC(end.year - years, end.month - 1, end.day - 1); ; dayUtc += DAY_MS) {
      const d = new Date(dayUtc);
      const year = d.getUTCFullYear();
      const month = d.getUTCMonth() + 1;
      const day = d.getUTCDate();
      const midnight = stockholmToUtc({ year, month, day, hour: 0, minute: 0 });
      if (midnight >= untilMs) break;
      const ageYears = (untilMs - midnight) / YEAR_MS;
      const lambda =
        (pattern.perYear / 365.2425) *
        (pattern.weekdays[weekdayOf(year, month, day)] / meanWeekday) *
        (pattern.seasonal[month - 1] / meanSeason) *
        (pattern.trend ? pattern.trend(ageYears) : 1);
      const n = prng.poisson(lambda);
      for (let i = 0; i < n; i++) {
        const categoryKey = prng.weighted(categoryKeys, categoryWeights);
        const [from, to] = pattern.hours[prng.weightedIndex(hourWeights)];
        const minutes = Math.floor(prng.uniform(from, to) * 60);
        let occurredAt = stockholmToUtc({ year, month, day, hour: 0, minute: minutes });
        let occurredTo: number | null = null;
        const window = pattern.windows?.[categoryKey];
        if (window && prng.chance(window.share)) {
          [occurredAt, occurredTo] = drawWindow(prng, window.kind, year, month, day);
        }
        const [lon, lat] = drawLocation(prng, pattern, districtByName, boundary);
        if (occurredAt < startMs || (occurredTo ?? occurredAt) >= untilMs) continue;
        const category = getCategory(categoryKey);
        drafts.push({
          categoryKey,
          occurredAt: new Date(occurredAt),
          occurredTo: occurredTo === null ? null : new Date(occurredTo),
          lon: round6(lon),
          lat: round6(lat),
          ...originAndVisibility(pattern, category.kind, category.sensitivity),
          description: `${category.labelSv} (demodata)`,
          pattern: pattern.key,
          hotspot: pattern.hotspot,
        });
      }
    }
  }
  // Array#sort is stable: ties keep pattern order, so the order (and with it every id) is fixed.
  drafts.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const ids = rng.fork('incident-ids');
  return drafts.map((d, i) => ({ id: ids.uuid(), externalId: `demo-${String(i + 1).padStart(6, '0')}`, ...d }));
}

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** 6 decimals ≈ 0.1 m: the same text on every platform and both databases. */
function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * A burglary's unknown time: 'night' from an evening until the next morning (from Friday evening
 * until Monday morning for half the Friday ones); 'workday' while the residents were at work.
 */
function drawWindow(rng: Random, kind: 'night' | 'workday', year: number, month: number, day: number): [number, number] {
  const at = (h: number, dayOffset = 0) => stockholmToUtc({ year, month, day: day + dayOffset, hour: 0, minute: Math.floor(h * 60) });
  if (kind === 'workday') return [at(rng.uniform(6.5, 9)), at(rng.uniform(15, 18.5))];
  const weekend = weekdayOf(year, month, day) === 5 && rng.chance(0.5);
  return [at(rng.uniform(16, 20)), at(rng.uniform(6, 8.5), weekend ? 3 : 1)];
}

function drawLocation(
  rng: Random,
  pattern: IncidentPattern,
  districtByName: ReadonlyMap<string, { geometry: MultiPolygon }>,
  boundary: IncidentGeneratorInput['boundary'],
): [number, number] {
  const loc = pattern.location;
  if (loc.kind === 'places') {
    const key = rng.weighted(
      loc.places.map(([k]) => k),
      loc.places.map(([, w]) => w),
    );
    const place = PLACES[key];
    for (let attempt = 0; ; attempt++) {
      const pt = offsetMetres(place.lat, place.lon, rng.normal(0, loc.sigmaM), rng.normal(0, loc.sigmaM));
      if (attempt > 20 || turf.booleanPointInPolygon(pt, boundary)) return pt;
    }
  }
  const name = rng.weighted(
    loc.districts.map(([k]) => k),
    loc.districts.map(([, w]) => w),
  );
  const district = districtByName.get(name);
  if (!district) throw new Error(`Pattern ${pattern.key} names unknown district ${name}`);
  const [w, s, e, n] = turf.bbox(district.geometry);
  // Rejection sampling: uniform in the bounding box until the point falls inside the district.
  for (;;) {
    const pt: [number, number] = [rng.uniform(w, e), rng.uniform(s, n)];
    if (turf.booleanPointInPolygon(pt, district.geometry)) return pt;
  }
}

/**
 * Who recorded it and who may see it exactly: sensitive and police-only categories come from the police
 * and stay restricted to it (DESIGN.md §2); observations in police patterns are municipal staff's notes.
 */
function originAndVisibility(
  pattern: IncidentPattern,
  kind: string,
  sensitivity: string,
): { origin: DemoOrgKey; visibility: Visibility } {
  if (sensitivity !== 'normal') return { origin: 'police', visibility: 'restricted' };
  if (pattern.origin === 'police' && kind === 'observation') return { origin: 'municipality', visibility: 'joint' };
  return { origin: pattern.origin, visibility: pattern.visibility };
}
