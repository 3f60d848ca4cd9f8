import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import { type Municipality, municipalityInputSchema, municipalitySchema } from '@/lib/schemas/entities/municipality';
import { NotFoundError } from './errors';
import { mapConstraintErrors, toIso } from './reshape';

/** The municipality is the tenant itself, so it takes no municipality code besides its own. */
export async function createMunicipality(db: Kysely<Database>, input: z.input<typeof municipalityInputSchema>): Promise<Municipality> {
  const v = municipalityInputSchema.parse(input);
  await mapConstraintErrors(db.insertInto('municipality').values({ code: v.code, name: v.name }).execute());
  return getMunicipality(db, v.code);
}

export async function getMunicipality(db: Kysely<Database>, code: string): Promise<Municipality> {
  const row = await db.selectFrom('municipality').select(['code', 'name', 'created_at']).where('code', '=', code).executeTakeFirst();
  if (!row) throw new NotFoundError('municipality', code);
  return municipalitySchema.parse({ ...row, created_at: toIso(row.created_at) });
}
