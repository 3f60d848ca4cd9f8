// Pledges and their activities as the council reads them: titles, texts, owners, dates, status and
// whether the quarter's follow-up is in. Never an activity's internal notes or a follow-up's note; the
// public summary only once approved.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../schema';

export interface CouncilPledgeRow {
  id: string;
  year: number;
  title: string;
  body: string;
  focus_areas: string[];
  partners: string[];
}

export async function listCouncilPledges(db: Kysely<Database>, o: { municipalityCode: string; year: number }): Promise<CouncilPledgeRow[]> {
  const { rows } = await sql<CouncilPledgeRow>`
    SELECT p.id::text AS id, p.year::int AS year, p.title, p.body,
      COALESCE((SELECT array_agg(f.name ORDER BY f.name) FROM pledge_focus_area pf JOIN focus_area f ON f.id = pf.focus_area_id WHERE pf.pledge_id = p.id), '{}') AS focus_areas,
      COALESCE((SELECT array_agg(o.name ORDER BY o.name) FROM pledge_partner pp JOIN organisation o ON o.id = pp.organisation_id WHERE pp.pledge_id = p.id), '{}') AS partners
    FROM pledge p
    WHERE p.municipality_code = ${o.municipalityCode} AND p.year = ${o.year}
    ORDER BY p.title, p.id`.execute(db);
  return rows;
}

export interface CouncilActivityRow {
  id: string;
  pledge_id: string | null;
  focus_area_id: string | null;
  title: string;
  owner: string;
  partners: string[];
  starts_on: string;
  ends_on: string | null;
  goal: string | null;
  indicator: string | null;
  status: string;
  public_summary: string | null;
  /** Follow-up of the report quarter, if reported. */
  follow_up_status: string | null;
  follow_up_indicator_value: number | null;
}

/**
 * Activities of the year's pledges and of focus areas in force that year, with the follow-up of
 * `quarter` (null when not reported).
 */
export async function listCouncilActivities(db: Kysely<Database>, o: { municipalityCode: string; year: number; quarter: string }): Promise<CouncilActivityRow[]> {
  const { rows } = await sql<CouncilActivityRow>`
    SELECT a.id::text AS id, a.pledge_id::text AS pledge_id, a.focus_area_id::text AS focus_area_id, a.title, o.name AS owner,
      COALESCE((SELECT array_agg(po.name ORDER BY po.name) FROM activity_partner ap JOIN organisation po ON po.id = ap.organisation_id WHERE ap.activity_id = a.id), '{}') AS partners,
      to_char(a.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(a.ends_on, 'YYYY-MM-DD') AS ends_on,
      a.goal, a.indicator, a.status,
      a.published_summary AS public_summary,
      fu.status AS follow_up_status, fu.indicator_value::float8 AS follow_up_indicator_value
    FROM activity a
    JOIN organisation o ON o.id = a.owner_org_id
    LEFT JOIN pledge p ON p.id = a.pledge_id
    LEFT JOIN LATERAL (
      SELECT f.status, f.indicator_value FROM follow_up f WHERE f.activity_id = a.id AND f.quarter = ${o.quarter}
      ORDER BY f.reported_at DESC LIMIT 1
    ) fu ON true
    WHERE a.municipality_code = ${o.municipalityCode}
      AND (p.year = ${o.year} OR (a.pledge_id IS NULL AND extract(year FROM a.starts_on) <= ${o.year} AND (a.ends_on IS NULL OR extract(year FROM a.ends_on) >= ${o.year})))
    ORDER BY a.title, a.id`.execute(db);
  return rows;
}
