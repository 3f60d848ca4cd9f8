// The council dashboard's data on a real database (PGlite and PostgreSQL): no figure below k, nothing
// incident-level or free-text, trend numbers equal a direct SQL count, a planted spike is "unusually
// high", pledge flags and cleanup figures as planted.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createActivity, createArea, createFocusArea, createFollowUp, createOrganisation, createPledge, createSurveyIndicator } from '@/db/queries/entities';
import { fromLocalParts } from '@/lib/domain/time';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { buildCouncilDashboard, type CouncilDashboardDto } from './build-council-dashboard';

const NOW = new Date('2026-11-20T10:00:00Z');
const K = 3;
const SECRET = 'HEMLIG-BESKRIVNING-7f3a';
const NOTE = 'INTERN-ANTECKNING-91c2';
const FOLLOW_NOTE = 'UPPFOLJNINGS-NOT-55d1';

// Two square districts side by side near Värnamo (lon/lat); A west, B east.
const square = (lon0: number, lat0: number, d: number) => ({ type: 'Polygon' as const, coordinates: [[[lon0, lat0], [lon0 + d, lat0], [lon0 + d, lat0 + d], [lon0, lat0 + d], [lon0, lat0]] as [number, number][]] });
const A = square(14.0, 57.15, 0.04);
const B = square(14.04, 57.15, 0.04);

describe(`council dashboard data on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;
  let dto: CouncilDashboardDto;
  let districtA: string;
  let incidentIds: string[] = [];

  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h, 'Rådskommun');
    const db = h.db;
    districtA = (await createArea(db, code, { kind: 'district', name: 'Adalen', geom: A })).id;
    await createArea(db, code, { kind: 'district', name: 'Bergby', geom: B });
    const orgX = await createOrganisation(db, code, { name: 'Bostadsbolaget X', kind: 'housing' });
    const orgY = await createOrganisation(db, code, { name: 'Föreningen Y', kind: 'business' });

    // Incidents: 10 assaults in A in Q3 of 2023–2025 (one a fortnight at distinct places), 40 in 2026-Q3
    // (the spike); one a quarter in B; plus a sensitive one and a police-feed one in A that never count.
    const rows: { category: string; at: Date; lon: number; lat: number; source: string; description: string | null }[] = [];
    let n = 0;
    const place = () => {
      n += 1;
      return { lon: 14.002 + (n % 30) * 0.001, lat: 57.152 + Math.floor(n / 30) * 0.001 };
    };
    for (const year of [2023, 2024, 2025, 2026]) {
      const count = year === 2026 ? 40 : 10;
      for (let i = 0; i < count; i++) rows.push({ category: 'assault', at: fromLocalParts(year, 7 + (i % 3), 1 + (i % 27), 12), ...place(), source: 'police', description: SECRET });
      rows.push({ category: 'assault', at: fromLocalParts(year, 8, 10, 12), lon: 14.06, lat: 57.17, source: 'police', description: null });
    }
    rows.push({ category: 'domestic_violence', at: fromLocalParts(2026, 8, 3, 22), ...place(), source: 'police', description: SECRET });
    rows.push({ category: 'assault', at: fromLocalParts(2026, 8, 4, 22), ...place(), source: 'police_feed', description: null });
    const inserted = await db
      .insertInto('incident')
      .values(rows.map((r) => ({ municipality_code: code, category_key: r.category, occurred_at: r.at, geom: sql`ST_SetSRID(ST_MakePoint(${r.lon}, ${r.lat}), 4326)`, source: r.source, visibility: r.category === 'domestic_violence' ? 'restricted' : 'joint', description: r.description })))
      .returning('id')
      .execute();
    incidentIds = inserted.map((r) => r.id);

    // Pledge with an overdue unreported activity and a reported one; a follow-up note that must not show.
    const focus = await createFocusArea(db, code, { name: 'Torget', geom: square(14.005, 57.155, 0.01), period_from: '2025-09-01' });
    const pledge = await createPledge(db, code, { year: 2026, title: 'Tryggare torg', body: 'Vi lovar mer närvaro vid torget.', focus_area_ids: [focus.id], partner_org_ids: [orgX.id] });
    await createActivity(db, code, { pledge_id: pledge.id, title: 'Belysning', owner_org_id: orgX.id, starts_on: '2026-01-10', ends_on: '2026-08-01', status: 'ongoing', internal_notes: NOTE });
    const reported = await createActivity(db, code, { pledge_id: pledge.id, focus_area_id: focus.id, title: 'Kvällsvandringar', owner_org_id: orgY.id, starts_on: '2025-09-15', status: 'ongoing' });
    await createFollowUp(db, code, { activity_id: reported.id, quarter: '2026-Q3', status: 'on_track', note: FOLLOW_NOTE });

    // Cleanup: X has five graffiti reports cleaned after 2, 4, 6, 30 and 50 hours; Y has two.
    const v = (org: string, hours: number, day: number) => ({
      municipality_code: code,
      kind: 'graffiti',
      reported_at: fromLocalParts(2026, 8, day, 9),
      remediated_at: new Date(fromLocalParts(2026, 8, day, 9).getTime() + hours * 3_600_000),
      responsible_org_id: org,
      status: 'cleaned',
      geom: sql`ST_SetSRID(ST_MakePoint(14.01, 57.16), 4326)`,
      description: SECRET,
    });
    await db.insertInto('vandalism_report').values([v(orgX.id, 2, 1), v(orgX.id, 4, 2), v(orgX.id, 6, 3), v(orgX.id, 30, 4), v(orgX.id, 50, 5), v(orgY.id, 3, 6), v(orgY.id, 400, 7)]).execute();
    await createSurveyIndicator(db, code, { area_id: districtA, year: 2025, indicator: 'otrygg_kvall', value: 21.5, published: true });

    dto = await buildCouncilDashboard(db, { municipalityCode: code, quarter: '2026-Q3', now: NOW });
  }, 180_000);

  afterAll(async () => {
    // The shared test database stays open for other files; this municipality's rows are left as they are.
  });

  it('holds no published figure below k anywhere (trends, last year, cleanup, effects)', () => {
    const values: number[] = [];
    for (const s of [...dto.quarterly, ...dto.monthly]) for (const p of s.points) for (const f of [p.figure, p.lastYear]) if (f && f.value !== null) values.push(f.value);
    for (const c of dto.cleanup) if (c.reports !== null) values.push(c.reports);
    for (const e of dto.effects) if (e.counts) for (const x of Object.values(e.counts)) if (x !== null) values.push(x);
    expect(values.length).toBeGreaterThan(20);
    expect(values.filter((x) => x < K)).toEqual([]);
  });

  it('carries no incident-level field, id or free text', () => {
    const text = JSON.stringify(dto);
    for (const id of incidentIds) expect(text).not.toContain(id);
    for (const marker of [SECRET, NOTE, FOLLOW_NOTE]) expect(text).not.toContain(marker);
    const keys = new Set<string>();
    const walk = (x: unknown) => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) {
        keys.add(k);
        walk(v);
      }
    };
    walk(dto);
    for (const forbidden of ['lon', 'lat', 'geom', 'geometry', 'coordinates', 'occurred_at', 'occurredAt', 'description', 'internal_notes', 'internalNotes', 'note', 'external_id']) expect(keys.has(forbidden), forbidden).toBe(false);
  });

  it("gives district A's violence in 2026-Q3 as the direct SQL count, without the sensitive or feed incident, and calls it unusually high", async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM incident i JOIN area a ON a.id = ${districtA} AND ST_Covers(a.geom_3006, i.geom_3006)
      JOIN category c ON c.key = i.category_key AND c.group_key = 'violence' AND c.sensitivity = 'normal'
      WHERE i.municipality_code = ${code} AND i.source <> 'police_feed'
        AND to_char(i.occurred_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-"Q"Q') = '2026-Q3'`.execute(h.db);
    const point = dto.quarterly.find((s) => s.area === districtA && s.group === 'violence')!.points.at(-1)!;
    expect(rows[0].n).toBe(40);
    expect(point.figure).toEqual({ value: 40, atLeast: false });
    expect(point.lastYear).toEqual({ value: 10, atLeast: false });
    expect(point.percentChange).toBeNull(); // 10 < 20: counts, not per cent
    expect(point.verdict).toBe('high');
  });

  it('withholds the one-a-quarter district and never shows its count', () => {
    const b = dto.quarterly.find((s) => s.area !== 'all' && s.area !== districtA && s.group === 'violence')!;
    expect(b.points.every((p) => p.figure.value === null)).toBe(true);
  });

  it('flags the overdue, unreported activity and counts activities by status per pledge', () => {
    const pledge = dto.pledges.find((p) => p.title === 'Tryggare torg')!;
    expect(pledge.byStatus.ongoing).toBe(2);
    expect(pledge.overdue).toBe(1);
    expect(pledge.unreported).toBe(1);
    expect(pledge.activities.find((a) => a.title === 'Belysning')).toMatchObject({ overdue: true, unreported: true });
    expect(pledge.activities.find((a) => a.title === 'Kvällsvandringar')).toMatchObject({ overdue: false, unreported: false, followUpStatus: 'on_track' });
  });

  it('gives cleanup median and share per organisation, withholding one below k', () => {
    const x = dto.cleanup.find((c) => c.organisation === 'Bostadsbolaget X' && c.quarter === '2026-Q3')!;
    expect(x).toMatchObject({ reports: 5, medianHours: 6, withinTargetShare: 1 });
    const y = dto.cleanup.find((c) => c.organisation === 'Föreningen Y' && c.quarter === '2026-Q3')!;
    expect(y).toMatchObject({ reports: null, medianHours: null, withinTargetShare: null });
  });

  it('evaluates the focus area over equal windows around its first activity, saying too few when the target is small', () => {
    const e = dto.effects.find((x) => x.name === 'Torget')!;
    expect(e.startMonth).toBe('2025-09');
    expect(e.windows).toEqual({ before: { first: '2024-09', last: '2025-08' }, after: { first: '2025-10', last: '2026-09' }, months: 12 });
    expect(e.verdict).toBe('too-few');
    expect(e.z).toBeNull();
  });

  it('shows the published survey value of the district', () => {
    expect(dto.survey.rows).toEqual([expect.objectContaining({ areaId: districtA, year: 2025, indicator: 'otrygg_kvall', value: 21.5 })]);
  });
});
