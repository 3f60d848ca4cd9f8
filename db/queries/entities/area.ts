import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import { type Area, areaInputSchema, areaSchema } from '@/lib/schemas/entities/area';
import { NotFoundError } from './errors';
import { multiPolygonFromGeoJson, selectMultiPolygonGeoJson } from './geometry';
import { assertIdShape, mapConstraintErrors, toIso } from './reshape';

export async function createArea(db: Kysely<Database>, municipalityCode: string, input: z.input<typeof areaInputSchema>): Promise<Area> {
  const v = areaInputSchema.parse(input);
  const { id } = await mapConstraintErrors(
    db
      .insertInto('area')
      .values({ municipality_code: municipalityCode, kind: v.kind, code: v.code, name: v.name, population: v.population, geom: multiPolygonFromGeoJson(v.geom) })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return getArea(db, municipalityCode, id);
}

export async function getArea(db: Kysely<Database>, municipalityCode: string, id: string): Promise<Area> {
  assertIdShape('area', id, municipalityCode);
  const row = await db
    .selectFrom('area')
    .select(['id', 'municipality_code', 'kind', 'code', 'name', 'population', 'created_at'])
    .select(selectMultiPolygonGeoJson().as('geom'))
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('area', id, municipalityCode);
  return areaSchema.parse({ ...row, created_at: toIso(row.created_at) });
}
