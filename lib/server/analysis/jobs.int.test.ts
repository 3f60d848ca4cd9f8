// Analysis jobs over a real database (PGlite + PostGIS or PostgreSQL + PostGIS): progress, cancel, and one
// running job per municipality.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { dbscan } from '@/lib/analysis/dbscan';
import { createSeededRandom } from '@/lib/analysis/seeded-random';
import { EMPTY_IDS_HASH, getIncidentIdSplit, getIncidentIdsDigest } from '@/db/queries/analysis/cell-counts';
import { type AnalysisJob, createAnalysisJobRunner, hashIds } from '@/lib/server/analysis/jobs';
import { runEmergingHotSpots, runHotSpots } from '@/lib/server/analysis/run-hot-spots';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';

const N = 3000;

async function insertPoints(h: DatabaseHandle, code: string, seed: number): Promise<void> {
  const rnd = createSeededRandom(seed);
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k < N; k += 1) {
    const clustered = rnd() < 0.6;
    const cx = clustered ? 440_000 + (k % 3) * 1500 : 436_000 + rnd() * 8000;
    const cy = clustered ? 6_338_000 : 6_334_000 + rnd() * 8000;
    x.push(Math.round((cx + (clustered ? (rnd() - 0.5) * 300 : 0)) * 100) / 100);
    y.push(Math.round((cy + (clustered ? (rnd() - 0.5) * 300 : 0)) * 100) / 100);
  }
  await sql`
    INSERT INTO incident (municipality_code, category_key, occurred_at, geom, source)
    SELECT ${code}, 'theft', '2025-05-01T10:00:00Z'::timestamptz, ST_Transform(ST_SetSRID(ST_MakePoint(u.x, u.y), 3006), 4326), 'synthetic'
    FROM unnest(${x}::float8[], ${y}::float8[]) AS u(x, y)`.execute(h.db);
}

describe(`analysis jobs on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;

  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h, 'Jobbkommun');
    await insertPoints(h, code, 11);
  });

  it('a DBSCAN job reports queued, running phases in order with rising per cent, then done with the clusters', async () => {
    const runner = createAnalysisJobRunner({ db: h.db, chunkSize: 250 });
    const seen: AnalysisJob[] = [];
    const job = runner.submit({ kind: 'dbscan', municipalityCode: code, eps: 60, minPoints: 8 }, (j) => seen.push(j));
    const end = await runner.waitFor(job.id);
    expect(end.state).toBe('done');
    expect(seen[0].state).toBe('queued');
    expect(seen.at(-1)).toMatchObject({ state: 'done', percent: 100 });
    const percents = seen.map((j) => j.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    const phases = seen.map((j) => j.phase).filter((p, k, all) => p !== null && p !== all[k - 1]);
    expect(phases).toEqual(['reading', 'clustering']);
    expect(seen.filter((j) => j.phase === 'reading').length).toBeGreaterThanOrEqual(N / 250);
    if (end.result?.kind !== 'dbscan') throw new Error('expected a DBSCAN result');
    expect(end.result.ids).toHaveLength(N);
    expect(end.result.result.clusterCount).toBeGreaterThanOrEqual(3);
  });

  it('a read split into two id ranges read side by side gives the same points in the same order as one range', async () => {
    const read = async (readLanes: number) => {
      const runner = createAnalysisJobRunner({ db: h.db, chunkSize: 130, readLanes });
      const end = await runner.waitFor(runner.submit({ kind: 'dbscan', municipalityCode: code, eps: 60, minPoints: 8 }).id);
      if (end.result?.kind !== 'dbscan') throw new Error('expected a DBSCAN result');
      return end.result;
    };
    const [one, two] = [await read(1), await read(2)];
    const split = await getIncidentIdSplit(h.db, { municipalityCode: code }, N);
    expect(split !== null && one.ids.indexOf(split) > 0.4 * N && one.ids.indexOf(split) < 0.6 * N).toBe(true);
    expect(two.ids).toEqual(one.ids);
    expect(Array.from(two.points.x)).toEqual(Array.from(one.points.x));
    expect(Array.from(two.points.times)).toEqual(Array.from(one.points.times));
    expect(two.points.categories).toEqual(one.points.categories);
    expect(two.digest).toEqual(one.digest);
  });

  it('the DBSCAN job labels points as the pure dbscan does on the points it read', async () => {
    const runner = createAnalysisJobRunner({ db: h.db, chunkSize: 1000 });
    const end = await runner.waitFor(runner.submit({ kind: 'dbscan', municipalityCode: code, eps: 60, minPoints: 8 }).id);
    if (end.result?.kind !== 'dbscan') throw new Error('expected a DBSCAN result');
    const r = await sql<{ x: number; y: number }>`
      SELECT ST_X(geom_3006)::float8 AS x, ST_Y(geom_3006)::float8 AS y FROM incident
      WHERE municipality_code = ${code} ORDER BY id`.execute(h.db);
    const pure = dbscan(Float64Array.from(r.rows, (p) => p.x), Float64Array.from(r.rows, (p) => p.y), { eps: 60, minPoints: 8 });
    expect(Array.from(end.result.result.labels)).toEqual(Array.from(pure.labels));
  });

  it('a hot-spot job counts, computes and ends with the same cells as runHotSpots', async () => {
    const runner = createAnalysisJobRunner({ db: h.db });
    const seen: AnalysisJob[] = [];
    const spec = { municipalityCode: code, grid: 'hex', cellSize: 250, band: 600 } as const;
    const end = await runner.waitFor(runner.submit({ kind: 'hot-spots', ...spec }, (j) => seen.push(j)).id);
    expect(seen.map((j) => [j.state, j.phase, j.percent])).toEqual([
      ['queued', null, 0],
      ['running', null, 0],
      ['running', 'counting', 0],
      ['running', 'computing', 50],
      ['done', 'computing', 100],
    ]);
    expect(end.result).toEqual({ kind: 'hot-spots', result: await runHotSpots(h.db, spec), digest: await getIncidentIdsDigest(h.db, spec) });
  });

  it('the id hash of the points a DBSCAN job read equals the SQL digest of the same rows', async () => {
    const runner = createAnalysisJobRunner({ db: h.db, chunkSize: 700 });
    const end = await runner.waitFor(runner.submit({ kind: 'dbscan', municipalityCode: code, eps: 60, minPoints: 8 }).id);
    if (end.result?.kind !== 'dbscan') throw new Error('expected a DBSCAN result');
    expect(end.result.digest).toEqual(await getIncidentIdsDigest(h.db, { municipalityCode: code }));
    expect(end.result.digest.count).toBe(N);
    expect(hashIds([])).toBe(EMPTY_IDS_HASH);
  });

  it('an emerging job computes in its worker what runEmergingHotSpots computes in place', async () => {
    const runner = createAnalysisJobRunner({ db: h.db });
    const spec = { municipalityCode: code, from: '2025-01-01', to: '2025-12-31', step: 'month', grid: 'square', cellSize: 300, band: 700 } as const;
    const end = await runner.waitFor(runner.submit({ kind: 'emerging', ...spec }).id);
    expect(end.state).toBe('done');
    if (end.result?.kind !== 'emerging' || !end.result.result) throw new Error('expected an emerging result');
    const inPlace = await runEmergingHotSpots(h.db, spec);
    expect(end.result.result.result).toEqual(inPlace!.result);
    expect(end.result.result.countsPerStep).toEqual(inPlace!.countsPerStep);
  });

  it('cancelling a running job stops it: no result and no progress after the cancel', async () => {
    const runner = createAnalysisJobRunner({ db: h.db, chunkSize: 100 });
    const seen: AnalysisJob[] = [];
    let cancelledAt = -1;
    const job = runner.submit({ kind: 'dbscan', municipalityCode: code, eps: 60, minPoints: 8 }, (j) => {
      seen.push(j);
      if (j.phase === 'reading' && cancelledAt < 0) {
        cancelledAt = seen.length;
        runner.cancel(job.id);
      }
    });
    const end = await runner.waitFor(job.id);
    expect(end.state).toBe('cancelled');
    expect(end.result).toBeUndefined();
    expect(seen.slice(cancelledAt)).toEqual([expect.objectContaining({ state: 'cancelled' })]);
    expect(runner.cancel(job.id)).toBe(false);
  });

  it('a second job for the same municipality waits queued until the first has ended', async () => {
    const runner = createAnalysisJobRunner({ db: h.db, chunkSize: 500 });
    const log: string[] = [];
    const first = runner.submit({ kind: 'dbscan', municipalityCode: code, eps: 60, minPoints: 8 }, (j) => log.push(`1:${j.state}`));
    const second = runner.submit({ kind: 'hot-spots', municipalityCode: code, grid: 'hex', cellSize: 250, band: 600 }, (j) => log.push(`2:${j.state}`));
    expect(runner.get(second.id)?.state).toBe('queued');
    await runner.waitFor(second.id);
    const firstDone = log.indexOf('1:done');
    const secondRunning = log.indexOf('2:running');
    expect(firstDone).toBeGreaterThan(-1);
    expect(secondRunning).toBeGreaterThan(firstDone);
    expect(runner.get(first.id)?.state).toBe('done');
    expect(runner.get(second.id)).toMatchObject({ state: 'done', percent: 100 });
  });

  it('a cancelled queued job never runs and the next one starts', async () => {
    const runner = createAnalysisJobRunner({ db: h.db, chunkSize: 500 });
    const first = runner.submit({ kind: 'dbscan', municipalityCode: code, eps: 60, minPoints: 8 });
    const states: string[] = [];
    const second = runner.submit({ kind: 'hot-spots', municipalityCode: code, grid: 'square', cellSize: 300, band: 700 }, (j) => states.push(j.state));
    const third = runner.submit({ kind: 'hot-spots', municipalityCode: code, grid: 'square', cellSize: 300, band: 700 });
    expect(runner.cancel(second.id)).toBe(true);
    expect((await runner.waitFor(third.id)).state).toBe('done');
    expect((await runner.waitFor(first.id)).state).toBe('done');
    expect(states).toEqual(['queued', 'cancelled']);
  });
});
