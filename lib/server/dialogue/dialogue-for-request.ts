import 'server-only';
// The signed-in user's side of dialogue summaries, for the route handler and the pages.
import { z, ZodError } from 'zod';
import { InvalidReferenceError } from '@/db/queries/entities/errors';
import { unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser, viewerFor } from '@/lib/server/auth/session';
import { getDb } from '@/lib/server/db';
import { getDefaultMunicipalityCode } from '@/lib/server/situation/get-staff-context';
import { addDialogueSummary, dialogueFormChoices, editDialogueSummary, getDialogueSummaryToEdit, listAreaDialogueSummaries, mayReadDialogueSummaries } from './dialogue-summaries';
import { forbidden } from '@/lib/server/auth/errors';
import { recordDenied } from '@/lib/server/audit/record-read';

async function requestViewer() {
  const user = await getSignedInUser();
  if (!user) throw unauthorized();
  return { db: await getDb(), viewer: viewerFor(user, getDefaultMunicipalityCode(), { meetingMode: false }) };
}

/** An area or meeting not in the municipality is a 400 naming the field, like any other bad field. */
function asFieldError(err: unknown): unknown {
  if (err instanceof InvalidReferenceError) {
    return new ZodError([{ code: 'custom', path: [err.field], message: `${err.field}: no such ${err.entity === 'area' ? 'area' : 'EST meeting'} in this municipality`, input: err.id }]);
  }
  return err;
}

/** POST /api/v1/dialogue-summaries. */
export async function addDialogueSummaryForRequest(body: unknown) {
  const { db, viewer } = await requestViewer();
  try {
    return await addDialogueSummary(db, viewer, (body ?? {}) as Record<string, unknown>);
  } catch (err) {
    throw asFieldError(err);
  }
}

/** PATCH /api/v1/dialogue-summaries/ID: a correction of every field the form writes. */
export async function editDialogueSummaryForRequest(id: string, body: unknown) {
  const { db, viewer } = await requestViewer();
  try {
    return await editDialogueSummary(db, viewer, id, (body ?? {}) as Record<string, unknown>);
  } catch (err) {
    throw asFieldError(err);
  }
}

const areaQuery = z.object({ area: z.guid({ error: 'area must be the id of an area' }) });

/** GET /api/v1/dialogue-summaries?area=ID */
export async function listDialogueSummariesForRequest(params: URLSearchParams) {
  const { db, viewer } = await requestViewer();
  const { area } = areaQuery.parse({ area: params.get('area') ?? undefined });
  if (!mayReadDialogueSummaries(viewer)) {
    await recordDenied(db, { actor: viewer.actor, resource: 'dialogue_summary', municipalityCode: viewer.municipalityCode, reason: 'role may not read' });
    throw forbidden();
  }
  return (await listAreaDialogueSummaries(db, viewer, area)) ?? [];
}

/** The edit page: the summary and the form's choices, or null (not found, or the roles may not edit it). */
export async function dialogueEditForPage(user: NonNullable<Awaited<ReturnType<typeof getSignedInUser>>>, municipalityCode: string, id: string) {
  const db = await getDb();
  const viewer = viewerFor(user, municipalityCode, { meetingMode: false });
  const summary = await getDialogueSummaryToEdit(db, viewer, id);
  if (!summary) return null;
  const choices = await dialogueFormChoices(db, viewer);
  return choices ? { summary, ...choices } : null;
}

/** The import page's dialogue form: the areas and meetings to choose from, or null when the user may not add summaries. */
export async function dialogueFormForPage(user: NonNullable<Awaited<ReturnType<typeof getSignedInUser>>>, municipalityCode: string) {
  return dialogueFormChoices(await getDb(), viewerFor(user, municipalityCode, { meetingMode: false }));
}
