import { describe, expect, it } from 'vitest';
import { dbscan } from '@/lib/analysis/dbscan';
import { createSeededRandom } from '@/lib/analysis/seeded-random';
import { runDbscanInWorker } from '@/lib/server/analysis/dbscan-runner';

function points(n: number) {
  const r = createSeededRandom(9);
  return { x: Float64Array.from({ length: n }, () => r() * 2000), y: Float64Array.from({ length: n }, () => r() * 2000) };
}

describe('runDbscanInWorker', () => {
  it('gives the same labels as DBSCAN on the main thread and reports progress up to 1', async () => {
    const { x, y } = points(20000);
    const seen: number[] = [];
    const r = await runDbscanInWorker(x, y, { eps: 20, minPoints: 5, onProgress: (f) => seen.push(f) });
    expect(Array.from(r.labels)).toEqual(Array.from(dbscan(x, y, { eps: 20, minPoints: 5 }).labels));
    expect(seen[seen.length - 1]).toBe(1);
  }, 30_000);

  it('gives the same result with the neighbour counting shared by two threads as with one', async () => {
    const { x, y } = points(30000);
    const one = await runDbscanInWorker(x, y, { eps: 10, minPoints: 5, threads: 1 });
    const two = await runDbscanInWorker(x, y, { eps: 10, minPoints: 5, threads: 2 });
    expect(one.clusterCount).toBeGreaterThan(5);
    expect(Array.from(two.labels)).toEqual(Array.from(one.labels));
    expect(Array.from(two.core)).toEqual(Array.from(one.core));
    expect(two.meanNeighbours).toBe(one.meanNeighbours);
  }, 60_000);

  it('rejects with an AbortError when cancelled, with a helper thread too', async () => {
    const { x, y } = points(1000);
    const controller = new AbortController();
    const run = runDbscanInWorker(x, y, { eps: 20, minPoints: 5, signal: controller.signal, threads: 2 });
    controller.abort();
    await expect(run).rejects.toThrow(/cancelled/);
  }, 30_000);

  it('rejects with an AbortError when cancelled', async () => {
    const { x, y } = points(1000);
    const controller = new AbortController();
    const run = runDbscanInWorker(x, y, { eps: 20, minPoints: 5, signal: controller.signal });
    controller.abort();
    await expect(run).rejects.toThrow(/cancelled/);
  }, 30_000);
});
