// Prioritising focus areas on a real database (PGlite + PostGIS and PostgreSQL + PostGIS): candidates from a
// run's hotspots, from districts and from a drawn polygon, scored on METHODS.md's criteria with the weights
// saved in a priority run, and one adopted as a focus area that carries its evidence.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createSeededRandom } from '@/lib/analysis/seeded-random';
import { projectSweref99tmToWgs84 } from '@/lib/geo/crs';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { submitAnalysisJob, waitForAnalysisJob } from './analysis-jobs';
import { adoptFocusArea, getPriorityTable, PRIORITY_CRITERIA, scoreFocusAreaCandidates } from './priorities';
import { saveAnalysisRun } from './saved-runs';

let h: DatabaseHandle;
let code: string;
let org: string;
let police: Viewer;
let runId: string;

/** A WGS84 polygon of the EPSG:3006 rectangle. */
function rect(x0: number, y0: number, x1: number, y1: number) {
  const ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]].map(([x, y]) => projectSweref99tmToWgs84(x, y));
  return { type: 'Polygon' as const, coordinates: [ring] };
}

async function insertPoints(table: 'incident' | 'unsafe_place' | 'vandalism_report', cx: number, cy: number, n: number, seed: number, spread = 300): Promise<void> {
  const rnd = createSeededRandom(seed);
  const x = Array.from({ length: n }, () => cx + (rnd() - 0.5) * spread);
  const y = Array.from({ length: n }, () => cy + (rnd() - 0.5) * spread);
  const geom = sql`ST_Transform(ST_SetSRID(ST_MakePoint(u.x, u.y), 3006), 4326)`;
  const from = sql`FROM unnest(${x}::float8[], ${y}::float8[]) AS u(x, y)`;
  if (table === 'incident') {
    await sql`INSERT INTO incident (municipality_code, category_key, occurred_at, geom, source, visibility, origin_org_id)
      SELECT ${code}, 'assault', '2025-05-01T12:00:00Z', ${geom}, 'police', 'joint', ${org}::uuid ${from}`.execute(h.db);
  } else if (table === 'unsafe_place') {
    await sql`INSERT INTO unsafe_place (municipality_code, title, geom, source, visibility, origin_org_id)
      SELECT ${code}, 'Mörk passage', ${geom}, 'staff', 'joint', ${org}::uuid ${from}`.execute(h.db);
  } else {
    await sql`INSERT INTO vandalism_report (municipality_code, kind, geom, reported_at, remediated_at, visibility, origin_org_id)
      SELECT ${code}, 'graffiti', ${geom}, '2025-06-01T08:00:00Z', '2025-06-03T08:00:00Z', 'joint', ${org}::uuid ${from}`.execute(h.db);
  }
}

beforeAll(async () => {
  h = await getTestDatabase();
  code = await createTestMunicipality(h, 'Prioriteringskommun');
  org = (await h.db.insertInto('organisation').values({ municipality_code: code, name: 'Kommunen', kind: 'municipality' }).returning('id').executeTakeFirstOrThrow()).id;
  police = { userId: 'u-kommun', actor: 'kommun@prio.test', municipalityCode: code, held: [{ role: 'municipality', organisationId: org }], meetingMode: false };
  // Two districts side by side; the hot cluster, unsafe places and graffiti lie in Norr.
  for (const [name, y0] of [['Söder', 6_330_000], ['Norr', 6_336_000]] as const) {
    const area = await h.db
      .insertInto('area')
      .values({ municipality_code: code, kind: 'district', name, geom: sql`ST_Multi(ST_GeomFromGeoJSON(${JSON.stringify(rect(434_000, y0, 446_000, y0 + 6000))}))` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await h.db.insertInto('survey_indicator').values({ municipality_code: code, area_id: area.id, year: 2025, indicator: 'otrygg_kvall', value: name === 'Norr' ? 30 : 12 }).execute();
  }
  await insertPoints('incident', 440_000, 6_339_000, 250, 1);
  await insertPoints('incident', 440_000, 6_333_000, 400, 2, 6000);
  await insertPoints('incident', 440_000, 6_339_000, 400, 3, 6000);
  await insertPoints('unsafe_place', 440_000, 6_339_000, 4, 4);
  await insertPoints('vandalism_report', 440_000, 6_339_000, 6, 5);
  const job = await submitAnalysisJob(h.db, police, { municipality: code, method: 'gi_star', from: '2025-01-01', to: '2025-12-31', grid: 'square', cellSize: 300, band: 700, studyArea: 'points' });
  const done = await waitForAnalysisJob(h.db, police, job.id);
  runId = (await saveAnalysisRun(h.db, police, { job_id: done.id, title: 'Underlag' })).runId;
}, 120_000);

describe(`prioritisation on ${testBackend()}`, () => {
  it("the run's strongest hotspot ranks first, and each candidate's shares add up to its score", async () => {
    const t = await scoreFocusAreaCandidates(h.db, police, runId, { source: 'hotspots' });
    expect(t.candidates.length).toBeGreaterThanOrEqual(1);
    const first = t.candidates[0];
    expect(first.rank).toBe(1);
    expect(first.incidents).toBeGreaterThan(150);
    expect(first.values.unsafeOpen).toBe(4);
    expect(first.values.vandalism).toBe(6);
    expect(first.values.cleanupHours).toBeCloseTo(48, 6);
    expect(first.values.insecurity).toBeCloseTo(30, 6);
    expect(first.values.maxZ).toBeGreaterThan(3);
    for (const c of t.candidates) {
      const sum = PRIORITY_CRITERIA.reduce((s, k) => s + c.parts[k].contribution, 0);
      expect(sum).toBeCloseTo(c.score, 12);
      if (c.score > 0) expect(PRIORITY_CRITERIA.reduce((s, k) => s + c.parts[k].share, 0)).toBeCloseTo(1, 12);
    }
    expect(t.priorityRunId).toBeNull();
  });

  it('districts as candidates: Norr outranks Söder; the weights given are saved with the priority run', async () => {
    const weights = { severity: 1, density: 0, maxZ: 0, trend: 0, unsafeOpen: 2, vandalism: 0, cleanupHours: 0, insecurity: 3 };
    const t = await scoreFocusAreaCandidates(h.db, police, runId, { source: 'districts', weights, save: true });
    expect(t.candidates.map((c) => c.label)).toEqual(['Norr', 'Söder']);
    expect(t.candidates[0].score).toBeCloseTo(6, 12);
    expect(t.candidates[1].score).toBe(0);
    const saved = await getPriorityTable(h.db, police, t.priorityRunId!);
    expect(saved.weights).toEqual(weights);
    expect(saved.candidates).toEqual(JSON.parse(JSON.stringify(t.candidates)));
    const row = await h.db.selectFrom('analysis_run').select(['method', 'parameters']).where('id', '=', t.priorityRunId!).executeTakeFirstOrThrow();
    expect(row.method).toBe('priority');
    expect(row.parameters).toMatchObject({ sourceRunId: runId, source: 'districts', weights });
  });

  it('a drawn polygon is a candidate of its own', async () => {
    const t = await scoreFocusAreaCandidates(h.db, police, runId, { source: 'polygon', polygon: rect(439_000, 6_338_000, 441_000, 6_340_000), polygon_label: 'Stationsområdet' });
    expect(t.candidates).toHaveLength(1);
    expect(t.candidates[0]).toMatchObject({ label: 'Stationsområdet', id: 'polygon:1' });
    expect(t.candidates[0].areaKm2).toBeCloseTo(4, 1);
    expect(t.candidates[0].incidents).toBeGreaterThan(250);
  });

  it('"Anta som fokusområde" creates a focus area carrying the run, score and criteria', async () => {
    const t = await scoreFocusAreaCandidates(h.db, police, runId, { source: 'hotspots', save: true });
    const c = t.candidates[0];
    const { focusAreaId } = await adoptFocusArea(h.db, police, { priority_run_id: t.priorityRunId, candidate_id: c.id, name: 'Resecentrum', period_from: '2026-01-01', period_to: '2026-12-31' });
    const row = await h.db.selectFrom('focus_area').select(['name', 'source_run_id', 'evidence', sql<boolean>`ST_IsValid(geom)`.as('valid'), sql<number>`ST_Area(geom_3006)`.as('m2')]).where('id', '=', focusAreaId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Resecentrum', source_run_id: runId, valid: true });
    expect(Number(row.m2) / 1e6).toBeCloseTo(c.areaKm2, 3);
    expect(row.evidence).toMatchObject({ source_run_id: runId, priority_run_id: t.priorityRunId, candidate: c.id, rank: 1, score: c.score });
    expect(Object.keys((row.evidence as { criteria: object }).criteria).sort()).toEqual([...PRIORITY_CRITERIA].sort());
    await expect(adoptFocusArea(h.db, police, { priority_run_id: t.priorityRunId, candidate_id: 'cell:0:0', name: 'x', period_from: '2026-01-01' })).rejects.toMatchObject({ status: 404 });
  });

  it('a partner may not score or adopt', async () => {
    const partner: Viewer = { ...police, userId: 'u-partner', actor: 'partner@prio.test', held: [{ role: 'partner', organisationId: org }] };
    await expect(scoreFocusAreaCandidates(h.db, partner, runId, { source: 'hotspots' })).rejects.toMatchObject({ status: 403 });
    await expect(adoptFocusArea(h.db, partner, { priority_run_id: runId, candidate_id: 'x', name: 'x', period_from: '2026-01-01' })).rejects.toMatchObject({ status: 403 });
  });
});
