// Published survey results (trygghetsmätning) per district, year and indicator: already aggregates of
// a survey, imported as values; unpublished rows stay with the EST group.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../schema';

export interface SurveyResultRow {
  area_id: string;
  area_name: string;
  year: number;
  indicator: string;
  value: number;
  unit: string;
}

export async function listSurveyResults(db: Kysely<Database>, o: { municipalityCode: string; fromYear: number; toYear: number }): Promise<SurveyResultRow[]> {
  const { rows } = await sql<SurveyResultRow>`
    SELECT s.area_id::text AS area_id, a.name AS area_name, s.year::int AS year, s.indicator, s.value::float8 AS value, s.unit
    FROM survey_indicator s JOIN area a ON a.id = s.area_id
    WHERE s.municipality_code = ${o.municipalityCode} AND s.published AND s.year BETWEEN ${o.fromYear} AND ${o.toYear}
    ORDER BY a.name, s.indicator, s.year`.execute(db);
  return rows;
}
