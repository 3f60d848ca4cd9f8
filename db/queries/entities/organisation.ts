import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import { type Organisation, organisationInputSchema, organisationSchema } from '@/lib/schemas/entities/organisation';
import { NotFoundError } from './errors';
import { assertIdShape, mapConstraintErrors, toIso } from './reshape';

export async function createOrganisation(
  db: Kysely<Database>,
  municipalityCode: string,
  input: z.input<typeof organisationInputSchema>,
): Promise<Organisation> {
  const v = organisationInputSchema.parse(input);
  const { id } = await mapConstraintErrors(
    db
      .insertInto('organisation')
      .values({ municipality_code: municipalityCode, name: v.name, kind: v.kind })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return getOrganisation(db, municipalityCode, id);
}

export async function getOrganisation(db: Kysely<Database>, municipalityCode: string, id: string): Promise<Organisation> {
  assertIdShape('organisation', id, municipalityCode);
  const row = await db
    .selectFrom('organisation')
    .select(['id', 'municipality_code', 'name', 'kind', 'created_at'])
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('organisation', id, municipalityCode);
  return organisationSchema.parse({ ...row, created_at: toIso(row.created_at) });
}
