import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import { type AnalysisRun, analysisRunInputSchema, analysisRunSchema } from '@/lib/schemas/entities/analysis-run';
import { NotFoundError } from './errors';
import { assertIdShape, mapConstraintErrors, toIso } from './reshape';

export interface CreateAnalysisRunOptions {
  /** The signed-in user saving the run; set by the server, never taken from the input. */
  createdBy?: string | null;
}

/** Runs are immutable once saved (a trigger rejects UPDATE): there is no update function. */
export async function createAnalysisRun(
  db: Kysely<Database>,
  municipalityCode: string,
  input: z.input<typeof analysisRunInputSchema>,
  options: CreateAnalysisRunOptions = {},
): Promise<AnalysisRun> {
  const v = analysisRunInputSchema.parse(input);
  const { id } = await mapConstraintErrors(
    db
      .insertInto('analysis_run')
      .values({
        municipality_code: municipalityCode,
        title: v.title,
        method: v.method,
        period_from: v.period_from,
        period_to: v.period_to,
        layers: v.layers,
        parameters: JSON.stringify(v.parameters),
        data_counts: JSON.stringify(v.data_counts),
        record_ids_hash: v.record_ids_hash,
        result: JSON.stringify(v.result),
        created_by: options.createdBy ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return getAnalysisRun(db, municipalityCode, id);
}

export async function getAnalysisRun(db: Kysely<Database>, municipalityCode: string, id: string): Promise<AnalysisRun> {
  assertIdShape('analysis_run', id, municipalityCode);
  const row = await db
    .selectFrom('analysis_run')
    .select([
      'id',
      'municipality_code',
      'title',
      'method',
      'period_from',
      'period_to',
      'layers',
      'parameters',
      'data_counts',
      'record_ids_hash',
      'result',
      'created_by',
      'created_at',
    ])
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('analysis_run', id, municipalityCode);
  return analysisRunSchema.parse({
    ...row,
    period_from: toIso(row.period_from),
    period_to: toIso(row.period_to),
    created_at: toIso(row.created_at),
  });
}
