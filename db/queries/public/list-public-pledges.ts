// The public fields of a year's pledges, their focus areas and the activities whose public summary a
// moderator approved (DESIGN.md §3: texts the public may read are separate fields). Pledge and activity
// texts are the last approved copies (published_title, published_summary; migration 20261128T0400): a
// text being edited or waiting for review never shows. No body, rationale, evidence, goal, internal note
// or follow-up note is selected here, so none can leave by mistake.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../schema';

export interface PublicPledgeRow {
  id: string;
  year: number;
  title: string;
  public_summary: string | null;
  focus_area_ids: string[];
  partner_names: string[];
}

export interface PublicFocusAreaRow {
  id: string;
  name: string;
  public_summary: string | null;
  period_from: string;
  period_to: string | null;
  /** RFC 7946 MultiPolygon as JSON text (6 decimals). */
  geometry: string;
  label_lon: number;
  label_lat: number;
}

export interface PublicActivityRow {
  id: string;
  pledge_id: string | null;
  focus_area_id: string | null;
  title: string;
  status: string;
  starts_on: string;
  ends_on: string | null;
  public_summary: string;
  owner_name: string;
  partner_names: string[];
  /** The latest follow-up's quarter and status (never its note or indicator value). */
  follow_up_quarter: string | null;
  follow_up_status: string | null;
}

/** Years that have a pledge with approved public text, newest first. */
export async function listPledgeYears(db: Kysely<Database>, municipalityCode: string): Promise<number[]> {
  const rows = await db.selectFrom('pledge').select('year').distinct().where('municipality_code', '=', municipalityCode).where('published_title', 'is not', null).orderBy('year', 'desc').execute();
  return rows.map((r) => r.year);
}

export async function listPublicPledges(db: Kysely<Database>, o: { municipalityCode: string; year: number }): Promise<PublicPledgeRow[]> {
  const { rows } = await sql<PublicPledgeRow>`
    SELECT p.id, p.year, p.published_title AS title, p.published_summary AS public_summary,
      COALESCE((SELECT array_agg(pf.focus_area_id::text ORDER BY pf.focus_area_id) FROM pledge_focus_area pf WHERE pf.pledge_id = p.id), '{}') AS focus_area_ids,
      COALESCE((SELECT array_agg(o.name ORDER BY o.name) FROM pledge_partner pp JOIN organisation o ON o.id = pp.organisation_id WHERE pp.pledge_id = p.id), '{}') AS partner_names
    FROM pledge p
    WHERE p.municipality_code = ${o.municipalityCode} AND p.year = ${o.year} AND p.published_title IS NOT NULL
    ORDER BY p.published_title, p.id`.execute(db);
  return rows;
}

/**
 * Focus areas of the year's pledges and those in force at some time during the year, whose name and
 * public summary have been approved: the public reads the approved copy (migration 20261128T0500).
 */
export async function listPublicFocusAreas(db: Kysely<Database>, o: { municipalityCode: string; year: number }): Promise<PublicFocusAreaRow[]> {
  const first = `${o.year}-01-01`;
  const last = `${o.year}-12-31`;
  const { rows } = await sql<PublicFocusAreaRow>`
    SELECT f.id, f.published_name AS name, f.published_summary AS public_summary, f.period_from::text AS period_from, f.period_to::text AS period_to,
      ST_AsGeoJSON(ST_ForcePolygonCCW(f.geom), 6) AS geometry,
      ST_X(ST_PointOnSurface(f.geom))::float8 AS label_lon, ST_Y(ST_PointOnSurface(f.geom))::float8 AS label_lat
    FROM focus_area f
    WHERE f.municipality_code = ${o.municipalityCode}
      AND f.published_name IS NOT NULL
      AND (
        (f.period_from <= ${last}::date AND (f.period_to IS NULL OR f.period_to >= ${first}::date))
        OR EXISTS (SELECT 1 FROM pledge_focus_area pf JOIN pledge p ON p.id = pf.pledge_id WHERE pf.focus_area_id = f.id AND p.year = ${o.year} AND p.published_title IS NOT NULL)
      )
    ORDER BY f.name, f.id`.execute(db);
  return rows;
}

/**
 * Activities of the year's pledges or focus areas whose public summary is approved, in the states the
 * public follows (proposals and rejections are the group's own deliberation).
 */
export async function listPublicActivities(db: Kysely<Database>, o: { municipalityCode: string; year: number }): Promise<PublicActivityRow[]> {
  const { rows } = await sql<PublicActivityRow>`
    SELECT a.id, a.pledge_id, a.focus_area_id, a.published_title AS title, a.status, a.starts_on::text AS starts_on, a.ends_on::text AS ends_on,
      a.published_summary AS public_summary, o.name AS owner_name,
      COALESCE((SELECT array_agg(po.name ORDER BY po.name) FROM activity_partner ap JOIN organisation po ON po.id = ap.organisation_id WHERE ap.activity_id = a.id), '{}') AS partner_names,
      fu.quarter AS follow_up_quarter, fu.status AS follow_up_status
    FROM activity a
    JOIN organisation o ON o.id = a.owner_org_id
    LEFT JOIN LATERAL (SELECT f.quarter, f.status FROM follow_up f WHERE f.activity_id = a.id ORDER BY f.quarter DESC LIMIT 1) fu ON true
    WHERE a.municipality_code = ${o.municipalityCode}
      AND a.published_title IS NOT NULL AND a.published_summary IS NOT NULL AND length(trim(a.published_summary)) > 0
      AND a.status IN ('decided', 'ongoing', 'done', 'cancelled')
      AND (
        a.pledge_id IN (SELECT p.id FROM pledge p WHERE p.municipality_code = ${o.municipalityCode} AND p.year = ${o.year} AND p.published_title IS NOT NULL)
        OR (a.starts_on <= ${`${o.year}-12-31`}::date AND (a.ends_on IS NULL OR a.ends_on >= ${`${o.year}-01-01`}::date))
      )
    ORDER BY a.starts_on DESC, a.published_title, a.id`.execute(db);
  return rows;
}
