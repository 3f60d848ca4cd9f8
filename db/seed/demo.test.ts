import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDistanceBandNeighbours } from '@/lib/analysis/distance-band-neighbours';
import { findEmergingHotSpots } from '@/lib/analysis/emerging-hot-spots';
import { getCategory } from '@/lib/domain/categories';
import { projectWgs84ToSweref99tm } from '@/lib/geo/crs';
import { buildDemoDataset, type DemoDataset } from './demo/build-demo-dataset';
import { VARNAMO_BOUNDARY } from './demo/build-demo-districts';
import { PLACES } from './demo/places';
import { utcToStockholm } from './demo/stockholm-time';

// The first day of Q4 2026 in Stockholm, as the app passes it.
const UNTIL = new Date('2026-09-30T22:00:00Z');

describe('demo data set', () => {
  let data: DemoDataset;
  beforeAll(() => {
    data = buildDemoDataset({ seed: 1, until: UNTIL });
  });

  it('is identical, ids included, when built twice with the same seed and end', () => {
    expect(buildDemoDataset({ seed: 1, until: UNTIL })).toEqual(data);
  });

  it('differs with a different seed', () => {
    const other = buildDemoDataset({ seed: 2, until: UNTIL });
    expect(other.incidents[0].id).not.toBe(data.incidents[0].id);
    expect(other.incidents.length).not.toBe(data.incidents.length);
  });

  it('has between 2,500 and 3,600 incidents in every full year', () => {
    const perYear = new Map<number, number>();
    for (const i of data.incidents) {
      const y = utcToStockholm(i.occurredAt.getTime()).year;
      perYear.set(y, (perYear.get(y) ?? 0) + 1);
    }
    for (const year of [2022, 2023, 2024, 2025]) {
      expect(perYear.get(year)).toBeGreaterThan(2500);
      expect(perYear.get(year)).toBeLessThan(3600);
    }
  });

  it('keeps every incident inside the five years before the end, in time order', () => {
    const start = new Date('2021-09-30T22:00:00Z').getTime();
    const bad = data.incidents.filter((i, k) => {
      const from = i.occurredAt.getTime();
      const to = (i.occurredTo ?? i.occurredAt).getTime();
      const previous = k > 0 ? data.incidents[k - 1].occurredAt.getTime() : -Infinity;
      return from < start || to >= UNTIL.getTime() || (i.occurredTo !== null && to <= from) || from < previous;
    });
    expect(bad).toEqual([]);
  });

  it('has unique ids and external ids', () => {
    expect(new Set(data.incidents.map((i) => i.id)).size).toBe(data.incidents.length);
    expect(new Set(data.incidents.map((i) => i.externalId)).size).toBe(data.incidents.length);
  });

  it('puts every incident inside the municipality', () => {
    const outside = data.incidents.filter((i) => !turf.booleanPointInPolygon([i.lon, i.lat], VARNAMO_BOUNDARY));
    expect(outside).toHaveLength(0);
  });

  it('gives the town centre far more incidents per night on Friday and Saturday nights than on other nights', () => {
    // Nights counted from 22:00 to 04:00 local, assigned to the evening they start on.
    const perEvening = new Array(7).fill(0);
    for (const i of data.incidents) {
      if (i.pattern !== 'centre_nightlife' && i.pattern !== 'centre_daytime') continue;
      const local = utcToStockholm(i.occurredAt.getTime());
      if (local.hour >= 22) perEvening[local.weekday]++;
      else if (local.hour < 4) perEvening[(local.weekday + 6) % 7]++;
    }
    const weekendRate = (perEvening[5] + perEvening[6]) / 2;
    const weekdayRate = (perEvening[0] + perEvening[1] + perEvening[2] + perEvening[3] + perEvening[4]) / 5;
    expect(weekendRate).toBeGreaterThan(5 * weekdayRate);
  });

  it('puts most school-area incidents on weekday afternoons', () => {
    const school = data.incidents.filter((i) => i.hotspot === 'schools');
    const afternoons = school.filter((i) => {
      const l = utcToStockholm(i.occurredAt.getTime());
      return l.weekday >= 1 && l.weekday <= 5 && l.hour >= 11 && l.hour < 19;
    });
    expect(afternoons.length / school.length).toBeGreaterThan(0.9);
  });

  it('makes the travel-centre hotspot emerge in the last 18 months and the Gröndal one fade', () => {
    const count = (pattern: string, fromIso: string, toIso: string) =>
      data.incidents.filter((i) => i.pattern === pattern && i.occurredAt >= new Date(fromIso) && i.occurredAt < new Date(toIso)).length;
    expect(count('resecentrum_evening', '2025-10-01', '2026-10-01')).toBeGreaterThan(4 * count('resecentrum_evening', '2022-10-01', '2023-10-01'));
    expect(count('grondal_centre_disorder', '2025-10-01', '2026-10-01')).toBeLessThan(0.5 * count('grondal_centre_disorder', '2021-10-01', '2022-10-01'));
  });

  it('has more incidents in summer months than winter months for outdoor patterns', () => {
    const summer = data.incidents.filter((i) => i.pattern === 'centre_nightlife' && [6, 7, 8].includes(utcToStockholm(i.occurredAt.getTime()).month));
    const winter = data.incidents.filter((i) => i.pattern === 'centre_nightlife' && [1, 2, 3].includes(utcToStockholm(i.occurredAt.getTime()).month));
    expect(summer.length).toBeGreaterThan(1.25 * winter.length);
  });

  it('lets theft, vandalism, assault and drug offences dominate the category mix', () => {
    const counts = new Map<string, number>();
    for (const i of data.incidents) counts.set(i.categoryKey, (counts.get(i.categoryKey) ?? 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k]) => k);
    for (const key of ['theft', 'vandalism', 'assault', 'drug_offence']) expect(top).toContain(key);
  });

  it('restricts every sensitive and police-only incident to the police', () => {
    const police = data.organisations.find((o) => o.key === 'police')!;
    expect(police.kind).toBe('police');
    const sensitive = data.incidents.filter((i) => getCategory(i.categoryKey).sensitivity !== 'normal');
    expect(sensitive.length).toBeGreaterThan(100);
    for (const i of sensitive) expect([i.visibility, i.origin]).toEqual(['restricted', 'police']);
  });

  it('shares the housing company’s observations with partners', () => {
    const housing = data.incidents.filter((i) => i.origin === 'housing');
    expect(housing.length).toBeGreaterThan(100);
    expect(new Set(housing.map((i) => i.visibility))).toEqual(new Set(['partners']));
  });

  it('gives burglaries time windows over nights and working days', () => {
    const windowed = data.incidents.filter((i) => i.occurredTo !== null);
    expect(windowed.length).toBeGreaterThan(500);
    expect(new Set(windowed.map((i) => i.categoryKey))).toEqual(new Set(['burglary_home', 'burglary_other', 'theft']));
  });

  it('has 8–12 districts that tile the municipality without overlapping', () => {
    const districts = data.areas.filter((a) => a.kind === 'district');
    expect(districts.length).toBeGreaterThanOrEqual(8);
    expect(districts.length).toBeLessThanOrEqual(12);
    const area = (g: turf.AllGeoJSON) => turf.area(g);
    const total = districts.reduce((s, d) => s + area(turf.feature(d.geometry)), 0);
    expect(total / area(turf.feature(VARNAMO_BOUNDARY))).toBeCloseTo(1, 4);
    for (let a = 0; a < districts.length; a++) {
      for (let b = a + 1; b < districts.length; b++) {
        const overlap = turf.intersect(turf.featureCollection([turf.feature(districts[a].geometry), turf.feature(districts[b].geometry)]));
        expect(overlap ? area(overlap) : 0).toBeLessThan(1);
      }
    }
  });

  it('places the town centre district around Värnamo torg', () => {
    const centre = data.areas.find((a) => a.name === 'Värnamo centrum')!;
    expect(turf.booleanPointInPolygon([14.048, 57.183], centre.geometry)).toBe(true);
  });

  it('cleans offensive graffiti mostly within 24 hours and other reports more slowly', () => {
    const hours = (v: DemoDataset['vandalismReports'][number]) => (v.remediatedAt!.getTime() - v.reportedAt.getTime()) / 3_600_000;
    const cleaned = data.vandalismReports.filter((v) => v.status === 'cleaned');
    const offensive = cleaned.filter((v) => v.offensive);
    const other = cleaned.filter((v) => !v.offensive);
    expect(offensive.filter((v) => hours(v) <= 24).length / offensive.length).toBeGreaterThan(0.8);
    expect(other.filter((v) => hours(v) <= 24).length / other.length).toBeLessThan(0.1);
    expect(data.vandalismReports.some((v) => v.status !== 'cleaned')).toBe(true);
  });

  it('records three safety walks whose every observed place has a protocol row', () => {
    expect(data.safetyWalks).toHaveLength(3);
    const fromWalks = data.unsafePlaces.filter((p) => p.source === 'walk');
    expect(data.walkObservations.map((o) => o.unsafePlaceId).sort()).toEqual(fromWalks.map((p) => p.id).sort());
    expect(new Set(data.unsafePlaces.map((p) => p.status))).toEqual(new Set(['open', 'planned', 'fixed', 'rejected']));
    expect(data.unsafePlaces.some((p) => p.source === 'survey')).toBe(true);
  });

  it('dates everything before the end', () => {
    for (const p of data.unsafePlaces) expect((p.fixedAt ?? p.statusChangedAt ?? p.reportedAt).getTime()).toBeLessThan(UNTIL.getTime());
    for (const w of data.safetyWalks) expect(w.walkedOn < '2026-10-01').toBe(true);
    for (const m of data.estMeetings) expect(m.heldOn < '2026-10-01').toBe(true);
    for (const s of data.surveyIndicators) expect(s.year).toBeLessThan(2026);
  });

  it('gives emerging hot-spot analysis an intensifying travel centre and a diminishing Gröndals centrum', () => {
    // 250 m cells anchored at the CRS origin over 8 × 8 km of town, 500 m band, 20 quarters (2021-Q4 … 2026-Q3).
    const size = 250;
    const [tx, ty] = projectWgs84ToSweref99tm(PLACES.torget.lon, PLACES.torget.lat);
    const ix0 = Math.floor((tx - 4000) / size);
    const iy0 = Math.floor((ty - 4000) / size);
    const side = 8000 / size;
    const cx: number[] = [];
    const cy: number[] = [];
    for (let j = 0; j < side; j++) {
      for (let i = 0; i < side; i++) {
        cx.push((ix0 + i + 0.5) * size);
        cy.push((iy0 + j + 0.5) * size);
      }
    }
    const cellOf = (lon: number, lat: number) => {
      const [x, y] = projectWgs84ToSweref99tm(lon, lat);
      const i = Math.floor(x / size) - ix0;
      const j = Math.floor(y / size) - iy0;
      return i >= 0 && j >= 0 && i < side && j < side ? j * side + i : -1;
    };
    const steps = Array.from({ length: 20 }, () => new Float64Array(side * side));
    for (const inc of data.incidents) {
      const cell = cellOf(inc.lon, inc.lat);
      const l = utcToStockholm(inc.occurredAt.getTime());
      const q = (l.year - 2021) * 4 + Math.floor((l.month - 1) / 3) - 3;
      if (cell >= 0 && q >= 0 && q < 20) steps[q][cell]++;
    }
    const result = findEmergingHotSpots(steps, buildDistanceBandNeighbours(cx, cy, 500, true));
    const travel = cellOf(PLACES.resecentrum.lon, PLACES.resecentrum.lat);
    const grondal = cellOf(PLACES.grondalsCentrum.lon, PLACES.grondalsCentrum.lat);
    expect(result.categories[travel]).toEqual({ category: 'intensifying', side: 'hot' });
    expect(result.categories[grondal]).toEqual({ category: 'diminishing', side: 'hot' });
  });

  it('has focus areas, pledges for last year and this year, and activities in every status', () => {
    const p = data.pledges;
    expect(p.focusAreas.map((f) => f.name)).toEqual(['Resecentrum och stationsområdet', 'Torget och Storgatan', 'Gröndals centrum']);
    expect(p.pledges.map((x) => x.year).sort()).toEqual([2025, 2025, 2026, 2026]);
    expect(new Set(p.activities.map((a) => a.status))).toEqual(new Set(['proposed', 'decided', 'rejected', 'ongoing', 'done', 'cancelled']));
    expect(p.activities.length).toBeGreaterThanOrEqual(6);
    expect(p.activities.length).toBeLessThanOrEqual(10);
    for (const a of p.activities) {
      expect(a.goal.length).toBeGreaterThan(0);
      expect(a.indicator.length).toBeGreaterThan(0);
      expect(a.internalNotes.length).toBeGreaterThan(0);
      // Only an approved summary is public; an unapproved one waits for moderation.
      if (a.publicSummaryApproved) expect(a.publicSummary).not.toBeNull();
    }
    expect(p.activities.some((a) => a.publicSummary !== null && !a.publicSummaryApproved)).toBe(true);
  });

  it('lets the housing company (the partner demo user) own some activities and partner in others', () => {
    const p = data.pledges;
    expect(p.activities.filter((a) => a.owner === 'housing').length).toBeGreaterThanOrEqual(2);
    expect(p.activities.filter((a) => a.partners.includes('housing')).length).toBeGreaterThanOrEqual(2);
    expect(p.activities.some((a) => a.owner !== 'housing' && !a.partners.includes('housing'))).toBe(true);
  });

  it('places every focus area inside its district and dates it, and every pledge, activity and decision, before the end', () => {
    const centre = data.areas.find((a) => a.name === 'Värnamo centrum')!;
    const rese = data.pledges.focusAreas.find((f) => f.key === 'resecentrum')!;
    expect(turf.booleanWithin(turf.feature(rese.geometry), turf.feature(centre.geometry))).toBe(true);
    expect(turf.area(turf.feature(rese.geometry))).toBeGreaterThan(100_000);
    const p = data.pledges;
    for (const row of [...p.focusAreas, ...p.pledges, ...p.activities, ...p.decisions]) expect(row.createdAt.getTime()).toBeLessThan(UNTIL.getTime());
    for (const a of p.activities) expect(a.updatedAt.getTime()).toBeLessThan(UNTIL.getTime());
    for (const f of p.followUps) expect(f.reportedAt.getTime()).toBeLessThan(UNTIL.getTime());
  });

  it('records a council decision for every decided or later activity and none for the proposal', () => {
    const p = data.pledges;
    const decided = new Set(p.decisions.map((d) => d.activityId));
    for (const a of p.activities) expect(decided.has(a.id)).toBe(a.status !== 'proposed');
    const rejected = p.activities.find((a) => a.status === 'rejected')!;
    expect(p.decisions.find((d) => d.activityId === rejected.id)!.outcome).toBe('rejected');
  });

  it('reports follow-ups quarterly with gaps: three running activities have not reported the last closed quarter', () => {
    const p = data.pledges;
    const ongoing = p.activities.filter((a) => a.status === 'ongoing');
    const reportedQ3 = new Set(p.followUps.filter((f) => f.quarter === '2026-Q3').map((f) => f.activityId));
    const unreported = ongoing.filter((a) => !reportedQ3.has(a.id) && (a.endsOn === null || a.endsOn >= '2026-07-01' || a.status === 'ongoing'));
    expect(unreported.map((a) => a.owner).sort()).toEqual(['housing', 'municipality', 'police']);
    expect(new Set(p.followUps.map((f) => `${f.activityId}:${f.quarter}`)).size).toBe(p.followUps.length);
    expect(p.followUps.length).toBeGreaterThan(15);
  });
});
