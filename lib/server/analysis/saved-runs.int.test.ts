// Saved analysis runs on a real database (PGlite + PostGIS and PostgreSQL + PostGIS): immutable rows, the
// id hash that tells whether the data changed, identical results on the same data, comparison of two runs,
// cause notes, job cancel and who may do what.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createSeededRandom } from '@/lib/analysis/seeded-random';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { cancelAnalysisJob, getAnalysisJobStatus, submitAnalysisJob, waitForAnalysisJob } from './analysis-jobs';
import { addHotspotNote, compareAnalysisRuns, getAnalysisRunDetail, saveAnalysisRun } from './saved-runs';

let h: DatabaseHandle;
let code: string;
let policeOrg: string;
let housingOrg: string;
let police: Viewer;

const GI = { method: 'gi_star', from: '2025-01-01', to: '2025-12-31', grid: 'square', cellSize: 250, band: 600, studyArea: 'points' } as const;

async function insertCluster(cx: number, cy: number, n: number, seed: number, opts: { day?: string; visibility?: string; org?: string } = {}): Promise<void> {
  const rnd = createSeededRandom(seed);
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k < n; k += 1) {
    x.push(Math.round((cx + (rnd() - 0.5) * 300) * 100) / 100);
    y.push(Math.round((cy + (rnd() - 0.5) * 300) * 100) / 100);
  }
  await sql`
    INSERT INTO incident (municipality_code, category_key, occurred_at, geom, source, visibility, origin_org_id)
    SELECT ${code}, 'theft', ${opts.day ?? '2025-05-01'}::date + interval '12 hours', ST_Transform(ST_SetSRID(ST_MakePoint(u.x, u.y), 3006), 4326), 'police',
      ${opts.visibility ?? 'joint'}, ${opts.org ?? policeOrg}::uuid
    FROM unnest(${x}::float8[], ${y}::float8[]) AS u(x, y)`.execute(h.db);
}

async function insertBackground(n: number, seed: number): Promise<void> {
  const rnd = createSeededRandom(seed);
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k < n; k += 1) {
    x.push(Math.round((436_000 + rnd() * 8000) * 100) / 100);
    y.push(Math.round((6_334_000 + rnd() * 8000) * 100) / 100);
  }
  await sql`
    INSERT INTO incident (municipality_code, category_key, occurred_at, geom, source, visibility, origin_org_id)
    SELECT ${code}, 'vandalism', '2025-06-01T10:00:00Z', ST_Transform(ST_SetSRID(ST_MakePoint(u.x, u.y), 3006), 4326), 'police', 'joint', ${policeOrg}::uuid
    FROM unnest(${x}::float8[], ${y}::float8[]) AS u(x, y)`.execute(h.db);
}

async function runAndWait(viewer: Viewer, request: Record<string, unknown>) {
  const job = await submitAnalysisJob(h.db, viewer, { municipality: code, ...request });
  return waitForAnalysisJob(h.db, viewer, job.id);
}

beforeAll(async () => {
  h = await getTestDatabase();
  code = await createTestMunicipality(h, 'Analyskommun');
  policeOrg = (await h.db.insertInto('organisation').values({ municipality_code: code, name: 'Polisen', kind: 'police' }).returning('id').executeTakeFirstOrThrow()).id;
  housingOrg = (await h.db.insertInto('organisation').values({ municipality_code: code, name: 'Bostadsbolaget', kind: 'housing' }).returning('id').executeTakeFirstOrThrow()).id;
  police = { userId: 'u-police', actor: 'polis@analys.test', municipalityCode: code, held: [{ role: 'police', organisationId: policeOrg }], meetingMode: false };
  await insertCluster(438_000, 6_338_000, 300, 1);
  await insertCluster(441_000, 6_340_000, 200, 2);
  await insertBackground(500, 3);
  // The housing company's own records: the police may not see them, so no police run may count them.
  await insertCluster(442_500, 6_336_000, 150, 4, { visibility: 'restricted', org: housingOrg });
}, 120_000);

describe(`saved analysis runs on ${testBackend()}`, () => {
  it('a Gi* job counts only records the viewer may see exactly and finds the hot cells', async () => {
    const done = await runAndWait(police, GI);
    expect(done.state).toBe('done');
    expect(done.incidents).toBe(1000);
    expect(done.view!.hotspots.length).toBeGreaterThanOrEqual(2);
    expect(done.view!.hotspots[0]).toMatchObject({ rank: 1, confidence: 99 });
    expect(done.view!.cells.features.every((f) => f.properties.bin !== 0)).toBe(true);
  });

  it('meeting mode leaves out everything but joint records', async () => {
    await insertCluster(437_000, 6_341_000, 40, 5, { visibility: 'partners' });
    try {
      const normal = await runAndWait(police, GI);
      const meeting = await runAndWait({ ...police, meetingMode: true }, GI);
      expect(normal.incidents).toBe(1040);
      expect(meeting.incidents).toBe(1000);
    } finally {
      await sql`DELETE FROM incident WHERE municipality_code = ${code} AND visibility = 'partners'`.execute(h.db);
    }
  });

  it('a saved run is immutable: UPDATE and DELETE of the row are refused by the database', async () => {
    const done = await runAndWait(police, GI);
    const { runId } = await saveAnalysisRun(h.db, police, { job_id: done.id, title: 'Gi* 2025' });
    await expect(sql`UPDATE analysis_run SET result = '{}'::jsonb WHERE id = ${runId}::uuid`.execute(h.db)).rejects.toThrow(/immutable/);
    await expect(sql`UPDATE analysis_run SET title = 'x' WHERE id = ${runId}::uuid`.execute(h.db)).rejects.toThrow(/immutable/);
    await expect(sql`DELETE FROM analysis_run WHERE id = ${runId}::uuid`.execute(h.db)).rejects.toThrow(/immutable/);
    const row = await h.db.selectFrom('analysis_run').select(['title', 'record_ids_hash']).where('id', '=', runId).executeTakeFirstOrThrow();
    expect(row.title).toBe('Gi* 2025');
    expect(row.record_ids_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reopening a run tells whether its data has changed since: an added incident changes the id hash', async () => {
    const done = await runAndWait(police, GI);
    const { runId } = await saveAnalysisRun(h.db, police, { job_id: done.id, title: 'Före ändring' });
    const before = await getAnalysisRunDetail(h.db, police, runId);
    expect(before.now).toEqual({ incidents: 1000, hash: before.recordIdsHash, changed: false });
    await insertCluster(439_000, 6_339_000, 1, 6, { day: '2025-03-03' });
    try {
      const after = await getAnalysisRunDetail(h.db, police, runId);
      expect(after.now.changed).toBe(true);
      expect(after.now.incidents).toBe(1001);
      // The stored result is what it was.
      expect(after.stored).toEqual(before.stored);
    } finally {
      await sql`DELETE FROM incident WHERE municipality_code = ${code} AND occurred_at::date = '2025-03-03'`.execute(h.db);
    }
    expect((await getAnalysisRunDetail(h.db, police, runId)).now.changed).toBe(false);
  });

  it('a record the viewer may not see does not change the hash they get', async () => {
    const done = await runAndWait(police, GI);
    const { runId } = await saveAnalysisRun(h.db, police, { job_id: done.id, title: 'Polisens vy' });
    await insertCluster(439_000, 6_339_000, 3, 7, { visibility: 'restricted', org: housingOrg });
    expect((await getAnalysisRunDetail(h.db, police, runId)).now.changed).toBe(false);
  });

  it('running again on the same data gives the identical result (Gi*, DBSCAN, emerging, KDE)', async () => {
    for (const request of [
      GI,
      { ...GI, grid: 'hex' },
      { method: 'dbscan', from: '2025-01-01', to: '2025-12-31', eps: 60, minPoints: 8 },
      { method: 'emerging', from: '2025-01-01', to: '2025-12-31', grid: 'square', cellSize: 500, band: 1000, step: 'quarter', studyArea: 'points' },
      { method: 'kde', from: '2025-01-01', to: '2025-12-31', cellSize: 250, bandwidth: 500 },
    ]) {
      const first = await runAndWait(police, request);
      const { runId } = await saveAnalysisRun(h.db, police, { job_id: first.id, title: `Första ${request.method}` });
      const second = await runAndWait(police, request);
      const saved = await getAnalysisRunDetail(h.db, police, runId);
      expect(second.state).toBe('done');
      expect(second.view, request.method).toEqual(saved.view);
      const { runId: again } = await saveAnalysisRun(h.db, police, { job_id: second.id, title: `Andra ${request.method}` });
      const stored = await h.db.selectFrom('analysis_run').select(['result', 'record_ids_hash']).where('id', 'in', [runId, again]).execute();
      expect(stored[0]).toEqual(stored[1]);
    }
  });

  it('a DBSCAN run finds the two dense clusters with hulls and category mix', async () => {
    const done = await runAndWait(police, { method: 'dbscan', from: '2025-01-01', to: '2025-12-31', eps: 60, minPoints: 8 });
    const top = done.view!.hotspots.slice(0, 2);
    expect(top.map((c) => c.ref)).toHaveLength(2);
    expect(top[0].incidents).toBeGreaterThan(150);
    expect(top[0].topCategories[0][0]).toBe('theft');
    expect(done.view!.clusters.features.length).toBe(done.view!.summary.clusters);
  });

  it('saving links the run to a new EST meeting, and cause notes are listed with the run', async () => {
    const done = await runAndWait(police, GI);
    const { runId, meetingId } = await saveAnalysisRun(h.db, police, {
      job_id: done.id,
      title: 'Inför medborgarlöfte',
      meeting: { held_on: '2026-11-20', kind: 'analysis', meeting_mode: true, organisation_ids: [policeOrg, housingOrg], notes: 'Analysmöte', decisions: 'Fokus på centrum' },
    });
    const ref = done.view!.hotspots[0].ref;
    await addHotspotNote(h.db, police, runId, { meeting_id: meetingId, hotspot_ref: ref, cause_note: 'Mörk gångtunnel och skymd sikt' });
    const detail = await getAnalysisRunDetail(h.db, police, runId);
    expect(detail.meetings).toEqual([expect.objectContaining({ id: meetingId, held_on: '2026-11-20', meeting_mode: true, organisations: ['Bostadsbolaget', 'Polisen'], decisions: 'Fokus på centrum' })]);
    expect(detail.notes).toEqual([expect.objectContaining({ hotspot_ref: ref, cause_note: 'Mörk gångtunnel och skymd sikt', held_on: '2026-11-20' })]);
    await expect(addHotspotNote(h.db, police, runId, { meeting_id: meetingId, hotspot_ref: 'not a ref', cause_note: 'x' })).rejects.toThrow(/hotspot_ref/);
  });

  it('comparing two runs: the hotspot in both is persistent, the added one new, the removed one gone', async () => {
    const a = await runAndWait(police, { ...GI, from: '2025-01-01', to: '2025-12-31' });
    const { runId: aId } = await saveAnalysisRun(h.db, police, { job_id: a.id, title: 'A' });
    // Later: the 441/6340 cluster is gone, a new one appears at 436.5/6335.
    await insertCluster(438_000, 6_338_000, 300, 11, { day: '2026-05-01' });
    await insertCluster(436_500, 6_335_000, 250, 12, { day: '2026-05-01' });
    await insertBackground(0, 0);
    const b = await runAndWait(police, { ...GI, from: '2026-01-01', to: '2026-12-31' });
    const { runId: bId } = await saveAnalysisRun(h.db, police, { job_id: b.id, title: 'B' });
    const c = await compareAnalysisRuns(h.db, police, aId, bId);
    expect(c.byCell).toBe(true);
    const near = (status: string, x: number, y: number) =>
      c.items.some((i) => i.status === status && i.hotspot.rings3006.some((r) => r.some(([px, py]) => Math.abs(px - x) < 600 && Math.abs(py - y) < 600)));
    expect(near('persistent', 438_000, 6_338_000)).toBe(true);
    expect(near('new', 436_500, 6_335_000)).toBe(true);
    expect(near('gone', 441_000, 6_340_000)).toBe(true);
    expect(c.counts.new + c.counts.persistent + c.counts.gone).toBe(c.items.length);
  });

  it('cancelling: a running job and a queued one both end cancelled, without a result', async () => {
    const first = await submitAnalysisJob(h.db, police, { municipality: code, method: 'dbscan', from: '2025-01-01', to: '2026-12-31', eps: 60, minPoints: 8 });
    const second = await submitAnalysisJob(h.db, police, { municipality: code, ...GI });
    expect((await getAnalysisJobStatus(h.db, police, second.id)).state).toBe('queued');
    await cancelAnalysisJob(h.db, police, second.id);
    await cancelAnalysisJob(h.db, police, first.id);
    const [a, b] = [await waitForAnalysisJob(h.db, police, first.id), await waitForAnalysisJob(h.db, police, second.id)];
    expect([a.state, b.state]).toEqual(['cancelled', 'cancelled']);
    expect(a.view).toBeNull();
    await expect(saveAnalysisRun(h.db, police, { job_id: first.id, title: 'x' })).rejects.toThrow(/not found/);
  });

  it('partners and council may not run analyses; another user never sees my job', async () => {
    const partner: Viewer = { ...police, userId: 'u-partner', actor: 'partner@analys.test', held: [{ role: 'partner', organisationId: housingOrg }] };
    const council: Viewer = { ...police, userId: 'u-council', actor: 'bra@analys.test', held: [{ role: 'council', organisationId: null }] };
    await expect(submitAnalysisJob(h.db, partner, { municipality: code, ...GI })).rejects.toMatchObject({ status: 403 });
    await expect(submitAnalysisJob(h.db, council, { municipality: code, ...GI })).rejects.toMatchObject({ status: 403 });
    const job = await submitAnalysisJob(h.db, police, { municipality: code, ...GI });
    const colleague: Viewer = { ...police, userId: 'u-other', actor: 'annan@analys.test' };
    await expect(getAnalysisJobStatus(h.db, colleague, job.id)).rejects.toMatchObject({ status: 404 });
    await waitForAnalysisJob(h.db, police, job.id);
    const denied = await h.db.selectFrom('audit_event').select('actor').where('action', '=', 'denied').where('municipality_code', '=', code).execute();
    expect(denied.map((d) => d.actor).sort()).toEqual(['bra@analys.test', 'partner@analys.test']);
  });
});
