// DESIGN.md §3: every hour and month bucket is computed in SQL in Europe/Stockholm, on both databases
// (PGlite's session zone is UTC). These instants sit on both daylight-saving changes of 2026.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';

const CASES = [
  { utc: '2026-03-29T00:30:00Z', hour: 1, month: '2026-03', weekday: 0 }, // 01:30 CET, before the spring change
  { utc: '2026-03-29T01:30:00Z', hour: 3, month: '2026-03', weekday: 0 }, // 03:30 CEST: 02:xx never happens
  { utc: '2026-03-31T22:30:00Z', hour: 0, month: '2026-04', weekday: 3 }, // April in Stockholm, March in UTC
  { utc: '2026-10-25T00:30:00Z', hour: 2, month: '2026-10', weekday: 0 }, // 02:30 CEST, first time round
  { utc: '2026-10-25T01:30:00Z', hour: 2, month: '2026-10', weekday: 0 }, // 02:30 CET, second time round
  { utc: '2026-10-31T23:30:00Z', hour: 0, month: '2026-11', weekday: 0 }, // November in Stockholm
] as const;

describe(`time buckets on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;
  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h, 'Tidszon');
    await h.db
      .insertInto('incident')
      .values(
        CASES.map((c, i) => ({
          municipality_code: code,
          category_key: 'theft',
          occurred_at: c.utc,
          geom: sql`ST_SetSRID(ST_MakePoint(${14.04 + i * 0.001}, ${57.18}), 4326)`,
          source: 'police',
          external_id: c.utc,
        })),
      )
      .execute();
  });

  async function buckets() {
    const { rows } = await sql<{ external_id: string; hour: number; month: string; weekday: number }>`
      SELECT external_id,
             extract(hour FROM occurred_at AT TIME ZONE 'Europe/Stockholm')::int AS hour,
             to_char(occurred_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS month,
             extract(dow FROM occurred_at AT TIME ZONE 'Europe/Stockholm')::int AS weekday
      FROM incident WHERE municipality_code = ${code} ORDER BY occurred_at`.execute(h.db);
    return rows;
  }

  it('puts each instant in its Stockholm hour across both daylight-saving changes', async () => {
    expect((await buckets()).map((r) => r.hour)).toEqual(CASES.map((c) => c.hour));
  });

  it('puts each instant in its Stockholm month, not its UTC month', async () => {
    expect((await buckets()).map((r) => r.month)).toEqual(CASES.map((c) => c.month));
  });

  it('puts each instant on its Stockholm weekday', async () => {
    expect((await buckets()).map((r) => r.weekday)).toEqual(CASES.map((c) => c.weekday));
  });

  it('counts the two 02:30 incidents of the autumn night in one hour bucket', async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM incident
      WHERE municipality_code = ${code}
        AND date_trunc('hour', occurred_at AT TIME ZONE 'Europe/Stockholm') = timestamp '2026-10-25 02:00'`.execute(h.db);
    expect(rows[0].n).toBe(2);
  });
});
