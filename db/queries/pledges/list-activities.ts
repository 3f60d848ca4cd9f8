// Activities with their owner, partners, latest council decision and reported quarters, for the
// activity list, the pledge page and the council's follow-up. Free text (internal notes) only when
// the caller says the viewer may read it.
import { type Kysely, sql } from 'kysely';
import type { Database } from '@/db/schema';
import { type ActivityScope, whereActivityInScope } from './activity-scope';

export interface ActivityListRow {
  id: string;
  pledge_id: string | null;
  pledge_title: string | null;
  pledge_year: number | null;
  focus_area_id: string | null;
  focus_area_name: string | null;
  title: string;
  owner_org_id: string;
  owner_name: string;
  partner_names: string[];
  partner_org_ids: string[];
  starts_on: string;
  ends_on: string | null;
  goal: string | null;
  indicator: string | null;
  status: string;
  internal_notes: string | null;
  public_summary: string | null;
  public_summary_approved: boolean;
  /** The last approved public copy (what the public page shows), null when nothing is public. */
  published_title: string | null;
  published_summary: string | null;
  decision_outcome: string | null;
  decision_on: string | null;
  decision_meeting: string | null;
  decision_text: string | null;
  reported_quarters: string[];
}

export interface ListActivitiesOptions {
  municipalityCode: string;
  scope: ActivityScope;
  /** Internal notes are returned only when true (EST group and the activity's own organisations). */
  includeInternal: boolean;
  pledgeId?: string;
  activityId?: string;
}

export async function listActivities(db: Kysely<Database>, o: ListActivitiesOptions): Promise<ActivityListRow[]> {
  const rows = await db
    .selectFrom('activity')
    .innerJoin('organisation as owner', 'owner.id', 'activity.owner_org_id')
    .leftJoin('pledge', 'pledge.id', 'activity.pledge_id')
    .leftJoin('focus_area', 'focus_area.id', 'activity.focus_area_id')
    .select([
      'activity.id',
      'activity.pledge_id',
      'pledge.title as pledge_title',
      'pledge.year as pledge_year',
      'activity.focus_area_id',
      'focus_area.name as focus_area_name',
      'activity.title',
      'activity.owner_org_id',
      'owner.name as owner_name',
      'activity.starts_on',
      'activity.ends_on',
      'activity.goal',
      'activity.indicator',
      'activity.status',
      'activity.public_summary',
      'activity.public_summary_approved',
      'activity.published_title',
      'activity.published_summary',
    ])
    .select(o.includeInternal ? sql<string | null>`activity.internal_notes`.as('internal_notes') : sql<string | null>`NULL::text`.as('internal_notes'))
    .select(
      sql<string[]>`ARRAY(SELECT o.name FROM activity_partner p JOIN organisation o ON o.id = p.organisation_id WHERE p.activity_id = activity.id ORDER BY o.name)`.as('partner_names'),
    )
    .select(sql<string[]>`ARRAY(SELECT p.organisation_id::text FROM activity_partner p WHERE p.activity_id = activity.id ORDER BY p.organisation_id)`.as('partner_org_ids'))
    .select(sql<string[]>`ARRAY(SELECT f.quarter FROM follow_up f WHERE f.activity_id = activity.id ORDER BY f.quarter)`.as('reported_quarters'))
    .select((eb) => [
      eb.selectFrom('council_decision as d').select('d.outcome').whereRef('d.activity_id', '=', 'activity.id').orderBy('d.decided_on', 'desc').orderBy('d.created_at', 'desc').limit(1).as('decision_outcome'),
      eb.selectFrom('council_decision as d').select(sql<string>`d.decided_on::text`.as('x')).whereRef('d.activity_id', '=', 'activity.id').orderBy('d.decided_on', 'desc').orderBy('d.created_at', 'desc').limit(1).as('decision_on'),
      eb.selectFrom('council_decision as d').select('d.meeting_name').whereRef('d.activity_id', '=', 'activity.id').orderBy('d.decided_on', 'desc').orderBy('d.created_at', 'desc').limit(1).as('decision_meeting'),
      eb.selectFrom('council_decision as d').select('d.decision_text').whereRef('d.activity_id', '=', 'activity.id').orderBy('d.decided_on', 'desc').orderBy('d.created_at', 'desc').limit(1).as('decision_text'),
    ])
    .where('activity.municipality_code', '=', o.municipalityCode)
    .where(whereActivityInScope(o.scope))
    .$if(o.pledgeId !== undefined, (q) => q.where('activity.pledge_id', '=', o.pledgeId!))
    .$if(o.activityId !== undefined, (q) => q.where('activity.id', '=', o.activityId!))
    .orderBy('pledge.year', 'desc')
    .orderBy('activity.starts_on')
    .orderBy('activity.title')
    .execute();
  return rows.map((r) => ({ ...r, pledge_year: r.pledge_year === null ? null : Number(r.pledge_year), decision_on: r.decision_on ?? null }));
}
