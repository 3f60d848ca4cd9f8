import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import {
  type SafetyWalkObservation,
  safetyWalkObservationInputSchema,
  safetyWalkObservationSchema,
} from '@/lib/schemas/entities/safety-walk-observation';
import { NotFoundError } from './errors';
import { assertReferencesInTenant } from './references';
import { assertIdShape, mapConstraintErrors, toIso } from './reshape';

export async function createSafetyWalkObservation(
  db: Kysely<Database>,
  municipalityCode: string,
  input: z.input<typeof safetyWalkObservationInputSchema>,
): Promise<SafetyWalkObservation> {
  const v = safetyWalkObservationInputSchema.parse(input);
  await assertReferencesInTenant(db, municipalityCode, [
    { field: 'walk_id', table: 'safety_walk', ids: [v.walk_id] },
    { field: 'unsafe_place_id', table: 'unsafe_place', ids: [v.unsafe_place_id] },
    { field: 'responsible_org_id', table: 'organisation', ids: [v.responsible_org_id] },
  ]);
  const { id } = await mapConstraintErrors(
    db
      .insertInto('safety_walk_observation')
      .values({
        municipality_code: municipalityCode,
        walk_id: v.walk_id,
        unsafe_place_id: v.unsafe_place_id,
        sequence: v.sequence,
        observed_at: v.observed_at,
        note: v.note,
        protocol_action: v.protocol_action,
        responsible_org_id: v.responsible_org_id,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return getSafetyWalkObservation(db, municipalityCode, id);
}

export async function getSafetyWalkObservation(db: Kysely<Database>, municipalityCode: string, id: string): Promise<SafetyWalkObservation> {
  assertIdShape('safety_walk_observation', id, municipalityCode);
  const row = await db
    .selectFrom('safety_walk_observation')
    .select(['id', 'municipality_code', 'walk_id', 'unsafe_place_id', 'sequence', 'observed_at', 'note', 'protocol_action', 'responsible_org_id'])
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('safety_walk_observation', id, municipalityCode);
  return safetyWalkObservationSchema.parse({ ...row, observed_at: toIso(row.observed_at) });
}
