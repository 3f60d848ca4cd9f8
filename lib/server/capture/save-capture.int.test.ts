// Capture on a real database (PGlite and PostgreSQL): the duplicate warning's 50 m / 30 day boundaries,
// what a partner learns from it (nothing about records it may not see), per-field refusals, the
// municipality outline, confirmations, audit events, and walk mode's numbered observations.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import type { Role } from '@/lib/schemas/auth';
import type { SignedInUser } from '@/lib/server/auth/session';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { addWalkObservation, createWalk, getWalkProtocol } from '../walks/walks';
import type { CaptureAccess } from './capture-access';
import { findCaptureDuplicates } from './find-capture-duplicates';
import { confirmExistingRecord, saveCapture } from './save-capture';

const NOW = new Date('2026-11-20T12:00:00Z');
const DAY_MS = 86_400_000;
/** The test municipality is a square around Värnamo; every pin below lies inside it. */
const OUTLINE = 'POLYGON((13.95 57.12, 14.2 57.12, 14.2 57.25, 13.95 57.25, 13.95 57.12))';
const ORGS = ['police', 'municipality', 'housing'] as const;
type OrgKey = (typeof ORGS)[number];

let h: DatabaseHandle;
let code: string;
const orgId = {} as Record<OrgKey, string>;
let spot = 0;

/** A fresh pin for each test, 1 km apart, so tests never see each other's records. */
function nextPin(): { lon: number; lat: number } {
  spot += 1;
  return { lon: 14.0 + (spot % 10) * 0.015, lat: 57.14 + Math.floor(spot / 10) * 0.01 };
}

function accessAs(role: Role, org: OrgKey | null): CaptureAccess {
  const viewer: Viewer = { userId: `u-${role}`, actor: `${role}@capture.test`, municipalityCode: code, held: [{ role, organisationId: org ? orgId[org] : null }], meetingMode: false };
  const user = { id: viewer.userId!, email: viewer.actor, name: role, isDemo: false, twoFactorEnabled: true, hasPassword: true, memberships: [], meetingMode: false } satisfies SignedInUser;
  const source = role === 'police' || role === 'municipality' || role === 'partner' ? role : null;
  return { db: h.db, user, viewer, organisationId: org ? orgId[org] : null, incidentSource: source };
}

/** Inserts a record `dx` metres east of the pin (SWEREF 99 TM), `ageDays` before NOW. */
async function insertNear(
  table: 'incident' | 'unsafe_place' | 'vandalism_report',
  pin: { lon: number; lat: number },
  o: { dx: number; ageDays: number; org: OrgKey; visibility: 'restricted' | 'joint' | 'partners'; category?: string; kind?: string },
): Promise<string> {
  const geom = sql`ST_Transform(ST_Translate(ST_Transform(ST_SetSRID(ST_MakePoint(${pin.lon}::float8, ${pin.lat}::float8), 4326), 3006), ${o.dx}::float8, 0), 4326)`;
  const at = new Date(NOW.getTime() - o.ageDays * DAY_MS);
  const common = { municipality_code: code, geom, origin_org_id: orgId[o.org], visibility: o.visibility };
  if (table === 'incident') {
    const r = await h.db.insertInto('incident').values({ ...common, category_key: o.category ?? 'assault', occurred_at: at, source: 'police' }).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }
  if (table === 'unsafe_place') {
    const r = await h.db.insertInto('unsafe_place').values({ ...common, title: 'Mörk gångtunnel', reasons: ['poor_lighting'], source: 'staff', reported_at: at }).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }
  const r = await h.db.insertInto('vandalism_report').values({ ...common, kind: o.kind ?? 'graffiti', reported_at: at }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

const localNow = '2026-11-20T13:00';

function incidentForm(pin: { lon: number; lat: number }, extra: Record<string, unknown> = {}) {
  return { lon: String(pin.lon), lat: String(pin.lat), category_key: 'assault', occurred_at: localNow, visibility: 'joint', description: 'Bråk utanför entrén', ...extra };
}

beforeAll(async () => {
  h = await getTestDatabase();
  code = await createTestMunicipality(h, 'Registreringskommun');
  await h.db
    .insertInto('area')
    .values({ municipality_code: code, kind: 'municipality', name: 'Kommungräns', geom: sql`ST_Multi(ST_GeomFromText(${OUTLINE}, 4326))` })
    .execute();
  for (const kind of ORGS) {
    const r = await h.db.insertInto('organisation').values({ municipality_code: code, name: `Org ${kind}`, kind }).returning('id').executeTakeFirstOrThrow();
    orgId[kind] = r.id;
  }
});

describe(`duplicate warning on ${testBackend()}`, () => {
  it('a record of the same kind 49.5 m away is a likely duplicate and one 50.5 m away is not', async () => {
    const pin = nextPin();
    const near = await insertNear('vandalism_report', pin, { dx: 49.5, ageDays: 1, org: 'municipality', visibility: 'joint' });
    await insertNear('vandalism_report', pin, { dx: -50.5, ageDays: 1, org: 'municipality', visibility: 'joint' });
    const found = await findCaptureDuplicates(h.db, accessAs('municipality', 'municipality').viewer, { kind: 'vandalism', ...pin, vandalismKind: 'graffiti' }, NOW);
    expect(found.map((c) => c.id)).toEqual([near]);
    expect(found[0].distanceM).toBe(50);
  });

  it('a record reported 30 days less a minute ago counts and one 30 days and a minute ago does not', async () => {
    const pin = nextPin();
    const minute = 1 / 1440;
    const inside = await insertNear('unsafe_place', pin, { dx: 10, ageDays: 30 - minute, org: 'police', visibility: 'joint' });
    await insertNear('unsafe_place', pin, { dx: 5, ageDays: 30 + minute, org: 'police', visibility: 'joint' });
    const found = await findCaptureDuplicates(h.db, accessAs('police', 'police').viewer, { kind: 'unsafe_place', ...pin }, NOW);
    expect(found.map((c) => c.id)).toEqual([inside]);
  });

  it('only the same category counts for incidents, and only the same kind for vandalism', async () => {
    const pin = nextPin();
    await insertNear('incident', pin, { dx: 5, ageDays: 2, org: 'police', visibility: 'joint', category: 'theft' });
    await insertNear('vandalism_report', pin, { dx: 5, ageDays: 2, org: 'police', visibility: 'joint', kind: 'damage' });
    const viewer = accessAs('police', 'police').viewer;
    expect(await findCaptureDuplicates(h.db, viewer, { kind: 'incident', ...pin, categoryKey: 'assault' }, NOW)).toEqual([]);
    expect(await findCaptureDuplicates(h.db, viewer, { kind: 'vandalism', ...pin, vandalismKind: 'graffiti' }, NOW)).toEqual([]);
    expect(await findCaptureDuplicates(h.db, viewer, { kind: 'incident', ...pin, categoryKey: 'theft' }, NOW)).toHaveLength(1);
  });

  it("a partner's duplicate check over a spot holding only police records answers exactly as over an empty spot", async () => {
    const policeSpot = nextPin();
    const emptySpot = nextPin();
    for (const kind of ['incident', 'unsafe_place', 'vandalism_report'] as const) {
      await insertNear(kind, policeSpot, { dx: 3, ageDays: 1, org: 'police', visibility: 'restricted' });
      await insertNear(kind, policeSpot, { dx: 8, ageDays: 2, org: 'police', visibility: 'joint' });
    }
    const partner = accessAs('partner', 'housing');
    const police = accessAs('police', 'police');
    for (const kind of ['incident', 'unsafe_place', 'vandalism'] as const) {
      const check = { kind, categoryKey: 'assault', vandalismKind: 'graffiti' };
      const atPolice = await findCaptureDuplicates(h.db, partner.viewer, { ...check, ...policeSpot }, NOW);
      const atEmpty = await findCaptureDuplicates(h.db, partner.viewer, { ...check, ...emptySpot }, NOW);
      expect(atPolice).toEqual(atEmpty);
      expect(atPolice).toEqual([]);
      // The police see both of theirs: the spot is not empty.
      expect(await findCaptureDuplicates(h.db, police.viewer, { ...check, ...policeSpot }, NOW)).toHaveLength(2);
    }
    // Saving there answers the same way too: created, with no warning.
    const a = await saveCapture(partner, 'incident', incidentForm(policeSpot), { now: NOW, saveAnyway: false });
    const b = await saveCapture(partner, 'incident', incidentForm(emptySpot), { now: NOW, saveAnyway: false });
    expect({ ...a, id: 'x' }).toEqual({ ...b, id: 'x' });
    expect(a.status).toBe('created');
  });

  it("a partner sees its own organisation's and partners records as likely duplicates", async () => {
    const pin = nextPin();
    const own = await insertNear('vandalism_report', pin, { dx: 4, ageDays: 1, org: 'housing', visibility: 'restricted' });
    const shared = await insertNear('vandalism_report', pin, { dx: 20, ageDays: 1, org: 'municipality', visibility: 'partners' });
    await insertNear('vandalism_report', pin, { dx: 10, ageDays: 1, org: 'municipality', visibility: 'joint' });
    const found = await findCaptureDuplicates(h.db, accessAs('partner', 'housing').viewer, { kind: 'vandalism', ...pin, vandalismKind: 'graffiti' }, NOW);
    expect(found.map((c) => c.id)).toEqual([own, shared]);
  });
});

describe(`saving a capture on ${testBackend()}`, () => {
  it('warns of a duplicate, saves anyway on request, and audits the creation', async () => {
    const pin = nextPin();
    const police = accessAs('police', 'police');
    const first = await saveCapture(police, 'incident', incidentForm(pin), { now: NOW, saveAnyway: false });
    expect(first.status).toBe('created');
    const second = await saveCapture(police, 'incident', incidentForm(pin), { now: NOW, saveAnyway: false });
    expect(second).toMatchObject({ status: 'duplicates', candidates: [{ kind: 'incident', distanceM: 0, label: 'assault' }] });
    if (first.status !== 'created' || second.status !== 'duplicates') throw new Error('unreachable');
    expect(second.candidates[0].id).toBe(first.id);
    const third = await saveCapture(police, 'incident', incidentForm(pin), { now: NOW, saveAnyway: true });
    expect(third.status).toBe('created');
    const audit = await h.db
      .selectFrom('audit_event')
      .where('municipality_code', '=', code)
      .where('action', '=', 'create')
      .where('resource', '=', 'incident_point')
      .where(sql<boolean>`details->>'id' IN (${first.id}, ${third.status === 'created' ? third.id : ''})`)
      .select(['actor', sql<string>`details->>'visibility'`.as('visibility')])
      .execute();
    expect(audit).toEqual([
      { actor: 'police@capture.test', visibility: 'joint' },
      { actor: 'police@capture.test', visibility: 'joint' },
    ]);
    const stored = await h.db.selectFrom('incident').where('id', '=', first.id).select(['origin_org_id', 'source', 'occurred_at']).executeTakeFirstOrThrow();
    expect(stored.origin_org_id).toBe(orgId.police);
    expect(stored.source).toBe('police');
    // 13:00 Swedish winter time is 12:00 UTC.
    expect(new Date(stored.occurred_at).toISOString()).toBe('2026-11-20T12:00:00.000Z');
  });

  it('refuses a pin outside the municipality, naming the location field', async () => {
    const out = await saveCapture(accessAs('police', 'police'), 'incident', incidentForm({ lon: 18.07, lat: 59.33 }), { now: NOW, saveAnyway: true });
    expect(out.status).toBe('invalid');
    if (out.status !== 'invalid') throw new Error('unreachable');
    expect(out.fieldErrors.lon).toMatch(/outside municipality/);
  });

  it('names every bad field: missing pin, unknown time, window ending before it starts', async () => {
    const out = await saveCapture(accessAs('police', 'police'), 'incident', { category_key: 'assault', occurred_at: '2026-02-31T10:00', visibility: 'joint' }, { now: NOW, saveAnyway: true });
    expect(out).toMatchObject({ status: 'invalid', fieldErrors: { lon: expect.stringMatching(/lon is required/), occurred_at: expect.stringMatching(/occurred_at/) } });
    const window = await saveCapture(accessAs('police', 'police'), 'incident', incidentForm(nextPin(), { occurred_to: '2026-11-19T10:00' }), { now: NOW, saveAnyway: true });
    expect(window).toMatchObject({ status: 'invalid', fieldErrors: { occurred_to: expect.stringMatching(/occurred_to must not be before/) } });
  });

  it('a partner may not file a sensitive category, and a sensitive record may not be shared with partners', async () => {
    const partner = await saveCapture(accessAs('partner', 'housing'), 'incident', incidentForm(nextPin(), { category_key: 'rape' }), { now: NOW, saveAnyway: true });
    expect(partner).toMatchObject({ status: 'invalid', fieldErrors: { category_key: expect.any(String) } });
    const capped = await saveCapture(accessAs('municipality', 'municipality'), 'incident', incidentForm(nextPin(), { category_key: 'rape', visibility: 'partners' }), { now: NOW, saveAnyway: true });
    expect(capped).toMatchObject({ status: 'invalid', fieldErrors: { visibility: expect.stringMatching(/sensitive/) } });
  });

  it('council may not capture: refused and audited as denied', async () => {
    const before = await h.db.selectFrom('audit_event').where('municipality_code', '=', code).where('action', '=', 'denied').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const out = await saveCapture(accessAs('council', null), 'unsafe_place', { ...nextPin(), title: 'x', reasons: ['litter'], visibility: 'joint' }, { now: NOW, saveAnyway: true });
    expect(out).toEqual({ status: 'forbidden' });
    const after = await h.db.selectFrom('audit_event').where('municipality_code', '=', code).where('action', '=', 'denied').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });

  it('saves an unsafe place with its reasons and a vandalism report with its cleanup due time', async () => {
    const pin = nextPin();
    const place = await saveCapture(
      accessAs('municipality', 'municipality'),
      'unsafe_place',
      { ...pin, title: 'Gångtunneln', reasons: ['poor_lighting', 'hidden_view'], proposed_measure: 'Ljusare armaturer', status: 'planned', visibility: 'partners' },
      { now: NOW, saveAnyway: false },
    );
    expect(place.status).toBe('created');
    const graffiti = await saveCapture(
      accessAs('partner', 'housing'),
      'vandalism',
      { ...pin, vandalism_kind: 'graffiti', offensive: 'on', reported_at: '2026-11-20T08:00', status: 'assigned', responsible_org_id: orgId.housing, cost_sek: '2 500,50', visibility: 'partners' },
      { now: NOW, saveAnyway: false },
    );
    // 08:00 Swedish time is 07:00 UTC; offensive graffiti has 24 hours by default.
    expect(graffiti).toMatchObject({ status: 'created', cleanupDueAt: '2026-11-21T07:00:00.000Z' });
    if (graffiti.status !== 'created') throw new Error('unreachable');
    const row = await h.db.selectFrom('vandalism_report').where('id', '=', graffiti.id).select(['offensive', 'status', sql<number>`cost_sek::float8`.as('cost')]).executeTakeFirstOrThrow();
    expect({ ...row, cost: Number(row.cost) }).toEqual({ offensive: true, status: 'assigned', cost: 2500.5 });
  });

  it('a cleanup target set for the municipality moves the due time', async () => {
    await h.db.insertInto('setting').values({ municipality_code: code, key: 'cleanup.damage_hours', value: JSON.stringify(48) }).execute();
    const out = await saveCapture(
      accessAs('municipality', 'municipality'),
      'vandalism',
      { ...nextPin(), vandalism_kind: 'damage', reported_at: '2026-11-20T08:00', visibility: 'joint' },
      { now: NOW, saveAnyway: false },
    );
    expect(out).toMatchObject({ status: 'created', cleanupDueAt: '2026-11-22T07:00:00.000Z' });
  });

  it('links to an existing record the viewer may see, and treats one it may not see as not found', async () => {
    const pin = nextPin();
    const visible = await insertNear('vandalism_report', pin, { dx: 5, ageDays: 1, org: 'municipality', visibility: 'partners' });
    const hidden = await insertNear('vandalism_report', pin, { dx: 6, ageDays: 1, org: 'police', visibility: 'restricted' });
    const partner = accessAs('partner', 'housing');
    const ok = await confirmExistingRecord(partner, { kind: 'vandalism', record_id: visible, ...pin, note: 'Fortfarande kvar' }, { now: NOW });
    expect(ok).toMatchObject({ status: 'confirmed', id: visible });
    const refused = await confirmExistingRecord(partner, { kind: 'vandalism', record_id: hidden, ...pin }, { now: NOW });
    expect(refused).toMatchObject({ status: 'invalid', fieldErrors: { record_id: expect.stringMatching(/not found/) } });
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM record_confirmation WHERE vandalism_report_id IN (${visible}::uuid, ${hidden}::uuid)`.execute(h.db);
    expect(Number(rows[0].n)).toBe(1);
  });
});

describe(`walk mode on ${testBackend()}`, () => {
  it('observations become numbered unsafe places of the walk, listed in its protocol', async () => {
    const municipality = accessAs('municipality', 'municipality');
    const walk = await createWalk(municipality, { walked_on: '2026-11-18', title: 'Kvällsvandring centrum', organisation_ids: [orgId.police, orgId.housing] });
    expect(walk.status).toBe('created');
    if (walk.status !== 'created') throw new Error('unreachable');
    const a = await addWalkObservation(municipality, { walk_id: walk.id, ...nextPin(), reasons: ['poor_lighting'], note: 'Mörkt', proposed_measure: 'Belysning', responsible_org_id: orgId.municipality, visibility: 'partners' }, { now: NOW });
    const b = await addWalkObservation(accessAs('partner', 'housing'), { walk_id: walk.id, ...nextPin(), title: 'Lekplatsen', reasons: ['gatherings', 'litter'], visibility: 'partners' }, { now: NOW });
    expect([a.status, b.status]).toEqual(['created', 'created']);
    const protocol = await getWalkProtocol(h.db, municipality.viewer, walk.id);
    expect(protocol?.walk.organisations.map((o) => o.id).sort()).toEqual([orgId.police, orgId.housing].sort());
    expect(protocol?.points.map((p) => [p.sequence, p.status, p.proposed_measure, p.responsible_org_name])).toEqual([
      [1, 'open', 'Belysning', 'Org municipality'],
      [2, 'open', null, null],
    ]);
    const places = await h.db.selectFrom('unsafe_place').where('walk_id', '=', walk.id).select(['source', 'title']).orderBy('reported_at').orderBy('title').execute();
    expect(places.map((p) => p.source)).toEqual(['walk', 'walk']);
    expect(places.map((p) => p.title)).toContain('Lekplatsen');
  });

  it("a protocol lists only the points the viewer may see exactly", async () => {
    const police = accessAs('police', 'police');
    const walk = await createWalk(police, { walked_on: '2026-11-19', title: 'Polisens vandring' });
    if (walk.status !== 'created') throw new Error('unreachable');
    await addWalkObservation(police, { walk_id: walk.id, ...nextPin(), reasons: ['deserted'], visibility: 'restricted' }, { now: NOW });
    await addWalkObservation(police, { walk_id: walk.id, ...nextPin(), reasons: ['traffic'], visibility: 'partners' }, { now: NOW });
    const partnerView = await getWalkProtocol(h.db, accessAs('partner', 'housing').viewer, walk.id);
    expect(partnerView?.points.map((p) => p.sequence)).toEqual([2]);
    expect((await getWalkProtocol(h.db, police.viewer, walk.id))?.points.map((p) => p.sequence)).toEqual([1, 2]);
  });

  it('council may not create a walk, and a walk needs a title and a date', async () => {
    expect(await createWalk(accessAs('council', null), { walked_on: '2026-11-19', title: 'x' })).toEqual({ status: 'forbidden' });
    expect(await createWalk(accessAs('police', 'police'), { walked_on: 'igår', title: ' ' })).toMatchObject({
      status: 'invalid',
      fieldErrors: { walked_on: expect.any(String), title: expect.any(String) },
    });
  });
});
