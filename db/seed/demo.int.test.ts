import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { DEMO_MUNICIPALITY_CODE } from '@/lib/domain/constants';
import { openFreshTestDatabase, testBackend } from '@/lib/testing/test-database';
import { DEMO_PUBLISHER, DemoSeedRefusedError, isDemoDataInUse, seedDemo, type DemoSeedSummary } from './demo';

// The first day of Q4 2026 in Stockholm, as the app passes it.
const UNTIL = new Date('2026-09-30T22:00:00Z');

/** A digest of every stored column of every demo incident, ordered by id. */
async function incidentDigest(h: DatabaseHandle): Promise<{ digest: string; n: number }> {
  const { rows } = await sql<{ digest: string; n: number }>`
    SELECT md5(string_agg(concat_ws('|', id::text, municipality_code, category_key,
             extract(epoch FROM occurred_at)::text, coalesce(extract(epoch FROM occurred_to)::text, '-'),
             ST_AsText(geom), ST_AsText(geom_3006, 3), source, origin_org_id::text, visibility, external_id,
             description, extract(epoch FROM created_at)::text), E'\n' ORDER BY id)) AS digest,
           count(*)::int AS n
    FROM incident WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE}`.execute(h.db);
  return rows[0];
}

const log: string[] = [];

// md5 of the pledge part of seed 1 (update deliberately when the demo pledges change).
const PLEDGE_DIGEST = 'ebe6f1f552ec46afe203b693f4310a7e';

describe(`demo seed on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let first: { digest: string; n: number };
  let summary: DemoSeedSummary;

  beforeAll(async () => {
    const a = await openFreshTestDatabase();
    try {
      const s = await seedDemo(a.db, { seed: 1, until: UNTIL });
      log.push(`first seed ${s.durationMs} ms`);
      first = await incidentDigest(a);
    } finally {
      await a.close();
    }
    h = await openFreshTestDatabase();
    summary = await seedDemo(h.db, { seed: 1, until: UNTIL });
    log.push(`second seed ${summary.durationMs} ms`);
  });

  afterAll(async () => {
    console.log(`demo seed on ${testBackend()}: ${log.join(', ')}`);
    await h?.close();
  });

  it('writes identical incidents, ids included, into two fresh databases from the same seed', async () => {
    expect(first.n).toBeGreaterThan(12_000);
    expect(await incidentDigest(h)).toEqual(first);
  });

  it('reports the row counts that are in the database', async () => {
    const { rows } = await sql<Record<string, number>>`
      SELECT (SELECT count(*)::int FROM incident WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE}) AS incident,
             (SELECT count(*)::int FROM area WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE}) AS area,
             (SELECT count(*)::int FROM organisation WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE}) AS organisation,
             (SELECT count(*)::int FROM unsafe_place WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE}) AS unsafe_place,
             (SELECT count(*)::int FROM safety_walk_observation WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE}) AS safety_walk_observation,
             (SELECT count(*)::int FROM vandalism_report WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE}) AS vandalism_report,
             (SELECT count(*)::int FROM survey_indicator WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE}) AS survey_indicator,
             (SELECT count(*)::int FROM est_meeting WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE}) AS est_meeting,
             (SELECT count(*)::int FROM focus_area WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE}) AS focus_area,
             (SELECT count(*)::int FROM pledge WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE}) AS pledge,
             (SELECT count(*)::int FROM activity WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE}) AS activity,
             (SELECT count(*)::int FROM activity_partner p JOIN activity a ON a.id = p.activity_id WHERE a.municipality_code = ${DEMO_MUNICIPALITY_CODE}) AS activity_partner,
             (SELECT count(*)::int FROM council_decision WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE}) AS council_decision,
             (SELECT count(*)::int FROM follow_up WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE}) AS follow_up`.execute(h.db);
    const c = summary.counts;
    const { incident, area, organisation, unsafe_place, safety_walk_observation, vandalism_report, survey_indicator, est_meeting } = c;
    expect(rows[0]).toEqual({
      incident, area, organisation, unsafe_place, safety_walk_observation, vandalism_report, survey_indicator, est_meeting,
      focus_area: c.focus_area, pledge: c.pledge, activity: c.activity, activity_partner: c.activity_partner, council_decision: c.council_decision, follow_up: c.follow_up,
    });
    expect([c.focus_area, c.pledge, c.activity, c.council_decision]).toEqual([3, 4, 10, 9]);
  });

  it('writes identical pledges, activities and follow-ups from the same seed, and valid focus-area polygons', async () => {
    const { rows } = await sql<{ digest: string; invalid: number }>`
      SELECT md5(concat_ws('#',
        (SELECT string_agg(concat_ws('|', id::text, name, ST_AsText(geom), period_from::text, coalesce(period_to::text, '-'), evidence::text), E'\n' ORDER BY id) FROM focus_area),
        (SELECT string_agg(concat_ws('|', id::text, year::text, title), E'\n' ORDER BY id) FROM pledge),
        (SELECT string_agg(concat_ws('|', id::text, title, owner_org_id::text, starts_on::text, status, public_summary_approved::text), E'\n' ORDER BY id) FROM activity),
        (SELECT string_agg(concat_ws('|', id::text, activity_id::text, quarter, status, indicator_value::text, reported_by_org_id::text), E'\n' ORDER BY id) FROM follow_up),
        (SELECT string_agg(concat_ws('|', id::text, activity_id::text, decided_on::text, outcome), E'\n' ORDER BY id) FROM council_decision))) AS digest,
        (SELECT count(*)::int FROM focus_area WHERE NOT ST_IsValid(geom)) AS invalid`.execute(h.db);
    expect(rows[0].invalid).toBe(0);
    expect(rows[0].digest).toBe(PLEDGE_DIGEST);
  });

  it('marks the municipality as holding demo data', async () => {
    expect(await isDemoDataInUse(h.db, DEMO_MUNICIPALITY_CODE)).toBe(true);
    expect(await isDemoDataInUse(h.db, '0684')).toBe(false);
  });

  it('stores districts that cover the municipality outline without overlapping', async () => {
    const { rows } = await sql<{ outline: number; union_area: number; sum_area: number; n: number }>`
      SELECT (SELECT ST_Area(geom_3006) FROM area WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE} AND kind = 'municipality') AS outline,
             ST_Area(ST_Union(geom_3006)) AS union_area, sum(ST_Area(geom_3006)) AS sum_area, count(*)::int AS n
      FROM area WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE} AND kind = 'district'`.execute(h.db);
    const r = rows[0];
    expect(r.n).toBeGreaterThanOrEqual(8);
    expect(r.union_area / r.outline).toBeCloseTo(1, 4);
    expect(r.sum_area / r.union_area).toBeCloseTo(1, 4);
  });

  it('replaces its own earlier demo data without force and gives the same rows again', async () => {
    await seedDemo(h.db, { seed: 1, until: UNTIL });
    expect(await incidentDigest(h)).toEqual(first);
  });

  it("replaces its own demo data after the demo's first start published quarters (system:demo), but not after a person published one", async () => {
    const publish = (createdBy: string, quarter: string) =>
      sql`INSERT INTO publication (municipality_code, audience, quarter, geography, version, k, location_rounding_m, created_by, changelog, audit, status)
          VALUES (${DEMO_MUNICIPALITY_CODE}, 'public', ${quarter}, 'district', 1, 3, 250, ${createdBy}, 'Första versionen', '{}'::jsonb, 'published')`.execute(h.db);
    await publish(DEMO_PUBLISHER, '2025-Q1');
    await seedDemo(h.db, { seed: 1, until: UNTIL });
    expect(await incidentDigest(h)).toEqual(first);
    // The re-seed took the demo's publications with it (the next first start publishes again).
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM publication WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE}`.execute(h.db);
    expect(left.rows[0].n).toBe(0);
    await publish('kommun@example.org', '2025-Q2');
    await expect(seedDemo(h.db, { seed: 1, until: UNTIL })).rejects.toThrow(/1 publication rows added to municipality 0683 after its demo data was seeded/);
    await seedDemo(h.db, { seed: 1, until: UNTIL, force: true });
  });

  it('refuses, changing nothing, when an incident from another source exists', async () => {
    await h.db
      .insertInto('incident')
      .values({
        municipality_code: DEMO_MUNICIPALITY_CODE,
        category_key: 'theft',
        occurred_at: '2026-11-01T12:00:00Z',
        geom: sql`ST_SetSRID(ST_MakePoint(14.05, 57.18), 4326)`,
        source: 'police',
        external_id: 'real-1',
      })
      .execute();
    await expect(seedDemo(h.db, { seed: 1, until: UNTIL })).rejects.toThrow(DemoSeedRefusedError);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM incident WHERE source = 'police'`.execute(h.db);
    expect(rows[0].n).toBe(1);
  });

  it('with force deletes the municipality’s rows and seeds again', async () => {
    await seedDemo(h.db, { seed: 1, until: UNTIL, force: true });
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM incident WHERE source <> 'demo'`.execute(h.db);
    expect(rows[0].n).toBe(0);
    expect(await incidentDigest(h)).toEqual(first);
  });

  it('leaves the earlier rows untouched when a write fails half-way', async () => {
    // A trigger that fails the vandalism inserts, which come after the incidents: all or nothing.
    await sql.raw(`
      CREATE FUNCTION demo_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'demo_test_fail'; END; $$;
      CREATE TRIGGER demo_test_fail BEFORE INSERT ON vandalism_report FOR EACH ROW EXECUTE FUNCTION demo_test_fail();`).execute(h.db);
    try {
      await expect(seedDemo(h.db, { seed: 2, until: UNTIL })).rejects.toThrow(/demo_test_fail/);
    } finally {
      await sql.raw('DROP TRIGGER demo_test_fail ON vandalism_report; DROP FUNCTION demo_test_fail();').execute(h.db);
    }
    expect(await incidentDigest(h)).toEqual(first);
  });

  it('refuses to replace demo data to which someone has since added work', async () => {
    await h.db.insertInto('est_meeting').values({ municipality_code: DEMO_MUNICIPALITY_CODE, held_on: '2026-11-20', kind: 'analysis', notes: 'Riktigt möte' }).execute();
    try {
      await expect(seedDemo(h.db, { seed: 1, until: UNTIL })).rejects.toThrow(/1 est_meeting rows added to municipality 0683 after its demo data was seeded/);
    } finally {
      await h.db.deleteFrom('est_meeting').where('notes', '=', 'Riktigt möte').execute();
    }
  });

  it('refuses when another municipality exists', async () => {
    await h.db.insertInto('municipality').values({ code: '0684', name: 'Gislaved' }).execute();
    try {
      await expect(seedDemo(h.db, { seed: 1, until: UNTIL })).rejects.toThrow(/municipalities other than 0683/);
    } finally {
      await h.db.deleteFrom('municipality').where('code', '=', '0684').execute();
    }
  });

  it('refuses when municipality 0683 exists without the demo mark', async () => {
    await h.db.deleteFrom('setting').where('municipality_code', '=', DEMO_MUNICIPALITY_CODE).where('key', '=', 'demo').execute();
    await expect(seedDemo(h.db, { seed: 1, until: UNTIL })).rejects.toThrow(/without the 'demo' setting/);
  });
});
