import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import { type Incident, incidentInputSchema, incidentSchema } from '@/lib/schemas/entities/incident';
import { NotFoundError } from './errors';
import { pointFromGeoJson, selectPointGeoJson } from './geometry';
import { assertReferencesInTenant } from './references';
import { assertIdShape, mapConstraintErrors, toIso, toIsoOrNull } from './reshape';

export async function createIncident(db: Kysely<Database>, municipalityCode: string, input: z.input<typeof incidentInputSchema>): Promise<Incident> {
  const v = incidentInputSchema.parse(input);
  await assertReferencesInTenant(db, municipalityCode, [{ field: 'origin_org_id', table: 'organisation', ids: [v.origin_org_id] }]);
  const { id } = await mapConstraintErrors(
    db
      .insertInto('incident')
      .values({
        municipality_code: municipalityCode,
        category_key: v.category_key,
        occurred_at: v.occurred_at,
        occurred_to: v.occurred_to,
        geom: pointFromGeoJson(v.geom),
        source: v.source,
        origin_org_id: v.origin_org_id,
        visibility: v.visibility,
        external_id: v.external_id,
        description: v.description,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return getIncident(db, municipalityCode, id);
}

export async function getIncident(db: Kysely<Database>, municipalityCode: string, id: string): Promise<Incident> {
  assertIdShape('incident', id, municipalityCode);
  const row = await db
    .selectFrom('incident')
    .select([
      'id',
      'municipality_code',
      'category_key',
      'occurred_at',
      'occurred_to',
      'source',
      'origin_org_id',
      'visibility',
      'external_id',
      'description',
      'created_at',
      'updated_at',
    ])
    .select(selectPointGeoJson().as('geom'))
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('incident', id, municipalityCode);
  return incidentSchema.parse({
    ...row,
    occurred_at: toIso(row.occurred_at),
    occurred_to: toIsoOrNull(row.occurred_to),
    created_at: toIso(row.created_at),
    updated_at: toIso(row.updated_at),
  });
}
