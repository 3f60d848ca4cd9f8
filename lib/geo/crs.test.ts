import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectSweref99tmToWgs84, projectWgs84ToSweref99tm } from '@/lib/geo/crs';
import { parseCsv } from '@/lib/cli/hotspots';

describe('EPSG:4326 → EPSG:3006', () => {
  it('agrees with the PROJ-computed x_3006, y_3006 of every police event within 1 mm', () => {
    const t = parseCsv(readFileSync(new URL('../../../shared/data/polisen_crime_sweden_2023-04_2025-03.csv', import.meta.url), 'utf8'));
    const col = (name: string) => t.header.indexOf(name);
    let maxErr = 0;
    for (const r of t.rows) {
      const [x, y] = projectWgs84ToSweref99tm(Number(r[col('lon')]), Number(r[col('lat')]));
      maxErr = Math.max(maxErr, Math.abs(x - Number(r[col('x_3006')])), Math.abs(y - Number(r[col('y_3006')])));
    }
    expect(maxErr).toBeLessThan(0.001);
  });

  it('round-trips through the inverse', () => {
    const [lon, lat] = projectSweref99tmToWgs84(...projectWgs84ToSweref99tm(14.0478, 57.1857));
    expect(Math.abs(lon - 14.0478) + Math.abs(lat - 57.1857)).toBeLessThan(1e-9);
  });
});
