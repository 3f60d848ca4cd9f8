import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import { type FollowUp, followUpInputSchema, followUpSchema } from '@/lib/schemas/entities/follow-up';
import { NotFoundError } from './errors';
import { assertReferencesInTenant } from './references';
import { assertIdShape, mapConstraintErrors, toIso } from './reshape';

export async function createFollowUp(db: Kysely<Database>, municipalityCode: string, input: z.input<typeof followUpInputSchema>): Promise<FollowUp> {
  const v = followUpInputSchema.parse(input);
  await assertReferencesInTenant(db, municipalityCode, [
    { field: 'activity_id', table: 'activity', ids: [v.activity_id] },
    { field: 'reported_by_org_id', table: 'organisation', ids: [v.reported_by_org_id] },
  ]);
  const { id } = await mapConstraintErrors(
    db
      .insertInto('follow_up')
      .values({
        municipality_code: municipalityCode,
        activity_id: v.activity_id,
        quarter: v.quarter,
        status: v.status,
        indicator_value: v.indicator_value,
        note: v.note,
        reported_by_org_id: v.reported_by_org_id,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return getFollowUp(db, municipalityCode, id);
}

export async function getFollowUp(db: Kysely<Database>, municipalityCode: string, id: string): Promise<FollowUp> {
  assertIdShape('follow_up', id, municipalityCode);
  const row = await db
    .selectFrom('follow_up')
    .select(['id', 'municipality_code', 'activity_id', 'quarter', 'status', 'indicator_value', 'note', 'reported_by_org_id', 'reported_at', 'reported_by'])
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('follow_up', id, municipalityCode);
  return followUpSchema.parse({ ...row, reported_at: toIso(row.reported_at) });
}
