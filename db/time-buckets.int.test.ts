import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { localHour, localMonth, localQuarter, localWeekday } from '@/db/queries/time-buckets';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';

describe(`Stockholm time buckets on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;

  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h);
    const times = [
      '2026-03-29T00:30:00Z', // 01:30 CET, before the spring change
      '2026-03-29T01:30:00Z', // 03:30 CEST, after it (02:xx does not exist locally)
      '2026-10-25T00:30:00Z', // 02:30 CEST, first pass through 02:xx
      '2026-10-25T01:30:00Z', // 02:30 CET, second pass
      '2026-03-31T22:30:00Z', // 00:30 on 1 April locally: April and Q2, though still March in UTC
    ];
    await h.db
      .insertInto('incident')
      .values(
        times.map((t, i) => ({
          municipality_code: code,
          category_key: 'theft',
          occurred_at: t,
          geom: sql`ST_SetSRID(ST_MakePoint(14.05, 57.18), 4326)`,
          source: 'police',
          external_id: `dst-${i}`,
        })),
      )
      .execute();
  });

  async function buckets() {
    return h.db
      .selectFrom('incident')
      .where('municipality_code', '=', code)
      .select((eb) => [
        'external_id',
        localHour(eb.ref('occurred_at')).as('hour'),
        localMonth(eb.ref('occurred_at')).as('month'),
        localQuarter(eb.ref('occurred_at')).as('quarter'),
        localWeekday(eb.ref('occurred_at')).as('weekday'),
      ])
      .orderBy('external_id')
      .execute();
  }

  it('gives local hours on both sides of the spring and autumn changes', async () => {
    const rows = await buckets();
    expect(rows.map((r) => r.hour)).toEqual([1, 3, 2, 2, 0]);
  });

  it('puts local midnight of 1 April in April and the second quarter', async () => {
    const rows = await buckets();
    expect(rows[4]).toMatchObject({ month: '2026-04', quarter: '2026-Q2', weekday: 3 });
  });

  it('counts the weekday in local time (29 March 2026 is a Sunday)', async () => {
    const rows = await buckets();
    expect(rows[0].weekday).toBe(7);
  });
});
