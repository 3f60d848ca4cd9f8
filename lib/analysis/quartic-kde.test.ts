import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fixture from '@/lib/analysis/fixtures/kde-chicago-50ft-120ft.json';
import { quarticKde } from '@/lib/analysis/quartic-kde';
import { parseCsv } from '@/lib/cli/hotspots';

function chicagoPoints() {
  const t = parseCsv(readFileSync(new URL('../../../shared/data/chicago_crimes_spatstat.csv', import.meta.url), 'utf8'));
  return { x: t.rows.map((r) => Number(r[1])), y: t.rows.map((r) => Number(r[2])) };
}

describe('quarticKde', () => {
  it('matches the scipy reference at every Chicago cell centre within 1e-12 relative', () => {
    const s = fixture.cellSize;
    const at = { x: fixture.ix.map((v) => (v + 0.5) * s), y: fixture.iy.map((v) => (v + 0.5) * s) };
    const d = quarticKde(chicagoPoints(), at, fixture.bandwidth);
    const peak = Math.max(...fixture.density);
    const err = Math.max(...fixture.density.map((v, k) => Math.abs(v - d[k])));
    expect(err / peak).toBeLessThan(1e-12);
  });

  it('gives 3/(πh²) at a lone point and nothing at distance h', () => {
    const d = quarticKde({ x: [0], y: [0] }, { x: [0, 2], y: [0, 0] }, 2);
    expect(d[0]).toBeCloseTo(3 / (Math.PI * 4), 15);
    expect(d[1]).toBe(0);
  });
});
