// Quarterly follow-ups: an organisation's report on one activity for one quarter (one row per
// activity and quarter; reporting again replaces the figures), and who has not reported.
import { type Kysely, sql } from 'kysely';
import type { Database } from '@/db/schema';
import { type ActivityScope, whereActivityInScope } from './activity-scope';

export interface UpsertFollowUp {
  municipalityCode: string;
  activityId: string;
  quarter: string;
  status: string;
  indicatorValue: number | null;
  note: string | null;
  reportedByOrgId: string | null;
  reportedBy: string;
  scope: ActivityScope;
}

/**
 * Writes the follow-up if the activity is in the scope (checked in the same statement, so a partner
 * can never write another organisation's). Returns the row id, or null when the activity is not in scope.
 */
export async function upsertFollowUp(db: Kysely<Database>, f: UpsertFollowUp): Promise<{ id: string; created: boolean } | null> {
  const activity = await db
    .selectFrom('activity')
    .select('id')
    .where('municipality_code', '=', f.municipalityCode)
    .where('id', '=', f.activityId)
    .where(whereActivityInScope(f.scope))
    .executeTakeFirst();
  if (!activity) return null;
  const row = await db
    .insertInto('follow_up')
    .values({
      municipality_code: f.municipalityCode,
      activity_id: f.activityId,
      quarter: f.quarter,
      status: f.status,
      indicator_value: f.indicatorValue,
      note: f.note,
      reported_by_org_id: f.reportedByOrgId,
      reported_by: f.reportedBy,
      reported_at: sql`now()`,
    })
    .onConflict((oc) =>
      oc.columns(['activity_id', 'quarter']).doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        indicator_value: eb.ref('excluded.indicator_value'),
        note: eb.ref('excluded.note'),
        reported_by_org_id: eb.ref('excluded.reported_by_org_id'),
        reported_by: eb.ref('excluded.reported_by'),
        reported_at: sql`now()`,
      })),
    )
    .returning(['id', sql<boolean>`(xmax = 0)`.as('created')])
    .executeTakeFirstOrThrow();
  return { id: row.id, created: Boolean(row.created) };
}

export interface FollowUpRow {
  id: string;
  activity_id: string;
  quarter: string;
  status: string;
  indicator_value: number | null;
  note: string | null;
  reported_by_org_name: string | null;
  reported_at: string;
}

export async function listFollowUps(db: Kysely<Database>, o: { municipalityCode: string; activityId: string; includeNotes: boolean }): Promise<FollowUpRow[]> {
  return db
    .selectFrom('follow_up')
    .leftJoin('organisation', 'organisation.id', 'follow_up.reported_by_org_id')
    .select(['follow_up.id', 'follow_up.activity_id', 'follow_up.quarter', 'follow_up.status', 'follow_up.indicator_value', 'organisation.name as reported_by_org_name'])
    .select(o.includeNotes ? sql<string | null>`follow_up.note`.as('note') : sql<string | null>`NULL::text`.as('note'))
    .select(sql<string>`to_char(follow_up.reported_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD HH24:MI')`.as('reported_at'))
    .where('follow_up.municipality_code', '=', o.municipalityCode)
    .where('follow_up.activity_id', '=', o.activityId)
    .orderBy('follow_up.quarter', 'desc')
    .execute();
}

export interface UnreportedRow {
  activity_id: string;
  title: string;
  status: string;
  owner_org_id: string;
  owner_name: string;
  partner_names: string[];
  ends_on: string | null;
  pledge_title: string | null;
}

/**
 * Activities that should report for the quarter and have not: started by the quarter's end and still
 * running (decided, ongoing), or done but ended inside it or later — and no follow-up row for it.
 * Quarter bounds are local calendar dates (Europe/Stockholm), so dates compare directly.
 */
export async function listUnreported(db: Kysely<Database>, o: { municipalityCode: string; quarter: string; scope: ActivityScope }): Promise<UnreportedRow[]> {
  const { start, end } = quarterDates(o.quarter);
  const rows = await db
    .selectFrom('activity')
    .innerJoin('organisation as owner', 'owner.id', 'activity.owner_org_id')
    .leftJoin('pledge', 'pledge.id', 'activity.pledge_id')
    .select(['activity.id as activity_id', 'activity.title', 'activity.status', 'activity.owner_org_id', 'owner.name as owner_name', 'activity.ends_on', 'pledge.title as pledge_title'])
    .select(sql<string[]>`ARRAY(SELECT o.name FROM activity_partner p JOIN organisation o ON o.id = p.organisation_id WHERE p.activity_id = activity.id ORDER BY o.name)`.as('partner_names'))
    .where('activity.municipality_code', '=', o.municipalityCode)
    .where('activity.starts_on', '<=', end)
    // Running activities report every quarter (an overdue one too: that is when the council wants to
    // hear); a done one only for the quarters it ran in.
    .where((eb) =>
      eb.or([
        eb('activity.status', 'in', ['decided', 'ongoing']),
        eb.and([eb('activity.status', '=', 'done'), eb.or([eb('activity.ends_on', 'is', null), eb('activity.ends_on', '>=', start)])]),
      ]),
    )
    .where(whereActivityInScope(o.scope))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('follow_up as f').select('f.id').whereRef('f.activity_id', '=', 'activity.id').where('f.quarter', '=', o.quarter))))
    .orderBy('owner.name')
    .orderBy('activity.title')
    .execute();
  return rows;
}

/** First and last local date of a quarter 'YYYY-Qn'. */
export function quarterDates(quarter: string): { start: string; end: string } {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new Error(`Not a quarter: ${quarter}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const startMonth = (q - 1) * 3 + 1;
  const endMonth = q * 3;
  const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { start: `${year}-${pad(startMonth)}-01`, end: `${year}-${pad(endMonth)}-${pad(lastDay)}` };
}
