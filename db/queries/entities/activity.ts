import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import { type Activity, activityInputSchema, activitySchema } from '@/lib/schemas/entities/activity';
import { NotFoundError } from './errors';
import { assertReferencesInTenant } from './references';
import { assertIdShape, inTransaction, toIso, toIsoOrNull } from './reshape';

/** The activity and its partners in one transaction. */
export async function createActivity(db: Kysely<Database>, municipalityCode: string, input: z.input<typeof activityInputSchema>): Promise<Activity> {
  const v = activityInputSchema.parse(input);
  const id = await inTransaction(db, async (trx) => {
    await assertReferencesInTenant(trx, municipalityCode, [
      { field: 'pledge_id', table: 'pledge', ids: [v.pledge_id] },
      { field: 'focus_area_id', table: 'focus_area', ids: [v.focus_area_id] },
      { field: 'owner_org_id', table: 'organisation', ids: [v.owner_org_id] },
      { field: 'partner_org_ids', table: 'organisation', ids: v.partner_org_ids },
    ]);
    const activity = await trx
      .insertInto('activity')
      .values({
        municipality_code: municipalityCode,
        pledge_id: v.pledge_id,
        focus_area_id: v.focus_area_id,
        title: v.title,
        owner_org_id: v.owner_org_id,
        starts_on: v.starts_on,
        ends_on: v.ends_on,
        goal: v.goal,
        indicator: v.indicator,
        status: v.status,
        internal_notes: v.internal_notes,
        public_summary: v.public_summary,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (v.partner_org_ids.length > 0) {
      await trx
        .insertInto('activity_partner')
        .values(v.partner_org_ids.map((organisation_id) => ({ activity_id: activity.id, organisation_id })))
        .execute();
    }
    return activity.id;
  });
  return getActivity(db, municipalityCode, id);
}

export async function getActivity(db: Kysely<Database>, municipalityCode: string, id: string): Promise<Activity> {
  assertIdShape('activity', id, municipalityCode);
  const row = await db
    .selectFrom('activity')
    .select([
      'id',
      'municipality_code',
      'pledge_id',
      'focus_area_id',
      'title',
      'owner_org_id',
      'starts_on',
      'ends_on',
      'goal',
      'indicator',
      'status',
      'internal_notes',
      'public_summary',
      'public_summary_approved',
      'public_summary_reviewed_by',
      'public_summary_reviewed_at',
      'published_title',
      'published_summary',
      'created_at',
      'updated_at',
    ])
    .select(
      sql<string[]>`ARRAY(SELECT p.organisation_id::text FROM activity_partner p WHERE p.activity_id = activity.id ORDER BY p.organisation_id)`.as(
        'partner_org_ids',
      ),
    )
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('activity', id, municipalityCode);
  return activitySchema.parse({
    ...row,
    public_summary_reviewed_at: toIsoOrNull(row.public_summary_reviewed_at),
    created_at: toIso(row.created_at),
    updated_at: toIso(row.updated_at),
  });
}
