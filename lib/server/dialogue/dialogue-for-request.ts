import 'server-only';
// The signed-in user's side of dialogue summaries, for the route handler and the pages.
import { z, ZodError } from 'zod';
import { InvalidReferenceError } from '@/db/queries/entities/errors';
import { unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser, viewerFor } from '@/lib/server/auth/session';
import { getDb } from '@/lib/server/db';
import { getDefaultMunicipalityCode } from '@/lib/server/situation/get-staff-context';
import { addDialogueSummary, dialogueFormChoices, listAreaDialogueSummaries, mayReadDialogueSummaries } from './dialogue-summaries';
import { forbidden } from '@/lib/server/auth/errors';
import { recordDenied } from '@/lib/server/audit/record-read';

async function requestViewer() {
  const user = await getSignedInUser();
  if (!user) throw unauthorized();
  return { db: await getDb(), viewer: viewerFor(user, getDefaultMunicipalityCode(), { meetingMode: false }) };
}

/** POST /api/v1/dialogue-summaries. An area or meeting not in the municipality is a 400 naming the field. */
export async function addDialogueSummaryForRequest(body: unknown) {
  const { db, viewer } = await requestViewer();
  try {
    return await addDialogueSummary(db, viewer, (body ?? {}) as Record<string, unknown>);
  } catch (err) {
    if (err instanceof InvalidReferenceError) {
      throw new ZodError([{ code: 'custom', path: [err.field], message: `${err.field}: no such ${err.entity === 'area' ? 'area' : 'EST meeting'} in this municipality`, input: err.id }]);
    }
    throw err;
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

/** The import page's dialogue form: the areas and meetings to choose from, or null when the user may not add summaries. */
export async function dialogueFormForPage(user: NonNullable<Awaited<ReturnType<typeof getSignedInUser>>>, municipalityCode: string) {
  return dialogueFormChoices(await getDb(), viewerFor(user, municipalityCode, { meetingMode: false }));
}
