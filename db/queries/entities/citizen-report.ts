import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import { type CitizenReport, citizenReportInputSchema, citizenReportSchema } from '@/lib/schemas/entities/citizen-report';
import { NotFoundError } from './errors';
import { pointFromGeoJson, selectPointGeoJson } from './geometry';
import { assertIdShape, mapConstraintErrors, toIso, toIsoOrNull } from './reshape';

export interface CreateCitizenReportOptions {
  /**
   * Hash of the status token handed to the reporter (made by lib/server). Only the hash is stored, so a
   * database copy cannot be used to follow someone's report.
   */
  statusTokenHash: string;
}

export async function createCitizenReport(
  db: Kysely<Database>,
  municipalityCode: string,
  input: z.input<typeof citizenReportInputSchema>,
  options: CreateCitizenReportOptions,
): Promise<CitizenReport> {
  const v = citizenReportInputSchema.parse(input);
  if (!options.statusTokenHash) throw new Error('createCitizenReport needs a statusTokenHash');
  const { id } = await mapConstraintErrors(
    db
      .insertInto('citizen_report')
      .values({
        municipality_code: municipalityCode,
        category: v.category,
        geom: pointFromGeoJson(v.geom),
        body: v.body,
        contact_name: v.contact_name,
        contact_email: v.contact_email,
        contact_phone: v.contact_phone,
        status_token_hash: options.statusTokenHash,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return getCitizenReport(db, municipalityCode, id);
}

/** The staff view: everything but the status token hash. */
export async function getCitizenReport(db: Kysely<Database>, municipalityCode: string, id: string): Promise<CitizenReport> {
  assertIdShape('citizen_report', id, municipalityCode);
  const row = await db
    .selectFrom('citizen_report')
    .select([
      'id',
      'municipality_code',
      'category',
      'body',
      'contact_name',
      'contact_email',
      'contact_phone',
      'moderation_state',
      'public_status',
      'public_summary',
      'rejection_reason',
      'merged_into_id',
      'unsafe_place_id',
      'vandalism_report_id',
      'created_at',
      'status_changed_at',
      'closed_at',
      'public_pin',
      'moderated_by',
      'moderated_at',
      'contact_purged_at',
    ])
    .select(selectPointGeoJson().as('geom'))
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('citizen_report', id, municipalityCode);
  return citizenReportSchema.parse({
    ...row,
    created_at: toIso(row.created_at),
    status_changed_at: toIso(row.status_changed_at),
    closed_at: toIsoOrNull(row.closed_at),
    moderated_at: toIsoOrNull(row.moderated_at),
    contact_purged_at: toIsoOrNull(row.contact_purged_at),
  });
}
