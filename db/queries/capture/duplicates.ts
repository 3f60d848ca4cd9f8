// Likely duplicates for capture: records of the same kind within a radius (metres, on geom_3006) and
// a time window. The viewer's exact access comes in as an SQL predicate, so a record the viewer may
// not see never takes part: for a partner the answer over a spot holding only police records is the
// same as over an empty spot (DESIGN.md §2, issue 3).
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../../schema';

export interface DuplicateQuery {
  municipalityCode: string;
  kind: 'incident' | 'unsafe_place' | 'vandalism';
  lon: number;
  lat: number;
  /** Incidents: only this category is "the same kind". */
  categoryKey?: string;
  /** Vandalism: only this kind (graffiti, damage). */
  vandalismKind?: string;
  radiusM: number;
  /** Records at or after this instant count (incidents: the end of their time window). */
  since: Date;
  access: Expression<SqlBool>;
  limit: number;
}

export interface DuplicateRow {
  id: string;
  distance_m: number;
  /** ISO instant: occurred_at (incidents) or reported_at. */
  at: string;
  /** Incident: category key; unsafe place: title; vandalism: graffiti or damage. */
  label: string;
  status: string | null;
  offensive: boolean | null;
}

const pin = (q: DuplicateQuery) => sql`ST_Transform(ST_SetSRID(ST_MakePoint(${q.lon}::float8, ${q.lat}::float8), 4326), 3006)`;

export async function listDuplicateCandidates(db: Kysely<Database>, q: DuplicateQuery): Promise<DuplicateRow[]> {
  const within = (table: string) => sql<boolean>`ST_DWithin(${sql.ref(`${table}.geom_3006`)}, ${pin(q)}, ${q.radiusM}::float8)`;
  const distance = (table: string) => sql<number>`ST_Distance(${sql.ref(`${table}.geom_3006`)}, ${pin(q)})::float8`;
  let rows: Array<{ id: string; distance_m: number | string; at: Date | string; label: string; status: string | null; offensive: boolean | null }>;
  if (q.kind === 'incident') {
    rows = await db
      .selectFrom('incident')
      .where('incident.municipality_code', '=', q.municipalityCode)
      .where(q.access)
      .where(within('incident'))
      .where(sql<boolean>`coalesce(incident.occurred_to, incident.occurred_at) >= ${q.since}`)
      .$if(q.categoryKey !== undefined, (qb) => qb.where('incident.category_key', '=', q.categoryKey!))
      .select(['incident.id', distance('incident').as('distance_m'), 'incident.occurred_at as at', 'incident.category_key as label'])
      .select([sql<null>`NULL::text`.as('status'), sql<null>`NULL::boolean`.as('offensive')])
      .orderBy('distance_m')
      .orderBy('incident.id')
      .limit(q.limit)
      .execute();
  } else if (q.kind === 'unsafe_place') {
    rows = await db
      .selectFrom('unsafe_place')
      .where('unsafe_place.municipality_code', '=', q.municipalityCode)
      .where(q.access)
      .where(within('unsafe_place'))
      .where('unsafe_place.reported_at', '>=', q.since)
      .select(['unsafe_place.id', distance('unsafe_place').as('distance_m'), 'unsafe_place.reported_at as at', 'unsafe_place.title as label', 'unsafe_place.status'])
      .select(sql<null>`NULL::boolean`.as('offensive'))
      .orderBy('distance_m')
      .orderBy('unsafe_place.id')
      .limit(q.limit)
      .execute();
  } else {
    rows = await db
      .selectFrom('vandalism_report')
      .where('vandalism_report.municipality_code', '=', q.municipalityCode)
      .where(q.access)
      .where(within('vandalism_report'))
      .where('vandalism_report.reported_at', '>=', q.since)
      .$if(q.vandalismKind !== undefined, (qb) => qb.where('vandalism_report.kind', '=', q.vandalismKind!))
      .select([
        'vandalism_report.id',
        distance('vandalism_report').as('distance_m'),
        'vandalism_report.reported_at as at',
        'vandalism_report.kind as label',
        'vandalism_report.status',
        'vandalism_report.offensive',
      ])
      .orderBy('distance_m')
      .orderBy('vandalism_report.id')
      .limit(q.limit)
      .execute();
  }
  return rows.map((r) => ({
    id: r.id,
    distance_m: Number(r.distance_m),
    at: (r.at instanceof Date ? r.at : new Date(r.at)).toISOString(),
    label: r.label,
    status: r.status,
    offensive: r.offensive === null ? null : Boolean(r.offensive),
  }));
}

/** True when the record exists in the municipality and the access predicate lets the viewer see it. */
export async function isRecordVisible(
  db: Kysely<Database>,
  q: { municipalityCode: string; kind: DuplicateQuery['kind']; id: string; access: Expression<SqlBool> },
): Promise<boolean> {
  const table = q.kind === 'vandalism' ? 'vandalism_report' : q.kind;
  const row = await db
    .selectFrom(table)
    .where(`${table}.municipality_code`, '=', q.municipalityCode)
    .where(`${table}.id`, '=', q.id)
    .where(q.access)
    .select(sql<number>`1`.as('one'))
    .executeTakeFirst();
  return row !== undefined;
}
