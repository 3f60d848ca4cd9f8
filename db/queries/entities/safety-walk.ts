import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import { type SafetyWalk, safetyWalkInputSchema, safetyWalkSchema } from '@/lib/schemas/entities/safety-walk';
import { NotFoundError } from './errors';
import { assertReferencesInTenant } from './references';
import { assertIdShape, inTransaction, toIso } from './reshape';

/** The walk and its participating organisations in one transaction. */
export async function createSafetyWalk(db: Kysely<Database>, municipalityCode: string, input: z.input<typeof safetyWalkInputSchema>): Promise<SafetyWalk> {
  const v = safetyWalkInputSchema.parse(input);
  const id = await inTransaction(db, async (trx) => {
    await assertReferencesInTenant(trx, municipalityCode, [
      { field: 'area_id', table: 'area', ids: [v.area_id] },
      { field: 'organisation_ids', table: 'organisation', ids: v.organisation_ids },
    ]);
    const walk = await trx
      .insertInto('safety_walk')
      .values({
        municipality_code: municipalityCode,
        walked_on: v.walked_on,
        title: v.title,
        area_id: v.area_id,
        notes: v.notes,
        public_summary: v.public_summary,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (v.organisation_ids.length > 0) {
      await trx
        .insertInto('safety_walk_organisation')
        .values(v.organisation_ids.map((organisation_id) => ({ walk_id: walk.id, organisation_id })))
        .execute();
    }
    return walk.id;
  });
  return getSafetyWalk(db, municipalityCode, id);
}

export async function getSafetyWalk(db: Kysely<Database>, municipalityCode: string, id: string): Promise<SafetyWalk> {
  assertIdShape('safety_walk', id, municipalityCode);
  const row = await db
    .selectFrom('safety_walk')
    .select(['id', 'municipality_code', 'walked_on', 'title', 'area_id', 'notes', 'public_summary', 'created_at'])
    .select(
      sql<string[]>`ARRAY(SELECT o.organisation_id::text FROM safety_walk_organisation o WHERE o.walk_id = safety_walk.id ORDER BY o.organisation_id)`.as(
        'organisation_ids',
      ),
    )
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('safety_walk', id, municipalityCode);
  return safetyWalkSchema.parse({ ...row, created_at: toIso(row.created_at) });
}
