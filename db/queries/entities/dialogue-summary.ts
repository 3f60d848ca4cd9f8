import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import { type DialogueSummary, dialogueSummaryInputSchema, dialogueSummarySchema } from '@/lib/schemas/entities/dialogue-summary';
import { NotFoundError } from './errors';
import { assertReferencesInTenant } from './references';
import { assertIdShape, mapConstraintErrors, toIso } from './reshape';

/** Stores one dialogue summary of an area (and meeting) of this municipality; createdBy is the actor. */
export async function createDialogueSummary(
  db: Kysely<Database>,
  municipalityCode: string,
  input: z.input<typeof dialogueSummaryInputSchema>,
  createdBy: string,
): Promise<DialogueSummary> {
  const v = dialogueSummaryInputSchema.parse(input);
  await assertDialogueReferences(db, municipalityCode, v);
  const { id } = await mapConstraintErrors(
    db
      .insertInto('dialogue_summary')
      .values({ municipality_code: municipalityCode, ...editableValues(v), created_by: createdBy })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return getDialogueSummary(db, municipalityCode, id);
}

export const DIALOGUE_SUMMARY_COLUMNS = ['id', 'municipality_code', 'area_id', 'est_meeting_id', 'kind', 'held_on', 'title', 'summary', 'participants', 'source', 'created_by', 'created_at'] as const;

export async function getDialogueSummary(db: Kysely<Database>, municipalityCode: string, id: string): Promise<DialogueSummary> {
  assertIdShape('dialogue_summary', id, municipalityCode);
  const row = await db.selectFrom('dialogue_summary').select(DIALOGUE_SUMMARY_COLUMNS).where('municipality_code', '=', municipalityCode).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('dialogue_summary', id, municipalityCode);
  return dialogueSummarySchema.parse({ ...row, created_at: toIso(row.created_at) });
}

/** Fields a correction may change (everything the form writes; never the author or the tenant). */
export const DIALOGUE_SUMMARY_EDITABLE = ['area_id', 'est_meeting_id', 'kind', 'held_on', 'title', 'summary', 'participants', 'source'] as const;

type DialogueSummaryValues = z.output<typeof dialogueSummaryInputSchema>;

/** The columns a summary's form writes, on creation and on correction. */
function editableValues(v: DialogueSummaryValues): Pick<DialogueSummaryValues, (typeof DIALOGUE_SUMMARY_EDITABLE)[number]> {
  return Object.fromEntries(DIALOGUE_SUMMARY_EDITABLE.map((k) => [k, v[k]])) as Pick<DialogueSummaryValues, (typeof DIALOGUE_SUMMARY_EDITABLE)[number]>;
}

/** The area and the EST meeting a summary names belong to its municipality (a field error otherwise). */
async function assertDialogueReferences(db: Kysely<Database>, municipalityCode: string, v: Pick<DialogueSummaryValues, 'area_id' | 'est_meeting_id'>): Promise<void> {
  await assertReferencesInTenant(db, municipalityCode, [
    { field: 'area_id', table: 'area', ids: [v.area_id] },
    { field: 'est_meeting_id', table: 'est_meeting', ids: [v.est_meeting_id] },
  ]);
}

/**
 * Replaces the editable fields of one summary of this municipality (the row is locked for the change)
 * and returns it before and after; references are checked in the tenant as on creation. Run it inside
 * the caller's transaction so the audit event commits with it.
 */
export async function updateDialogueSummary(
  db: Kysely<Database>,
  municipalityCode: string,
  id: string,
  input: z.input<typeof dialogueSummaryInputSchema>,
): Promise<{ before: DialogueSummary; after: DialogueSummary }> {
  assertIdShape('dialogue_summary', id, municipalityCode);
  const v = dialogueSummaryInputSchema.parse(input);
  const locked = await db.selectFrom('dialogue_summary').select('id').where('municipality_code', '=', municipalityCode).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!locked) throw new NotFoundError('dialogue_summary', id, municipalityCode);
  const before = await getDialogueSummary(db, municipalityCode, id);
  await assertDialogueReferences(db, municipalityCode, v);
  await mapConstraintErrors(
    db
      .updateTable('dialogue_summary')
      .set(editableValues(v))
      .where('municipality_code', '=', municipalityCode)
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );
  return { before, after: await getDialogueSummary(db, municipalityCode, id) };
}
