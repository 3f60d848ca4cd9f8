// What the reminders are about, at a given instant: overdue activities, open graffiti/damage
// assignments and cleanup targets about to pass (targets in hours from the cleanup settings).
import { type Kysely, sql } from 'kysely';
import type { Database } from '@/db/schema';

export interface OverdueActivity {
  id: string;
  title: string;
  owner_org_id: string;
  ends_on: string;
}

/** Decided or ongoing activities whose end date (a local date) is before `today`. */
export async function listOverdueActivities(db: Kysely<Database>, o: { municipalityCode: string; today: string }): Promise<OverdueActivity[]> {
  return db
    .selectFrom('activity')
    .select(['id', 'title', 'owner_org_id'])
    .select(sql<string>`ends_on::text`.as('ends_on'))
    .where('municipality_code', '=', o.municipalityCode)
    .where('status', 'in', ['decided', 'ongoing'])
    .where('ends_on', '<', o.today)
    .orderBy('ends_on')
    .orderBy('id')
    .execute() as Promise<OverdueActivity[]>;
}

export interface OpenAssignment {
  id: string;
  kind: 'graffiti' | 'damage';
  offensive: boolean;
  responsible_org_id: string;
  reported_at: Date;
  assigned_at: Date | null;
  target_hours: number;
  target_at: Date;
}

/** Defaults when the cleanup settings are missing (the same as the capture forms use). */
export const DEFAULT_CLEANUP_HOURS = { offensive_graffiti_hours: 24, graffiti_hours: 168, damage_hours: 336 } as const;

/**
 * Graffiti and damage assigned to an organisation and not yet cleaned, each with its cleanup target
 * (settings 'cleanup.offensive_graffiti_hours', 'cleanup.graffiti_hours', 'cleanup.damage_hours').
 */
export async function listOpenAssignments(db: Kysely<Database>, o: { municipalityCode: string; now: Date }): Promise<OpenAssignment[]> {
  const { rows } = await sql<OpenAssignment>`
    WITH t AS (
      SELECT
        coalesce((SELECT (value #>> '{}')::float8 FROM setting WHERE municipality_code = ${o.municipalityCode} AND key = 'cleanup.offensive_graffiti_hours'), ${DEFAULT_CLEANUP_HOURS.offensive_graffiti_hours}) AS offensive,
        coalesce((SELECT (value #>> '{}')::float8 FROM setting WHERE municipality_code = ${o.municipalityCode} AND key = 'cleanup.graffiti_hours'), ${DEFAULT_CLEANUP_HOURS.graffiti_hours}) AS graffiti,
        coalesce((SELECT (value #>> '{}')::float8 FROM setting WHERE municipality_code = ${o.municipalityCode} AND key = 'cleanup.damage_hours'), ${DEFAULT_CLEANUP_HOURS.damage_hours}) AS damage
    ), v AS (
      SELECT r.id, r.kind, r.offensive, r.responsible_org_id, r.reported_at, r.assigned_at,
             CASE WHEN r.kind = 'damage' THEN t.damage WHEN r.offensive THEN t.offensive ELSE t.graffiti END AS target_hours
      FROM vandalism_report r, t
      WHERE r.municipality_code = ${o.municipalityCode} AND r.status = 'assigned' AND r.responsible_org_id IS NOT NULL
        AND r.remediated_at IS NULL AND r.reported_at <= ${o.now}
    )
    SELECT v.*, v.reported_at + make_interval(secs => v.target_hours * 3600) AS target_at FROM v
    ORDER BY v.reported_at, v.id`.execute(db);
  return rows.map((r) => ({ ...r, target_hours: Number(r.target_hours), reported_at: new Date(r.reported_at), assigned_at: r.assigned_at ? new Date(r.assigned_at) : null, target_at: new Date(r.target_at) }));
}
