// Editing a pledge or a focus area: the current values (for the audit's before/after) and the update,
// both run inside the caller's transaction. Rows of another municipality are never found.
import { type Kysely, sql } from 'kysely';
import type { Database } from '@/db/schema';
import type { Polygonal } from '@/lib/schemas/common';
import { multiPolygonFromGeoJson } from '@/db/queries/entities/geometry';

export interface PledgeEditState {
  year: number;
  title: string;
  body: string;
  public_summary: string | null;
  focus_area_ids: string[];
  partner_org_ids: string[];
}

/** The pledge's editable values, locked for the update (FOR UPDATE); null when not in the municipality. */
export async function lockPledgeForEdit(trx: Kysely<Database>, municipalityCode: string, id: string): Promise<(PledgeEditState & { public_summary_approved: boolean }) | null> {
  const row = await trx
    .selectFrom('pledge')
    .select(['year', 'title', 'body', 'public_summary', 'public_summary_approved'])
    .select(sql<string[]>`ARRAY(SELECT f.focus_area_id::text FROM pledge_focus_area f WHERE f.pledge_id = pledge.id ORDER BY f.focus_area_id)`.as('focus_area_ids'))
    .select(sql<string[]>`ARRAY(SELECT p.organisation_id::text FROM pledge_partner p WHERE p.pledge_id = pledge.id ORDER BY p.organisation_id)`.as('partner_org_ids'))
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ?? null;
}

/** Replaces the pledge's values, focus areas and partners. */
export async function writePledgeEdit(trx: Kysely<Database>, municipalityCode: string, id: string, v: PledgeEditState): Promise<void> {
  await trx
    .updateTable('pledge')
    .set({ year: v.year, title: v.title, body: v.body, public_summary: v.public_summary })
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .execute();
  await trx.deleteFrom('pledge_focus_area').where('pledge_id', '=', id).execute();
  if (v.focus_area_ids.length > 0) await trx.insertInto('pledge_focus_area').values(v.focus_area_ids.map((focus_area_id) => ({ pledge_id: id, focus_area_id }))).execute();
  await trx.deleteFrom('pledge_partner').where('pledge_id', '=', id).execute();
  if (v.partner_org_ids.length > 0) await trx.insertInto('pledge_partner').values(v.partner_org_ids.map((organisation_id) => ({ pledge_id: id, organisation_id }))).execute();
}

export interface FocusAreaEditState {
  name: string;
  rationale: string | null;
  evidence: Record<string, unknown>;
  period_from: string;
  period_to: string | null;
  public_summary: string | null;
  /** Whether the name and public summary are approved for the public (an edit of either turns it off). */
  public_summary_approved: boolean;
  /** md5 of the outline (WKB), to tell in the audit whether it changed without storing it twice. */
  geom_md5: string;
  area_km2: number;
}

export async function lockFocusAreaForEdit(trx: Kysely<Database>, municipalityCode: string, id: string): Promise<FocusAreaEditState | null> {
  const row = await trx
    .selectFrom('focus_area')
    .select(['name', 'rationale', 'public_summary', 'public_summary_approved'])
    .select(sql<Record<string, unknown>>`evidence`.as('evidence'))
    .select(sql<string>`period_from::text`.as('period_from'))
    .select(sql<string | null>`period_to::text`.as('period_to'))
    .select(sql<string>`md5(ST_AsBinary(geom))`.as('geom_md5'))
    .select(sql<number>`round((ST_Area(geom_3006) / 1e6)::numeric, 3)::float8`.as('area_km2'))
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ?? null;
}

/** Updates the focus area; `geom` null keeps the outline. Returns the new outline's md5 and area. */
export async function writeFocusAreaEdit(
  trx: Kysely<Database>,
  municipalityCode: string,
  id: string,
  v: { name: string; rationale: string | null; evidence: Record<string, unknown>; period_from: string; period_to: string | null; public_summary: string | null; geom: Polygonal | null },
): Promise<{ geom_md5: string; area_km2: number }> {
  return trx
    .updateTable('focus_area')
    .set({
      name: v.name,
      rationale: v.rationale,
      evidence: JSON.stringify(v.evidence),
      period_from: v.period_from,
      period_to: v.period_to,
      public_summary: v.public_summary,
      ...(v.geom ? { geom: multiPolygonFromGeoJson(v.geom) } : {}),
    })
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .returning([sql<string>`md5(ST_AsBinary(geom))`.as('geom_md5'), sql<number>`round((ST_Area(ST_Transform(geom, 3006)) / 1e6)::numeric, 3)::float8`.as('area_km2')])
    .executeTakeFirstOrThrow();
}
