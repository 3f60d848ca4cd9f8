import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { generateSyntheticIncidents, loadSyntheticIncidents, type LoadSyntheticResult } from './synthetic';

const N = 20_000;

describe(`synthetic loader on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;
  let result: LoadSyntheticResult;
  const progress: number[] = [];
  beforeAll(async () => {
    h = await getTestDatabase();
    // A municipality row made by the harness: the loader must accept an existing tenant.
    code = await createTestMunicipality(h, 'Syntetisk');
    result = await loadSyntheticIncidents(h, { n: N, seed: 1, municipalityCode: code, batchSize: 8_000, onProgress: (done) => progress.push(done) });
  });

  it('loads N incidents with source synthetic into the given municipality', async () => {
    const { rows } = await sql<{ n: number; sources: string }>`
      SELECT count(*)::int AS n, string_agg(DISTINCT source, ',') AS sources FROM incident WHERE municipality_code = ${code}`.execute(h.db);
    expect(rows[0]).toEqual({ n: N, sources: 'synthetic' });
    expect(result.rows).toBe(N);
  });

  it('reports progress after every batch, ending at N', () => {
    expect(progress).toEqual([8_000, 16_000, 20_000]);
  });

  it('stores points whose database projection matches the generator’s EPSG:3006 coordinates to the centimetre', async () => {
    const first = [...generateSyntheticIncidents({ n: 1, seed: 1 })][0];
    const { rows } = await sql<{ x: number; y: number; at: string }>`
      SELECT ST_X(geom_3006) AS x, ST_Y(geom_3006) AS y, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS at
      FROM incident WHERE municipality_code = ${code} AND occurred_at = ${new Date(first.occurredAt[0])}`.execute(h.db);
    const match = rows.find((r) => Math.abs(r.x - first.x[0]) < 0.05 && Math.abs(r.y - first.y[0]) < 0.05);
    expect(match).toBeDefined();
    expect(match!.at).toBe(new Date(first.occurredAt[0]).toISOString().slice(0, 19));
  });

  it('refuses the demo municipality unless allowed', async () => {
    await expect(loadSyntheticIncidents(h, { n: 10, municipalityCode: '0683' })).rejects.toThrow(/demo municipality/);
  });
});
