import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import { type FocusArea, focusAreaInputSchema, focusAreaSchema } from '@/lib/schemas/entities/focus-area';
import { NotFoundError } from './errors';
import { multiPolygonFromGeoJson, selectMultiPolygonGeoJson } from './geometry';
import { assertReferencesInTenant } from './references';
import { assertIdShape, mapConstraintErrors, toIso, toIsoOrNull } from './reshape';

export async function createFocusArea(db: Kysely<Database>, municipalityCode: string, input: z.input<typeof focusAreaInputSchema>): Promise<FocusArea> {
  const v = focusAreaInputSchema.parse(input);
  await assertReferencesInTenant(db, municipalityCode, [{ field: 'source_run_id', table: 'analysis_run', ids: [v.source_run_id] }]);
  const { id } = await mapConstraintErrors(
    db
      .insertInto('focus_area')
      .values({
        municipality_code: municipalityCode,
        name: v.name,
        geom: multiPolygonFromGeoJson(v.geom),
        rationale: v.rationale,
        evidence: JSON.stringify(v.evidence),
        source_run_id: v.source_run_id,
        period_from: v.period_from,
        period_to: v.period_to,
        public_summary: v.public_summary,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return getFocusArea(db, municipalityCode, id);
}

export async function getFocusArea(db: Kysely<Database>, municipalityCode: string, id: string): Promise<FocusArea> {
  assertIdShape('focus_area', id, municipalityCode);
  const row = await db
    .selectFrom('focus_area')
    .select([
      'id',
      'municipality_code',
      'name',
      'rationale',
      'evidence',
      'source_run_id',
      'period_from',
      'period_to',
      'public_summary',
      'public_summary_approved',
      'public_summary_reviewed_by',
      'public_summary_reviewed_at',
      'published_name',
      'published_summary',
      'created_at',
    ])
    .select(selectMultiPolygonGeoJson().as('geom'))
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('focus_area', id, municipalityCode);
  return focusAreaSchema.parse({ ...row, public_summary_reviewed_at: toIsoOrNull(row.public_summary_reviewed_at), created_at: toIso(row.created_at) });
}
