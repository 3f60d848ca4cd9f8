import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import { type UnsafePlace, unsafePlaceInputSchema, unsafePlaceSchema } from '@/lib/schemas/entities/unsafe-place';
import { NotFoundError } from './errors';
import { pointFromGeoJson, selectPointGeoJson } from './geometry';
import { assertReferencesInTenant } from './references';
import { assertIdShape, mapConstraintErrors, toIso, toIsoOrNull } from './reshape';

export async function createUnsafePlace(
  db: Kysely<Database>,
  municipalityCode: string,
  input: z.input<typeof unsafePlaceInputSchema>,
): Promise<UnsafePlace> {
  const v = unsafePlaceInputSchema.parse(input);
  await assertReferencesInTenant(db, municipalityCode, [
    { field: 'walk_id', table: 'safety_walk', ids: [v.walk_id] },
    { field: 'origin_org_id', table: 'organisation', ids: [v.origin_org_id] },
  ]);
  const { id } = await mapConstraintErrors(
    db
      .insertInto('unsafe_place')
      .values({
        municipality_code: municipalityCode,
        title: v.title,
        geom: pointFromGeoJson(v.geom),
        reasons: v.reasons,
        proposed_measure: v.proposed_measure,
        status: v.status,
        source: v.source,
        walk_id: v.walk_id,
        origin_org_id: v.origin_org_id,
        visibility: v.visibility,
        description: v.description,
        public_summary: v.public_summary,
        reported_at: v.reported_at ?? undefined,
        fixed_at: v.fixed_at,
        external_id: v.external_id,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return getUnsafePlace(db, municipalityCode, id);
}

export async function getUnsafePlace(db: Kysely<Database>, municipalityCode: string, id: string): Promise<UnsafePlace> {
  assertIdShape('unsafe_place', id, municipalityCode);
  const row = await db
    .selectFrom('unsafe_place')
    .select([
      'id',
      'municipality_code',
      'title',
      'reasons',
      'proposed_measure',
      'status',
      'source',
      'walk_id',
      'origin_org_id',
      'visibility',
      'description',
      'public_summary',
      'reported_at',
      'status_changed_at',
      'fixed_at',
      'external_id',
      'created_at',
      'updated_at',
    ])
    .select(selectPointGeoJson().as('geom'))
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('unsafe_place', id, municipalityCode);
  return unsafePlaceSchema.parse({
    ...row,
    reported_at: toIso(row.reported_at),
    status_changed_at: toIsoOrNull(row.status_changed_at),
    fixed_at: toIsoOrNull(row.fixed_at),
    created_at: toIso(row.created_at),
    updated_at: toIso(row.updated_at),
  });
}
