import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import { type Pledge, pledgeInputSchema, pledgeSchema } from '@/lib/schemas/entities/pledge';
import { NotFoundError } from './errors';
import { assertReferencesInTenant } from './references';
import { assertIdShape, inTransaction, toIso, toIsoOrNull } from './reshape';

/** The pledge, its focus areas and its partners in one transaction. */
export async function createPledge(db: Kysely<Database>, municipalityCode: string, input: z.input<typeof pledgeInputSchema>): Promise<Pledge> {
  const v = pledgeInputSchema.parse(input);
  const id = await inTransaction(db, async (trx) => {
    await assertReferencesInTenant(trx, municipalityCode, [
      { field: 'focus_area_ids', table: 'focus_area', ids: v.focus_area_ids },
      { field: 'partner_org_ids', table: 'organisation', ids: v.partner_org_ids },
    ]);
    const pledge = await trx
      .insertInto('pledge')
      .values({ municipality_code: municipalityCode, year: v.year, title: v.title, body: v.body, public_summary: v.public_summary })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (v.focus_area_ids.length > 0) {
      await trx
        .insertInto('pledge_focus_area')
        .values(v.focus_area_ids.map((focus_area_id) => ({ pledge_id: pledge.id, focus_area_id })))
        .execute();
    }
    if (v.partner_org_ids.length > 0) {
      await trx
        .insertInto('pledge_partner')
        .values(v.partner_org_ids.map((organisation_id) => ({ pledge_id: pledge.id, organisation_id })))
        .execute();
    }
    return pledge.id;
  });
  return getPledge(db, municipalityCode, id);
}

export async function getPledge(db: Kysely<Database>, municipalityCode: string, id: string): Promise<Pledge> {
  assertIdShape('pledge', id, municipalityCode);
  const row = await db
    .selectFrom('pledge')
    .select(['id', 'municipality_code', 'year', 'title', 'body', 'public_summary', 'public_summary_approved', 'public_summary_reviewed_by', 'public_summary_reviewed_at', 'published_title', 'published_summary', 'created_at'])
    .select(
      sql<string[]>`ARRAY(SELECT f.focus_area_id::text FROM pledge_focus_area f WHERE f.pledge_id = pledge.id ORDER BY f.focus_area_id)`.as('focus_area_ids'),
    )
    .select(
      sql<string[]>`ARRAY(SELECT p.organisation_id::text FROM pledge_partner p WHERE p.pledge_id = pledge.id ORDER BY p.organisation_id)`.as('partner_org_ids'),
    )
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('pledge', id, municipalityCode);
  return pledgeSchema.parse({ ...row, public_summary_reviewed_at: toIsoOrNull(row.public_summary_reviewed_at), created_at: toIso(row.created_at) });
}
