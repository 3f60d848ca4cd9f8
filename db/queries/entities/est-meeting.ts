import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import { type EstMeeting, estMeetingInputSchema, estMeetingSchema } from '@/lib/schemas/entities/est-meeting';
import { NotFoundError } from './errors';
import { assertReferencesInTenant } from './references';
import { assertIdShape, inTransaction, toIso } from './reshape';

/** The meeting, the organisations present and the runs discussed, in one transaction. */
export async function createEstMeeting(db: Kysely<Database>, municipalityCode: string, input: z.input<typeof estMeetingInputSchema>): Promise<EstMeeting> {
  const v = estMeetingInputSchema.parse(input);
  const id = await inTransaction(db, async (trx) => {
    await assertReferencesInTenant(trx, municipalityCode, [
      { field: 'organisation_ids', table: 'organisation', ids: v.organisation_ids },
      { field: 'run_ids', table: 'analysis_run', ids: v.run_ids },
    ]);
    const meeting = await trx
      .insertInto('est_meeting')
      .values({
        municipality_code: municipalityCode,
        held_on: v.held_on,
        kind: v.kind,
        meeting_mode: v.meeting_mode,
        notes: v.notes,
        decisions: v.decisions,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (v.organisation_ids.length > 0) {
      await trx
        .insertInto('est_meeting_organisation')
        .values(v.organisation_ids.map((organisation_id) => ({ meeting_id: meeting.id, organisation_id })))
        .execute();
    }
    if (v.run_ids.length > 0) {
      await trx
        .insertInto('est_meeting_run')
        .values(v.run_ids.map((run_id) => ({ meeting_id: meeting.id, run_id })))
        .execute();
    }
    return meeting.id;
  });
  return getEstMeeting(db, municipalityCode, id);
}

export async function getEstMeeting(db: Kysely<Database>, municipalityCode: string, id: string): Promise<EstMeeting> {
  assertIdShape('est_meeting', id, municipalityCode);
  const row = await db
    .selectFrom('est_meeting')
    .select(['id', 'municipality_code', 'held_on', 'kind', 'meeting_mode', 'notes', 'decisions', 'created_at'])
    .select(
      sql<string[]>`ARRAY(SELECT o.organisation_id::text FROM est_meeting_organisation o WHERE o.meeting_id = est_meeting.id ORDER BY o.organisation_id)`.as(
        'organisation_ids',
      ),
    )
    .select(sql<string[]>`ARRAY(SELECT r.run_id::text FROM est_meeting_run r WHERE r.meeting_id = est_meeting.id ORDER BY r.run_id)`.as('run_ids'))
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('est_meeting', id, municipalityCode);
  return estMeetingSchema.parse({ ...row, created_at: toIso(row.created_at) });
}
