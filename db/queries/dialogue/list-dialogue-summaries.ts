// Dialogue summaries of one area, or of a set of EST meetings, newest first, with the names of their
// area and meeting. Always within one municipality; who may read them at all is the permission
// table's question (lib/server/dialogue).
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { type DialogueSummary, dialogueSummarySchema } from '@/lib/schemas/entities/dialogue-summary';
import { toIso } from '@/db/queries/entities/reshape';

export interface DialogueSummaryListRow extends DialogueSummary {
  area_name: string;
  meeting_held_on: string | null;
}

function base(db: Kysely<Database>, municipalityCode: string) {
  return db
    .selectFrom('dialogue_summary as d')
    .innerJoin('area as a', 'a.id', 'd.area_id')
    .leftJoin('est_meeting as m', 'm.id', 'd.est_meeting_id')
    .select([
      'd.id',
      'd.municipality_code',
      'd.area_id',
      'd.est_meeting_id',
      'd.kind',
      'd.held_on',
      'd.title',
      'd.summary',
      'd.participants',
      'd.source',
      'd.created_by',
      'd.created_at',
      'a.name as area_name',
      'm.held_on as meeting_held_on',
    ])
    .where('d.municipality_code', '=', municipalityCode)
    .orderBy('d.held_on', 'desc')
    .orderBy('d.created_at', 'desc');
}

function reshape(rows: { created_at: Date | string; area_name: string; meeting_held_on: string | null }[]): DialogueSummaryListRow[] {
  return rows.map((r) => ({ ...dialogueSummarySchema.parse({ ...r, created_at: toIso(r.created_at) }), area_name: r.area_name, meeting_held_on: r.meeting_held_on }));
}

export async function listDialogueSummariesOfArea(db: Kysely<Database>, municipalityCode: string, areaId: string): Promise<DialogueSummaryListRow[]> {
  return reshape(await base(db, municipalityCode).where('d.area_id', '=', areaId).execute());
}

export async function listDialogueSummariesOfMeetings(db: Kysely<Database>, municipalityCode: string, meetingIds: readonly string[]): Promise<DialogueSummaryListRow[]> {
  if (meetingIds.length === 0) return [];
  return reshape(await base(db, municipalityCode).where('d.est_meeting_id', 'in', [...meetingIds]).execute());
}

/** What the form offers: the areas and the EST meetings (latest first) of the municipality. */
export async function listDialogueFormChoices(db: Kysely<Database>, municipalityCode: string): Promise<{ areas: { id: string; name: string; kind: string }[]; meetings: { id: string; held_on: string; kind: string }[] }> {
  const [areas, meetings] = await Promise.all([
    db.selectFrom('area').select(['id', 'name', 'kind']).where('municipality_code', '=', municipalityCode).where('kind', '!=', 'focus_buffer').orderBy('name').execute(),
    db.selectFrom('est_meeting').select(['id', 'held_on', 'kind']).where('municipality_code', '=', municipalityCode).orderBy('held_on', 'desc').limit(200).execute(),
  ]);
  return { areas, meetings };
}
