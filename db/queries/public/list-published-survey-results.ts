// Survey indicators (trygghetsmätning) marked published, per area and year: imported figures that the
// municipality already publishes; unpublished rows never leave.
import type { Kysely } from 'kysely';
import type { Database } from '../../schema';

export interface PublishedSurveyRow {
  area_id: string;
  area_name: string;
  year: number;
  indicator: string;
  value: number;
  unit: string;
  source: string | null;
}

export async function listPublishedSurveyResults(db: Kysely<Database>, municipalityCode: string): Promise<PublishedSurveyRow[]> {
  return db
    .selectFrom('survey_indicator as s')
    .innerJoin('area as a', 'a.id', 's.area_id')
    .where('s.municipality_code', '=', municipalityCode)
    .where('s.published', '=', true)
    .select(['s.area_id', 'a.name as area_name', 's.year', 's.indicator', 's.value', 's.unit', 's.source'])
    .orderBy('s.indicator')
    .orderBy('a.name')
    .orderBy('s.year')
    .execute();
}
