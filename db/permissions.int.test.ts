// Record-level access in SQL (DESIGN.md §2): for every role, whereExactAccess returns exactly the
// records the design names, and a count over it never includes a record the viewer may not see.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import type { Role, Sensitivity, Visibility } from '@/lib/schemas/auth';
import { visibleIncidents, whereExactAccess } from '@/lib/server/permissions/exact-access';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { createTestMunicipality, getTestDatabase } from '@/lib/testing/test-database';

const CATEGORY: Record<Sensitivity, string> = { normal: 'assault', sensitive: 'rape', 'police-only': 'police_intelligence' };
const ORGS = ['police', 'municipality', 'housing', 'business'] as const;
type OrgKey = (typeof ORGS)[number];

interface Fixture {
  id: string;
  org: OrgKey;
  visibility: Visibility;
  sensitivity: Sensitivity;
}

/** The design's table, restated independently of lib/server/permissions. */
function designAllows(role: Role, org: OrgKey | null, r: Fixture, meetingMode: boolean): boolean {
  if (role === 'council' || role === 'admin') return false;
  if (meetingMode && (r.visibility !== 'joint' || r.sensitivity === 'police-only')) return false;
  if (role === 'partner') return r.sensitivity === 'normal' && (r.org === org || r.visibility === 'partners');
  if (r.sensitivity === 'police-only' && role !== 'police') return false;
  return r.visibility !== 'restricted' || r.org === org;
}

let h: DatabaseHandle;
let code: string;
let otherCode: string;
const orgId = {} as Record<OrgKey, string>;
const fixtures: Fixture[] = [];

function viewer(role: Role, org: OrgKey | null, meetingMode = false, municipalityCode = code): Viewer {
  return { userId: `u-${role}`, actor: `${role}@test`, municipalityCode, held: [{ role, organisationId: org ? orgId[org] : null }], meetingMode };
}

async function insertIncident(municipality: string, org: string, visibility: Visibility, sensitivity: Sensitivity, lon = 14.05, lat = 57.18): Promise<string> {
  const row = await h.db
    .insertInto('incident')
    .values({
      municipality_code: municipality,
      category_key: CATEGORY[sensitivity],
      occurred_at: '2026-05-01T12:00:00Z',
      geom: sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`,
      source: 'police',
      origin_org_id: org,
      visibility,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  h = await getTestDatabase();
  code = await createTestMunicipality(h, 'Behörighetskommun');
  otherCode = await createTestMunicipality(h, 'Grannkommun');
  for (const kind of ORGS) {
    const row = await h.db
      .insertInto('organisation')
      .values({ municipality_code: code, name: `Org ${kind}`, kind: kind === 'business' ? 'business' : kind })
      .returning('id')
      .executeTakeFirstOrThrow();
    orgId[kind] = row.id;
  }
  for (const org of ORGS) {
    for (const visibility of ['restricted', 'joint', 'partners'] as const) {
      for (const sensitivity of ['normal', 'sensitive', 'police-only'] as const) {
        fixtures.push({ id: await insertIncident(code, orgId[org], visibility, sensitivity), org, visibility, sensitivity });
      }
    }
  }
  // The neighbour's records: no viewer of `code` may see them.
  const otherOrg = await h.db.insertInto('organisation').values({ municipality_code: otherCode, name: 'Grannpolis', kind: 'police' }).returning('id').executeTakeFirstOrThrow();
  await insertIncident(otherCode, otherOrg.id, 'joint', 'normal');
});

const CASES: [Role, OrgKey | null][] = [
  ['police', 'police'],
  ['municipality', 'municipality'],
  ['partner', 'housing'],
  ['partner', 'business'],
  ['council', null],
  ['admin', null],
];

describe('exact access in SQL', () => {
  for (const [role, org] of CASES) {
    for (const meetingMode of [false, true]) {
      it(`${role}${org ? ` (${org})` : ''}${meetingMode ? ' in meeting mode' : ''} sees exactly the records DESIGN §2 names`, async () => {
        const rows = await visibleIncidents(h.db, viewer(role, org, meetingMode)).select('id').execute();
        const expected = fixtures.filter((f) => designAllows(role, org, f, meetingMode)).map((f) => f.id);
        expect(rows.map((r) => r.id).sort()).toEqual(expected.sort());
      });
    }
  }

  it('a sensitive record never reaches a partner, even its own', async () => {
    const rows = await visibleIncidents(h.db, viewer('partner', 'housing'))
      .innerJoin('category', 'category.key', 'incident.category_key')
      .select('category.sensitivity')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.sensitivity === 'normal')).toBe(true);
  });

  it('police-only records reach the police only', async () => {
    for (const [role, org] of CASES.filter(([r]) => r !== 'police')) {
      const n = await visibleIncidents(h.db, viewer(role, org)).where('category_key', '=', CATEGORY['police-only']).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n), role).toBe(0);
    }
  });

  it("a partner's count over a spot holding only police records equals that of an empty spot", async () => {
    const spot = { lon: 14.2, lat: 57.3 };
    for (const visibility of ['restricted', 'joint'] as const) await insertIncident(code, orgId.police, visibility, 'normal', spot.lon, spot.lat);
    const count = async (lon: number, lat: number) => {
      const r = await visibleIncidents(h.db, viewer('partner', 'housing'))
        .where(sql<boolean>`ST_DWithin(geom_3006, ST_Transform(ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326), 3006), 50)`)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    };
    expect(await count(spot.lon, spot.lat)).toBe(await count(14.4, 57.4));
    expect(await count(spot.lon, spot.lat)).toBe(0);
  });

  it("a partner cannot read another organisation's restricted record by its id", async () => {
    const target = fixtures.find((f) => f.org === 'business' && f.visibility === 'restricted' && f.sensitivity === 'normal')!;
    const row = await visibleIncidents(h.db, viewer('partner', 'housing')).where('id', '=', target.id).select('id').executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it("no role sees another municipality's records through its membership here", async () => {
    for (const [role, org] of CASES) {
      const rows = await visibleIncidents(h.db, viewer(role, org)).where('municipality_code', '=', otherCode).select('id').execute();
      expect(rows, role).toEqual([]);
    }
  });

  it('an own-organisation rule without an organisation grants nothing', async () => {
    const v: Viewer = { userId: 'u', actor: 'x', municipalityCode: code, held: [{ role: 'partner', organisationId: null }], meetingMode: false };
    const rows = await visibleIncidents(h.db, v).select(['id', 'visibility']).execute();
    expect(rows.every((r) => r.visibility === 'partners')).toBe(true);
  });

  it('applies under a table alias as well', async () => {
    const rows = await h.db
      .selectFrom('incident as i')
      .where(whereExactAccess(viewer('municipality', 'municipality'), { table: 'i' }))
      .select('i.id')
      .execute();
    const plain = await visibleIncidents(h.db, viewer('municipality', 'municipality')).select('id').execute();
    expect(rows.length).toBe(plain.length);
    expect(rows.length).toBeGreaterThan(0);
  });
});
