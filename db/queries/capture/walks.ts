// Safety walks (trygghetsvandringar) and their protocols. A walk's points are unsafe places: the
// viewer's exact access to unsafe_place comes in as an SQL predicate, so a protocol lists, and a walk
// counts, only the points this viewer may see.
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../../schema';

export interface WalkListRow {
  id: string;
  walked_on: string;
  title: string;
  area_name: string | null;
  organisations: string[];
  points: number;
  fixed: number;
}

export async function listWalks(db: Kysely<Database>, q: { municipalityCode: string; access: Expression<SqlBool> }): Promise<WalkListRow[]> {
  const rows = await db
    .selectFrom('safety_walk')
    .leftJoin('area', (j) => j.onRef('area.id', '=', 'safety_walk.area_id').on('area.municipality_code', '=', q.municipalityCode))
    .where('safety_walk.municipality_code', '=', q.municipalityCode)
    .select([
      'safety_walk.id',
      sql<string>`to_char(safety_walk.walked_on, 'YYYY-MM-DD')`.as('walked_on'),
      'safety_walk.title',
      'area.name as area_name',
      sql<string[]>`ARRAY(SELECT o.name FROM safety_walk_organisation so JOIN organisation o ON o.id = so.organisation_id WHERE so.walk_id = safety_walk.id ORDER BY o.name)`.as(
        'organisations',
      ),
      sql<number>`(SELECT count(*)::int FROM unsafe_place WHERE unsafe_place.walk_id = safety_walk.id AND ${q.access})`.as('points'),
      sql<number>`(SELECT count(*)::int FROM unsafe_place WHERE unsafe_place.walk_id = safety_walk.id AND unsafe_place.status = 'fixed' AND ${q.access})`.as('fixed'),
    ])
    .orderBy('safety_walk.walked_on', 'desc')
    .orderBy('safety_walk.id')
    .execute();
  return rows.map((r) => ({ ...r, organisations: r.organisations ?? [], points: Number(r.points), fixed: Number(r.fixed) }));
}

export interface WalkRow {
  id: string;
  walked_on: string;
  title: string;
  area_id: string | null;
  area_name: string | null;
  notes: string | null;
  organisations: Array<{ id: string; name: string }>;
}

export async function findWalk(db: Kysely<Database>, q: { municipalityCode: string; id: string }): Promise<WalkRow | null> {
  const row = await db
    .selectFrom('safety_walk')
    .leftJoin('area', (j) => j.onRef('area.id', '=', 'safety_walk.area_id').on('area.municipality_code', '=', q.municipalityCode))
    .where('safety_walk.municipality_code', '=', q.municipalityCode)
    .where('safety_walk.id', '=', q.id)
    .select([
      'safety_walk.id',
      sql<string>`to_char(safety_walk.walked_on, 'YYYY-MM-DD')`.as('walked_on'),
      'safety_walk.title',
      'safety_walk.area_id',
      'area.name as area_name',
      'safety_walk.notes',
      sql<Array<{ id: string; name: string }>>`coalesce((SELECT json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY o.name) FROM safety_walk_organisation so JOIN organisation o ON o.id = so.organisation_id WHERE so.walk_id = safety_walk.id), '[]'::json)`.as(
        'organisations',
      ),
    ])
    .executeTakeFirst();
  if (!row) return null;
  const orgs = typeof row.organisations === 'string' ? (JSON.parse(row.organisations) as WalkRow['organisations']) : row.organisations;
  return { ...row, organisations: orgs ?? [] };
}

export interface WalkPointRow {
  observation_id: string;
  unsafe_place_id: string;
  sequence: number;
  observed_at: string;
  title: string;
  reasons: string[];
  status: string;
  proposed_measure: string | null;
  note: string | null;
  protocol_action: string | null;
  responsible_org_id: string | null;
  responsible_org_name: string | null;
  lon: number;
  lat: number;
}

/** The walk's protocol in walking order: only points whose unsafe place the viewer may see exactly. */
export async function listWalkPoints(db: Kysely<Database>, q: { municipalityCode: string; walkId: string; access: Expression<SqlBool> }): Promise<WalkPointRow[]> {
  const rows = await db
    .selectFrom('safety_walk_observation as o')
    .innerJoin('unsafe_place', 'unsafe_place.id', 'o.unsafe_place_id')
    .leftJoin('organisation as r', 'r.id', 'o.responsible_org_id')
    .where('o.municipality_code', '=', q.municipalityCode)
    .where('o.walk_id', '=', q.walkId)
    .where(q.access)
    .select([
      'o.id as observation_id',
      'unsafe_place.id as unsafe_place_id',
      'o.sequence',
      'o.observed_at',
      'unsafe_place.title',
      'unsafe_place.reasons',
      'unsafe_place.status',
      'unsafe_place.proposed_measure',
      'o.note',
      'o.protocol_action',
      'o.responsible_org_id',
      'r.name as responsible_org_name',
      sql<number>`ST_X(unsafe_place.geom)::float8`.as('lon'),
      sql<number>`ST_Y(unsafe_place.geom)::float8`.as('lat'),
    ])
    .orderBy('o.sequence')
    .execute();
  return rows.map((r) => ({
    ...r,
    sequence: Number(r.sequence),
    observed_at: (r.observed_at instanceof Date ? r.observed_at : new Date(r.observed_at)).toISOString(),
    reasons: r.reasons ?? [],
    lon: Number(r.lon),
    lat: Number(r.lat),
  }));
}

/** The next free sequence number of a walk's protocol (counting points the viewer cannot see too). */
export async function nextWalkSequence(db: Kysely<Database>, walkId: string): Promise<number> {
  const row = await db
    .selectFrom('safety_walk_observation')
    .where('walk_id', '=', walkId)
    .select(sql<number>`coalesce(max(sequence), 0)::int + 1`.as('next'))
    .executeTakeFirstOrThrow();
  return Number(row.next);
}
