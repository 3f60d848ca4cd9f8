// What the återkoppling after an EST meeting may contain at partner precision (DESIGN.md §2): only
// `partners` records of normal sensitivity, without their free text; counts of graffiti/damage per
// responsible organisation; activities with status and latest follow-up figures (never notes).
import { type Kysely, sql } from 'kysely';
import type { Database } from '@/db/schema';

export interface FeedbackMeeting {
  id: string;
  held_on: string;
  kind: 'analysis' | 'follow_up';
  organisation_names: string[];
}

export async function findFeedbackMeeting(db: Kysely<Database>, o: { municipalityCode: string; meetingId: string }): Promise<FeedbackMeeting | null> {
  const row = await db
    .selectFrom('est_meeting')
    .select(['id', 'kind'])
    .select(sql<string>`held_on::text`.as('held_on'))
    .select(sql<string[]>`ARRAY(SELECT o.name FROM est_meeting_organisation mo JOIN organisation o ON o.id = mo.organisation_id WHERE mo.meeting_id = est_meeting.id ORDER BY o.name)`.as('organisation_names'))
    .where('municipality_code', '=', o.municipalityCode)
    .where('id', '=', o.meetingId)
    .executeTakeFirst();
  return row ? { ...row, kind: row.kind as FeedbackMeeting['kind'] } : null;
}

export interface FeedbackPlace {
  id: string;
  title: string;
  status: string;
  reasons: string[];
  proposed_measure: string | null;
  district: string | null;
}

/**
 * Unsafe places every partner may see exactly: visibility 'partners' (never restricted or joint).
 * Places have no category, hence no sensitivity class; their free-text description stays out.
 */
export async function listPartnerVisiblePlaces(db: Kysely<Database>, o: { municipalityCode: string; until: string }): Promise<FeedbackPlace[]> {
  const { rows } = await sql<FeedbackPlace>`
    SELECT p.id, p.title, p.status, p.reasons, p.proposed_measure,
           (SELECT a.name FROM area a WHERE a.municipality_code = p.municipality_code AND a.kind = 'district' AND ST_Intersects(a.geom, p.geom) ORDER BY a.name LIMIT 1) AS district
    FROM unsafe_place p
    WHERE p.municipality_code = ${o.municipalityCode} AND p.visibility = 'partners' AND p.status IN ('open', 'planned')
      AND p.reported_at < (${o.until}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm'
    ORDER BY district NULLS LAST, p.title, p.id`.execute(db);
  return rows;
}

export interface FeedbackCleanup {
  organisation: string;
  reported: number;
  cleaned: number;
  open: number;
}

/** Graffiti and damage visible to partners, reported in the window, per responsible organisation. */
export async function countPartnerVisibleVandalism(db: Kysely<Database>, o: { municipalityCode: string; from: string; until: string }): Promise<FeedbackCleanup[]> {
  const { rows } = await sql<FeedbackCleanup>`
    SELECT coalesce(org.name, 'Ej tilldelad') AS organisation, count(*)::int AS reported,
           count(*) FILTER (WHERE v.status = 'cleaned')::int AS cleaned, count(*) FILTER (WHERE v.status <> 'cleaned')::int AS open
    FROM vandalism_report v LEFT JOIN organisation org ON org.id = v.responsible_org_id
    WHERE v.municipality_code = ${o.municipalityCode} AND v.visibility = 'partners'
      AND v.reported_at >= ${o.from}::date::timestamp AT TIME ZONE 'Europe/Stockholm'
      AND v.reported_at < (${o.until}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm'
    GROUP BY 1 ORDER BY 1`.execute(db);
  return rows;
}

export interface FeedbackActivity {
  pledge_title: string | null;
  title: string;
  owner_name: string;
  status: string;
  public_summary: string | null;
  last_quarter: string | null;
  last_status: string | null;
  last_value: number | null;
  indicator: string | null;
}

/** Activities of the pledges with their latest follow-up figures; the public summary as last approved (nothing when never approved). */
export async function listFeedbackActivities(db: Kysely<Database>, o: { municipalityCode: string }): Promise<FeedbackActivity[]> {
  const { rows } = await sql<FeedbackActivity>`
    SELECT p.title AS pledge_title, a.title, org.name AS owner_name, a.status, a.indicator,
           a.published_summary AS public_summary,
           f.quarter AS last_quarter, f.status AS last_status, f.indicator_value AS last_value
    FROM activity a JOIN organisation org ON org.id = a.owner_org_id LEFT JOIN pledge p ON p.id = a.pledge_id
    LEFT JOIN LATERAL (SELECT quarter, status, indicator_value FROM follow_up WHERE activity_id = a.id ORDER BY quarter DESC LIMIT 1) f ON true
    WHERE a.municipality_code = ${o.municipalityCode} AND a.status NOT IN ('rejected')
    ORDER BY p.year DESC NULLS LAST, p.title, a.title`.execute(db);
  return rows;
}
