// The server's cache of built point packs: a change to an incident of the municipality invalidates,
// viewers of different access never share a pack, meeting mode is part of the key, and every read —
// cached or not — is audited with the hash of exactly the ids sent.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { getPointPackContext } from '@/db/queries/incident-points';
import { unpackPoints } from '@/lib/map/point-pack';
import type { Role } from '@/lib/schemas/auth';
import { type MapFilters, filtersSchema } from '@/lib/schemas/map-filters';
import { idsHash } from '@/lib/server/audit/hash-chain';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { getIncidentPointPackAs } from './get-incident-point-pack';
import { getPackCache } from './pack-cache';

let h: DatabaseHandle;
let code: string;
let policeOrg: string;
let housingOrg: string;
let filters: MapFilters;

function viewer(role: Role, organisationId: string, actor: string, meetingMode = false): Viewer {
  return { userId: `u-${actor}`, actor, municipalityCode: code, held: [{ role, organisationId }], meetingMode };
}

async function insertIncident(visibility: string, lon = 14.05): Promise<string> {
  const row = await h.db
    .insertInto('incident')
    .values({ municipality_code: code, category_key: 'theft', occurred_at: '2025-05-01T12:00:00Z', geom: sql`ST_SetSRID(ST_MakePoint(${lon}, 57.18), 4326)`, source: 'police', origin_org_id: policeOrg, visibility })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const read = async (v: Viewer) => {
  const pack = await getIncidentPointPackAs(h.db, v, filters);
  return { pack, points: unpackPoints(pack.body) };
};

const uuidsOf = async (seqs: Float64Array) =>
  (await h.db.selectFrom('incident').select('id').where(sql<boolean>`seq = ANY(${[...seqs].map(String)}::int8[])`).execute()).map((r) => r.id);

beforeAll(async () => {
  h = await getTestDatabase();
  code = await createTestMunicipality(h, 'Cachekommun');
  policeOrg = (await h.db.insertInto('organisation').values({ municipality_code: code, name: 'Polisen', kind: 'police' }).returning('id').executeTakeFirstOrThrow()).id;
  housingOrg = (await h.db.insertInto('organisation').values({ municipality_code: code, name: 'Bostäder', kind: 'housing' }).returning('id').executeTakeFirstOrThrow()).id;
  filters = filtersSchema.parse({ municipality: code, from: '2025-01-01', to: '2025-12-31' });
  await insertIncident('joint');
  await insertIncident('partners');
  await insertIncident('restricted');
}, 180_000);

describe(`point pack cache on ${testBackend()}`, () => {
  it('serves the same built pack again while nothing changed', async () => {
    const police = viewer('police', policeOrg, 'cache-police@cache.test');
    const first = await read(police);
    const second = await read(police);
    expect(second.pack.body).toBe(first.pack.body);
    expect(first.points.count).toBe(3);
  });

  it('an insert, an update and a delete of an incident each invalidate the cached pack', async () => {
    const police = viewer('police', policeOrg, 'cache-police@cache.test');
    const before = await read(police);
    const id = await insertIncident('partners', 14.06);
    const inserted = await read(police);
    expect(inserted.pack.body).not.toBe(before.pack.body);
    expect(inserted.points.count).toBe(before.points.count + 1);

    const partner = viewer('partner', housingOrg, 'cache-partner@cache.test');
    const seenByPartner = (await read(partner)).points.count;
    await h.db.updateTable('incident').set({ visibility: 'restricted' }).where('id', '=', id).execute();
    expect((await read(partner)).points.count).toBe(seenByPartner - 1);

    await h.db.deleteFrom('incident').where('id', '=', id).execute();
    expect((await read(police)).points.count).toBe(before.points.count);
  });

  it('the revision changes with every committed change of the municipality’s incidents, and only of that municipality', async () => {
    const other = await createTestMunicipality(h, 'Annan');
    const r0 = (await getPointPackContext(h.db, code)).revision;
    const o0 = (await getPointPackContext(h.db, other)).revision;
    const id = await insertIncident('joint');
    const r1 = (await getPointPackContext(h.db, code)).revision;
    await h.db.updateTable('incident').set({ description: 'ändrad' }).where('id', '=', id).execute();
    const r2 = (await getPointPackContext(h.db, code)).revision;
    await h.db.deleteFrom('incident').where('id', '=', id).execute();
    const r3 = (await getPointPackContext(h.db, code)).revision;
    expect(new Set([r0, r1, r2, r3]).size).toBe(4);
    expect((await getPointPackContext(h.db, other)).revision).toBe(o0);
    // A rolled-back change leaves it as it was.
    await h.db
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('incident').where('municipality_code', '=', code).execute();
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect((await getPointPackContext(h.db, code)).revision).toBe(r3);
  });

  it('a partner never gets the pack built for the police, though the police asked first with the same filters', async () => {
    const police = await read(viewer('police', policeOrg, 'cache-police@cache.test'));
    const partner = await read(viewer('partner', housingOrg, 'cache-partner@cache.test'));
    expect(partner.pack.body).not.toBe(police.pack.body);
    const restricted = (await h.db.selectFrom('incident').select('id').where('municipality_code', '=', code).where('visibility', '=', 'restricted').execute()).map((r) => r.id);
    expect(restricted.length).toBeGreaterThan(0);
    const partnerIds = await uuidsOf(partner.points.ids!);
    expect(partnerIds.some((id) => restricted.includes(id))).toBe(false);
    expect((await uuidsOf(police.points.ids!)).some((id) => restricted.includes(id))).toBe(true);
  });

  it('meeting mode is part of the key: the police in a meeting get only joint records, and out of it all again', async () => {
    const out = await read(viewer('police', policeOrg, 'cache-meeting@cache.test'));
    const inMeeting = await read(viewer('police', policeOrg, 'cache-meeting@cache.test', true));
    expect(inMeeting.pack.body).not.toBe(out.pack.body);
    expect(inMeeting.points.count).toBeLessThan(out.points.count);
    expect((await read(viewer('police', policeOrg, 'cache-meeting@cache.test'))).pack.body).toBe(out.pack.body);
  });

  it('every read is audited, cached or not, with the count and the hash of exactly the ids sent', async () => {
    const actor = 'cache-audit@cache.test';
    const police = viewer('police', policeOrg, actor);
    await read(police);
    const second = await read(police);
    const rows = await h.db.selectFrom('audit_event').select(['action', 'resource', 'result_count', 'ids_hash', 'municipality_code']).where('actor', '=', actor).orderBy('id').execute();
    expect(rows).toHaveLength(2);
    const expected = { action: 'read', resource: 'incident_point', result_count: second.points.count, ids_hash: idsHash(await uuidsOf(second.points.ids!)), municipality_code: code };
    expect(rows[0]).toEqual(expected);
    expect(rows[1]).toEqual(expected);
  });

  it('is bounded: the cache never holds more bytes than its limit', () => {
    const cache = getPackCache();
    expect(cache.totalBytes).toBeLessThanOrEqual(cache.maxBytes);
    expect(cache.size).toBeGreaterThan(0);
  });
});
