// One incident, unsafe place or vandalism report by id, only when the caller's access predicate (exact
// access in SQL, lib/server/permissions) holds: a hidden record and a missing one both give undefined.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '@/db/schema';

/** Builds the access (or edit) predicate for the records under `table` (category column or null). */
export type RecordPredicate = (table: string, categoryColumn: string | null) => RawBuilder<boolean>;

export interface RecordPredicates {
  /** The viewer may see the record exactly. */
  access: RecordPredicate;
  /** The viewer may edit it (checked together with access). */
  edit: RecordPredicate;
}

const lonLat = (table: string) => [sql<number>`ST_X(${sql.ref(`${table}.geom`)})`.as('lon'), sql<number>`ST_Y(${sql.ref(`${table}.geom`)})`.as('lat')] as const;

export async function findIncidentDetailRow(db: Kysely<Database>, id: string, p: RecordPredicates) {
  return db
    .selectFrom('incident')
    .innerJoin('category', 'category.key', 'incident.category_key')
    .leftJoin('organisation as origin', 'origin.id', 'incident.origin_org_id')
    .select([
      'incident.id',
      'incident.municipality_code',
      'incident.category_key',
      'category.label_sv',
      'category.label_en',
      'category.group_key',
      'category.sensitivity',
      'incident.occurred_at',
      'incident.occurred_to',
      'incident.source',
      'incident.origin_org_id',
      'origin.name as origin_name',
      'incident.visibility',
      'incident.external_id',
      'incident.description',
      'incident.created_at',
      'incident.updated_at',
      ...lonLat('incident'),
    ])
    .select(sql<boolean>`${p.edit('incident', 'category_key')}`.as('can_edit'))
    .select(
      sql<string[]>`coalesce((SELECT json_agg(v.id ORDER BY v.reported_at, v.id) FROM vandalism_report v WHERE v.incident_id = incident.id AND ${p.access('v', null)}), '[]'::json)`.as(
        'vandalism_ids',
      ),
    )
    .where('incident.id', '=', id)
    .where(p.access('incident', 'category_key'))
    .executeTakeFirst();
}

export async function findUnsafePlaceDetailRow(db: Kysely<Database>, id: string, p: RecordPredicates) {
  return db
    .selectFrom('unsafe_place')
    .leftJoin('organisation as origin', 'origin.id', 'unsafe_place.origin_org_id')
    .leftJoin('safety_walk as walk', 'walk.id', 'unsafe_place.walk_id')
    .select([
      'unsafe_place.id',
      'unsafe_place.municipality_code',
      'unsafe_place.title',
      'unsafe_place.reasons',
      'unsafe_place.proposed_measure',
      'unsafe_place.status',
      'unsafe_place.source',
      'unsafe_place.walk_id',
      'walk.title as walk_title',
      'walk.walked_on as walked_on',
      'unsafe_place.origin_org_id',
      'origin.name as origin_name',
      'unsafe_place.visibility',
      'unsafe_place.description',
      'unsafe_place.public_summary',
      'unsafe_place.reported_at',
      'unsafe_place.status_changed_at',
      'unsafe_place.fixed_at',
      'unsafe_place.created_at',
      'unsafe_place.updated_at',
      ...lonLat('unsafe_place'),
    ])
    .select(sql<boolean>`${p.edit('unsafe_place', null)}`.as('can_edit'))
    .where('unsafe_place.id', '=', id)
    .where(p.access('unsafe_place', null))
    .executeTakeFirst();
}

export async function findVandalismDetailRow(db: Kysely<Database>, id: string, p: RecordPredicates) {
  return db
    .selectFrom('vandalism_report')
    .leftJoin('organisation as origin', 'origin.id', 'vandalism_report.origin_org_id')
    .leftJoin('organisation as responsible', 'responsible.id', 'vandalism_report.responsible_org_id')
    .select([
      'vandalism_report.id',
      'vandalism_report.municipality_code',
      'vandalism_report.kind',
      'vandalism_report.offensive',
      'vandalism_report.status',
      'vandalism_report.reported_at',
      'vandalism_report.assigned_at',
      'vandalism_report.remediated_at',
      'vandalism_report.responsible_org_id',
      'responsible.name as responsible_name',
      'vandalism_report.origin_org_id',
      'origin.name as origin_name',
      'vandalism_report.visibility',
      'vandalism_report.description',
      'vandalism_report.public_summary',
      'vandalism_report.external_id',
      'vandalism_report.created_at',
      'vandalism_report.updated_at',
      ...lonLat('vandalism_report'),
    ])
    // numeric arrives as text from some drivers: cast in SQL (STYLE.md rule 5).
    .select(sql<number | null>`vandalism_report.cost_sek::double precision`.as('cost_sek'))
    .select(sql<boolean>`${p.edit('vandalism_report', null)}`.as('can_edit'))
    // The linked incident only when the viewer may see it: otherwise its existence stays hidden.
    .select(
      sql<string | null>`(SELECT i.id FROM incident i WHERE i.id = vandalism_report.incident_id AND ${p.access('i', 'category_key')})`.as('visible_incident_id'),
    )
    .where('vandalism_report.id', '=', id)
    .where(p.access('vandalism_report', null))
    .executeTakeFirst();
}

const TABLES = { incident: 'incident', 'unsafe-place': 'unsafe_place', vandalism: 'vandalism_report' } as const;

/** Locks the row for an edit (the caller's transaction), only when the predicate holds. */
export async function lockRecordRow(db: Kysely<Database>, kind: keyof typeof TABLES, id: string, access: RecordPredicate): Promise<boolean> {
  const table = TABLES[kind];
  const categoryColumn = kind === 'incident' ? 'category_key' : null;
  const row = await sql<{ id: string }>`SELECT id FROM ${sql.table(table)} WHERE id = ${id}::uuid AND ${access(table, categoryColumn)} FOR UPDATE`.execute(db);
  return row.rows.length === 1;
}
