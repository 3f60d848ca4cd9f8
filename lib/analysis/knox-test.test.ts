import { describe, expect, it } from 'vitest';
import { runKnoxTest } from '@/lib/analysis/knox-test';
import { createSeededRandom } from '@/lib/analysis/seeded-random';

function scatter(seed: number, n: number, repeats: boolean) {
  const r = createSeededRandom(seed);
  const x: number[] = [];
  const y: number[] = [];
  const t: number[] = [];
  for (let i = 0; i < n; i += 1) {
    x.push(r() * 5000);
    y.push(r() * 5000);
    t.push(r() * 365);
    if (repeats) {
      // A near repeat: 50 m and 3 days from the original.
      x.push(x[x.length - 1] + 50);
      y.push(y[y.length - 1]);
      t.push(t[t.length - 1] + 3);
    }
  }
  return { x, y, t };
}

const bands = { distanceBands: [100, 200], timeBands: [7, 14] };

describe('runKnoxTest', () => {
  it('flags the close-close cell when events repeat nearby within days', () => {
    const d = scatter(1, 150, true);
    const cells = runKnoxTest(d.x, d.y, d.t, { ...bands, seed: 42, permutations: 199 });
    expect(cells[0].flagged).toBe(true);
  });

  it('does not flag the close-close cell of events independent in space and time', () => {
    const d = scatter(2, 300, false);
    const cells = runKnoxTest(d.x, d.y, d.t, { ...bands, seed: 42, permutations: 199 });
    expect(cells[0].flagged).toBe(false);
  });

  it('gives identical results for the same seed', () => {
    const d = scatter(3, 100, true);
    const a = runKnoxTest(d.x, d.y, d.t, { ...bands, seed: 7, permutations: 99 });
    const b = runKnoxTest(d.x, d.y, d.t, { ...bands, seed: 7, permutations: 99 });
    expect(a).toEqual(b);
  });
});
