import { describe, expect, it } from 'vitest';
import { generateSyntheticIncidents, orderedUuid, SYNTHETIC_DEFAULT_UNTIL, SYNTHETIC_EXTENT_3006, type SyntheticBatch } from './synthetic';

function collect(n: number, seed: number, batchSize?: number) {
  const batches = [...generateSyntheticIncidents({ n, seed, batchSize })];
  const cat = <K extends 'x' | 'y' | 'lon' | 'lat' | 'occurredAt' | 'category'>(k: K) => batches.flatMap((b: SyntheticBatch) => Array.from(b[k]));
  return { batches, x: cat('x'), y: cat('y'), lon: cat('lon'), lat: cat('lat'), t: cat('occurredAt'), c: cat('category') };
}

describe('synthetic incidents', () => {
  it('yields N incidents in batches of the requested size', () => {
    const { batches } = collect(25_000, 1, 10_000);
    expect(batches.map((b) => b.count)).toEqual([10_000, 10_000, 5_000]);
    expect(batches.map((b) => b.offset)).toEqual([0, 10_000, 20_000]);
  });

  it('gives the same incidents for the same seed whatever the batch size', () => {
    const a = collect(5_000, 7, 5_000);
    const b = collect(5_000, 7, 333);
    expect(b.x).toEqual(a.x);
    expect(b.t).toEqual(a.t);
    expect(b.c).toEqual(a.c);
  });

  it('gives different incidents for a different seed', () => {
    expect(collect(1_000, 1).x).not.toEqual(collect(1_000, 2).x);
  });

  it('keeps every point inside the 20 × 20 km extent and its WGS84 copy near Värnamo', () => {
    const { x, y, lon, lat } = collect(20_000, 3);
    const { minX, maxX, minY, maxY } = SYNTHETIC_EXTENT_3006;
    expect(Math.min(...x)).toBeGreaterThanOrEqual(minX);
    expect(Math.max(...x)).toBeLessThan(maxX);
    expect(Math.min(...y)).toBeGreaterThanOrEqual(minY);
    expect(Math.max(...y)).toBeLessThan(maxY);
    expect(Math.min(...lon)).toBeGreaterThan(13.8);
    expect(Math.max(...lon)).toBeLessThan(14.3);
    expect(Math.min(...lat)).toBeGreaterThan(57.0);
    expect(Math.max(...lat)).toBeLessThan(57.3);
  });

  it('is clustered: the busiest 5 % of 500 m cells hold far more than 5 % of the points', () => {
    const { x, y } = collect(50_000, 4);
    const counts = new Map<string, number>();
    for (let i = 0; i < x.length; i++) {
      const key = `${Math.floor(x[i] / 500)}:${Math.floor(y[i] / 500)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const sorted = [...counts.values()].sort((a, b) => b - a);
    const cells = 40 * 40;
    const top = sorted.slice(0, cells * 0.05).reduce((s, v) => s + v, 0);
    expect(top / x.length).toBeGreaterThan(0.3);
  });

  it('spreads times over the five years before the end', () => {
    const { t } = collect(20_000, 5);
    const end = SYNTHETIC_DEFAULT_UNTIL.getTime();
    expect(Math.max(...t)).toBeLessThan(end);
    expect(Math.min(...t)).toBeGreaterThanOrEqual(end - 5 * 366 * 86_400_000);
    const years = new Set(t.map((ms) => new Date(ms).getUTCFullYear()));
    expect([...years].sort()).toEqual([2021, 2022, 2023, 2024, 2025]);
  });
});

describe('orderedUuid', () => {
  it('makes version-7-shaped UUIDs that sort in load order', () => {
    const start = Date.UTC(2026, 10, 25, 12);
    const ids = [0, 1, 15, 16, 255, 65_536, 999_999].map((i) => orderedUuid(start, i));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(orderedUuid(start + 1, 0) > orderedUuid(start, 999_999)).toBe(true);
  });
});
