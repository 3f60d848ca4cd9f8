import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import { type SurveyIndicator, surveyIndicatorInputSchema, surveyIndicatorSchema } from '@/lib/schemas/entities/survey-indicator';
import { NotFoundError } from './errors';
import { assertReferencesInTenant } from './references';
import { assertIdShape, mapConstraintErrors } from './reshape';

export async function createSurveyIndicator(
  db: Kysely<Database>,
  municipalityCode: string,
  input: z.input<typeof surveyIndicatorInputSchema>,
): Promise<SurveyIndicator> {
  const v = surveyIndicatorInputSchema.parse(input);
  await assertReferencesInTenant(db, municipalityCode, [{ field: 'area_id', table: 'area', ids: [v.area_id] }]);
  const { id } = await mapConstraintErrors(
    db
      .insertInto('survey_indicator')
      .values({
        municipality_code: municipalityCode,
        area_id: v.area_id,
        year: v.year,
        indicator: v.indicator,
        value: v.value,
        unit: v.unit,
        source: v.source,
        published: v.published,
        respondents: v.respondents,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return getSurveyIndicator(db, municipalityCode, id);
}

export async function getSurveyIndicator(db: Kysely<Database>, municipalityCode: string, id: string): Promise<SurveyIndicator> {
  assertIdShape('survey_indicator', id, municipalityCode);
  const row = await db
    .selectFrom('survey_indicator')
    .select(['id', 'municipality_code', 'area_id', 'year', 'indicator', 'value', 'unit', 'source', 'published', 'respondents'])
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('survey_indicator', id, municipalityCode);
  return surveyIndicatorSchema.parse(row);
}
