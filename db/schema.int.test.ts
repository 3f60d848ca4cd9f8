import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDown, migrateToLatest, type DatabaseHandle } from '@/db/client';
import { migrations } from '@/db/migrations';
import { createTestMunicipality, getTestDatabase, openFreshTestDatabase, testBackend } from '@/lib/testing/test-database';

describe(`schema on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;
  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h);
  });

  it('stores a generated SWEREF 99 TM copy of every point', async () => {
    const row = await h.db
      .insertInto('incident')
      .values({
        municipality_code: code,
        category_key: 'assault',
        occurred_at: '2026-05-01T20:00:00Z',
        geom: sql`ST_SetSRID(ST_MakePoint(14.047821, 57.183161), 4326)`,
        source: 'police',
      })
      .returning((eb) => [sql<number>`ST_X(${eb.ref('geom_3006')})`.as('x'), sql<number>`ST_Y(${eb.ref('geom_3006')})`.as('y')])
      .executeTakeFirstOrThrow();
    // Reference: the police feed's Värnamo row in shared/data, projected by sf/PROJ 9.1 (x_3006, y_3006).
    expect(row.x).toBeCloseTo(442442.706, 2);
    expect(row.y).toBeCloseTo(6338176.798, 2);
  });

  it('rejects an incident whose time window ends before it starts', async () => {
    await expect(
      h.db
        .insertInto('incident')
        .values({
          municipality_code: code,
          category_key: 'theft',
          occurred_at: '2026-05-02T10:00:00Z',
          occurred_to: '2026-05-01T10:00:00Z',
          geom: sql`ST_SetSRID(ST_MakePoint(14.0, 57.1), 4326)`,
          source: 'police',
        })
        .execute(),
    ).rejects.toThrow(/incident_time_window/);
  });
});

describe(`migrations on ${testBackend()}`, () => {
  let fresh: DatabaseHandle;
  beforeAll(async () => {
    fresh = await openFreshTestDatabase();
  });
  afterAll(async () => {
    await fresh?.close();
  });

  it('go down to nothing and up again', async () => {
    // Every migration, however many there are by now.
    const down = await migrateDown(fresh.db, Object.keys(migrations).length);
    expect(down.length).toBeGreaterThan(0);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'incident'`.execute(fresh.db);
    expect(rows[0].n).toBe(0);
    const up = await migrateToLatest(fresh.db);
    expect(up).toEqual(down.slice().reverse());
  });
});

describe(`safety walk protocol on ${testBackend()}`, () => {
  it('refuses to delete a walk that still has walk-sourced unsafe places', async () => {
    const h = await getTestDatabase();
    const code = await createTestMunicipality(h);
    const walk = await h.db
      .insertInto('safety_walk')
      .values({ municipality_code: code, walked_on: '2026-05-04', title: 'Trygghetsvandring centrum' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await h.db
      .insertInto('unsafe_place')
      .values({
        municipality_code: code,
        title: 'Mörk gångtunnel',
        geom: sql`ST_SetSRID(ST_MakePoint(14.05, 57.18), 4326)`,
        source: 'walk',
        walk_id: walk.id,
      })
      .execute();
    await expect(h.db.deleteFrom('safety_walk').where('id', '=', walk.id).execute()).rejects.toThrow(/unsafe_place_walk_id_fkey/);
  });
});
