import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import { type HotspotNote, hotspotNoteInputSchema, hotspotNoteSchema } from '@/lib/schemas/entities/hotspot-note';
import { NotFoundError } from './errors';
import { assertReferencesInTenant } from './references';
import { assertIdShape, mapConstraintErrors, toIso } from './reshape';

export async function createHotspotNote(db: Kysely<Database>, municipalityCode: string, input: z.input<typeof hotspotNoteInputSchema>): Promise<HotspotNote> {
  const v = hotspotNoteInputSchema.parse(input);
  await assertReferencesInTenant(db, municipalityCode, [
    { field: 'meeting_id', table: 'est_meeting', ids: [v.meeting_id] },
    { field: 'run_id', table: 'analysis_run', ids: [v.run_id] },
  ]);
  const { id } = await mapConstraintErrors(
    db
      .insertInto('hotspot_note')
      .values({ municipality_code: municipalityCode, meeting_id: v.meeting_id, run_id: v.run_id, hotspot_ref: v.hotspot_ref, cause_note: v.cause_note })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return getHotspotNote(db, municipalityCode, id);
}

export async function getHotspotNote(db: Kysely<Database>, municipalityCode: string, id: string): Promise<HotspotNote> {
  assertIdShape('hotspot_note', id, municipalityCode);
  const row = await db
    .selectFrom('hotspot_note')
    .select(['id', 'municipality_code', 'meeting_id', 'run_id', 'hotspot_ref', 'cause_note', 'created_at'])
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('hotspot_note', id, municipalityCode);
  return hotspotNoteSchema.parse({ ...row, created_at: toIso(row.created_at) });
}
