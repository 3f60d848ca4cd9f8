import 'server-only';
// Dialogue summaries (issue 5): the EST group attaches what a focus group, a digital safety walk or a
// dialogue meeting said to an area and, when it was brought there, an EST meeting, and correct it later.
// Internal text: the permission table gives it to police and municipality only (never council, partner
// or public); every read, addition and correction is in the audit log, a refusal too.
import type { Kysely } from 'kysely';
import { listDialogueFormChoices, listDialogueSummariesOfArea, listDialogueSummariesOfMeetings, type DialogueSummaryListRow } from '@/db/queries/dialogue/list-dialogue-summaries';
import { createDialogueSummary, DIALOGUE_SUMMARY_EDITABLE, getDialogueSummary, updateDialogueSummary } from '@/db/queries/entities/dialogue-summary';
import { NotFoundError } from '@/db/queries/entities/errors';
import type { Database } from '@/db/schema';
import type { DialogueSummary, DialogueSummaryInput } from '@/lib/schemas/entities/dialogue-summary';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { recordDenied, recordRead } from '@/lib/server/audit/record-read';
import { forbidden, notFound } from '@/lib/server/auth/errors';
import { type Action, can } from '@/lib/server/permissions/permission-table';
import { type Viewer, viewerRoles } from '@/lib/server/permissions/viewer';

export type { DialogueSummaryListRow };

export function mayReadDialogueSummaries(viewer: Viewer): boolean {
  return can(viewerRoles(viewer), 'read', 'dialogue_summary');
}

export function mayAddDialogueSummaries(viewer: Viewer): boolean {
  return can(viewerRoles(viewer), 'create', 'dialogue_summary');
}

async function refuse(db: Kysely<Database>, viewer: Viewer, action: Action): Promise<never> {
  await recordDenied(db, { actor: viewer.actor, resource: 'dialogue_summary', municipalityCode: viewer.municipalityCode, reason: `role may not ${action}` });
  throw forbidden();
}

/** Adds one summary (one transaction with its audit event). */
export async function addDialogueSummary(db: Kysely<Database>, viewer: Viewer, input: DialogueSummaryInput | Record<string, unknown>): Promise<DialogueSummary> {
  if (!mayAddDialogueSummaries(viewer)) return refuse(db, viewer, 'create');
  return db.transaction().execute(async (trx) => {
    const created = await createDialogueSummary(trx, viewer.municipalityCode, input as DialogueSummaryInput, viewer.actor);
    await appendAuditEvent(trx, {
      actor: viewer.actor,
      action: 'create',
      resource: 'dialogue_summary',
      municipalityCode: viewer.municipalityCode,
      details: { area_id: created.area_id, est_meeting_id: created.est_meeting_id, kind: created.kind, held_on: created.held_on },
      ids: [created.id],
    });
    return created;
  });
}

/** Corrections: the same roles as additions (the permission table grants both to the EST group). */
export function mayEditDialogueSummaries(viewer: Viewer): boolean {
  return mayAddDialogueSummaries(viewer) && can(viewerRoles(viewer), 'update', 'dialogue_summary');
}

/**
 * Corrects one summary of the viewer's municipality: every field the form writes, validated as on
 * creation, in one transaction with its audit event ('update', naming the fields changed, never their
 * text). Another municipality's id is "not found".
 */
export async function editDialogueSummary(db: Kysely<Database>, viewer: Viewer, id: string, input: DialogueSummaryInput | Record<string, unknown>): Promise<DialogueSummary> {
  if (!mayEditDialogueSummaries(viewer)) return refuse(db, viewer, 'update');
  try {
    return await db.transaction().execute(async (trx) => {
      const { before, after } = await updateDialogueSummary(trx, viewer.municipalityCode, id, input as DialogueSummaryInput);
      const changed = DIALOGUE_SUMMARY_EDITABLE.filter((f) => before[f] !== after[f]);
      await appendAuditEvent(trx, {
        actor: viewer.actor,
        action: 'update',
        resource: 'dialogue_summary',
        municipalityCode: viewer.municipalityCode,
        details: { changed, area_id: after.area_id, est_meeting_id: after.est_meeting_id },
        ids: [after.id],
      });
      return after;
    });
  } catch (err) {
    if (err instanceof NotFoundError) throw notFound('The dialogue summary');
    throw err;
  }
}

/** One summary to correct, for the edit page (its read audited); null when not found, or when the roles may not edit (refusal audited, nothing queried). */
export async function getDialogueSummaryToEdit(db: Kysely<Database>, viewer: Viewer, id: string): Promise<DialogueSummary | null> {
  if (!mayEditDialogueSummaries(viewer)) {
    await recordDenied(db, { actor: viewer.actor, resource: 'dialogue_summary', municipalityCode: viewer.municipalityCode, reason: 'role may not update', details: { id } });
    return null;
  }
  try {
    const summary = await getDialogueSummary(db, viewer.municipalityCode, id);
    await recordRead(db, viewer, { resource: 'dialogue_summary', filter: { id }, ids: [summary.id] });
    return summary;
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}

/** The summaries of one area, for the map's area panel; null when the viewer's roles may not read them (nothing is queried). */
export async function listAreaDialogueSummaries(db: Kysely<Database>, viewer: Viewer, areaId: string): Promise<DialogueSummaryListRow[] | null> {
  if (!mayReadDialogueSummaries(viewer)) return null;
  const rows = await listDialogueSummariesOfArea(db, viewer.municipalityCode, areaId);
  await recordRead(db, viewer, { resource: 'dialogue_summary', filter: { area_id: areaId }, ids: rows.map((r) => r.id) });
  return rows;
}

/** The summaries brought to these EST meetings, by meeting id; empty when the roles may not read them. */
export async function listMeetingDialogueSummaries(db: Kysely<Database>, viewer: Viewer, meetingIds: readonly string[]): Promise<Map<string, DialogueSummaryListRow[]>> {
  const byMeeting = new Map<string, DialogueSummaryListRow[]>();
  if (!mayReadDialogueSummaries(viewer) || meetingIds.length === 0) return byMeeting;
  const rows = await listDialogueSummariesOfMeetings(db, viewer.municipalityCode, meetingIds);
  for (const r of rows) byMeeting.set(r.est_meeting_id!, [...(byMeeting.get(r.est_meeting_id!) ?? []), r]);
  await recordRead(db, viewer, { resource: 'dialogue_summary', filter: { est_meeting_ids: meetingIds.length }, ids: rows.map((r) => r.id) });
  return byMeeting;
}

/** Areas and meetings the form offers (no internal text: names and dates). */
export async function dialogueFormChoices(db: Kysely<Database>, viewer: Viewer) {
  if (!mayAddDialogueSummaries(viewer)) return null;
  return listDialogueFormChoices(db, viewer.municipalityCode);
}
