// Pledges (medborgarlöften) per year with their focus areas, partner organisations and activities by status.
import { type Kysely, sql } from 'kysely';
import type { Database } from '@/db/schema';

export interface PledgeListRow {
  id: string;
  year: number;
  title: string;
  body: string;
  public_summary: string | null;
  /** Moderation: whether the current title and public summary are approved, and the public copy. */
  public_summary_approved: boolean;
  published_title: string | null;
  published_summary: string | null;
  focus_areas: { id: string; name: string }[];
  partner_names: string[];
  partner_org_ids: string[];
  activities_by_status: Record<string, number>;
}

export async function listPledges(db: Kysely<Database>, o: { municipalityCode: string; year?: number; pledgeId?: string }): Promise<PledgeListRow[]> {
  const rows = await db
    .selectFrom('pledge')
    .select(['pledge.id', 'pledge.year', 'pledge.title', 'pledge.body', 'pledge.public_summary', 'pledge.public_summary_approved', 'pledge.published_title', 'pledge.published_summary'])
    .select(
      sql<{ id: string; name: string }[]>`coalesce((SELECT json_agg(json_build_object('id', f.id, 'name', f.name) ORDER BY f.name) FROM pledge_focus_area pf JOIN focus_area f ON f.id = pf.focus_area_id WHERE pf.pledge_id = pledge.id), '[]'::json)`.as('focus_areas'),
    )
    .select(sql<string[]>`ARRAY(SELECT o.name FROM pledge_partner pp JOIN organisation o ON o.id = pp.organisation_id WHERE pp.pledge_id = pledge.id ORDER BY o.name)`.as('partner_names'))
    .select(sql<string[]>`ARRAY(SELECT pp.organisation_id::text FROM pledge_partner pp WHERE pp.pledge_id = pledge.id ORDER BY pp.organisation_id)`.as('partner_org_ids'))
    .select(
      sql<Record<string, number> | null>`(SELECT json_object_agg(s.status, s.n) FROM (SELECT a.status, count(*)::int AS n FROM activity a WHERE a.pledge_id = pledge.id GROUP BY a.status) s)`.as('activities_by_status'),
    )
    .where('pledge.municipality_code', '=', o.municipalityCode)
    .$if(o.year !== undefined, (q) => q.where('pledge.year', '=', o.year!))
    .$if(o.pledgeId !== undefined, (q) => q.where('pledge.id', '=', o.pledgeId!))
    .orderBy('pledge.year', 'desc')
    .orderBy('pledge.title')
    .execute();
  return rows.map((r) => ({ ...r, year: Number(r.year), activities_by_status: r.activities_by_status ?? {} }));
}

export interface FocusAreaListRow {
  id: string;
  name: string;
  rationale: string | null;
  evidence: Record<string, unknown>;
  source_run_id: string | null;
  period_from: string;
  period_to: string | null;
  public_summary: string | null;
  /** Moderation (migration 20261128T0500): whether the current name and summary are approved, and the copy the public reads. */
  public_summary_approved: boolean;
  published_name: string | null;
  published_summary: string | null;
  area_km2: number;
  geometry: unknown;
  pledge_titles: string[];
}

/** Focus areas with the evidence they were chosen on; the outline as GeoJSON (WGS84). */
export async function listFocusAreas(db: Kysely<Database>, o: { municipalityCode: string; includeInternal: boolean }): Promise<FocusAreaListRow[]> {
  const rows = await db
    .selectFrom('focus_area')
    .select(['id', 'name', 'source_run_id', 'period_from', 'period_to', 'public_summary', 'public_summary_approved', 'published_name', 'published_summary'])
    .select(o.includeInternal ? sql<string | null>`rationale`.as('rationale') : sql<string | null>`NULL::text`.as('rationale'))
    .select(o.includeInternal ? sql<Record<string, unknown>>`evidence`.as('evidence') : sql<Record<string, unknown>>`'{}'::jsonb`.as('evidence'))
    .select(sql<number>`round((ST_Area(geom_3006) / 1e6)::numeric, 3)::float8`.as('area_km2'))
    .select(sql<unknown>`ST_AsGeoJSON(geom, 6)::json`.as('geometry'))
    .select(sql<string[]>`ARRAY(SELECT p.title FROM pledge_focus_area pf JOIN pledge p ON p.id = pf.pledge_id WHERE pf.focus_area_id = focus_area.id ORDER BY p.year DESC, p.title)`.as('pledge_titles'))
    .where('municipality_code', '=', o.municipalityCode)
    .orderBy('period_from', 'desc')
    .orderBy('name')
    .execute();
  return rows;
}
