import 'server-only';
// A map point's record: the point packs carry incident.seq, not the UUID (lib/map/point-pack.ts), so a
// click resolves the number here. Found only when the viewer may see the incident exactly (in SQL, in
// any municipality where they hold roles); otherwise "not found", audited as denied, like a record id.
import type { Kysely } from 'kysely';
import { findIncidentIdBySeq } from '@/db/queries/incident-points';
import type { Database } from '@/db/schema';
import type { RecordDetail } from '@/lib/schemas/record-detail';
import { idsHash } from '@/lib/server/audit/hash-chain';
import { recordDenied } from '@/lib/server/audit/record-read';
import { notFound, unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser } from '@/lib/server/auth/session';
import { getRecordDetailAs } from '@/lib/server/records/get-record-detail';
import { RECORD_RESOURCES, type RecordViewer, recordPredicates, recordViewerFor } from '@/lib/server/records/record-viewer';
import { getDb } from '../db';

/** Point numbers are positive bigints; more than 15 digits cannot be one we issued (and would not be exact in JS). */
const SEQ_TEXT = /^[1-9][0-9]{0,14}$/;

/** The incident's detail (its read audited by getRecordDetailAs); the 404 HttpError when hidden, missing or malformed. */
export async function getIncidentDetailBySeqAs(db: Kysely<Database>, rv: RecordViewer, seqText: string): Promise<RecordDetail> {
  const found = SEQ_TEXT.test(seqText) ? await findIncidentIdBySeq(db, Number(seqText), recordPredicates(rv, 'incident').access('incident', 'category_key')) : null;
  if (!found) {
    // Hashed like a record id in the same situation: the log does not list numbers of hidden records.
    await recordDenied(db, { actor: rv.actor, resource: RECORD_RESOURCES.incident, reason: 'not_visible', details: { kind: 'incident', seq_hash: idsHash([seqText.slice(0, 40)]) } });
    throw notFound();
  }
  return getRecordDetailAs(db, rv, 'incident', found.id);
}

/** For the route: the signed-in user's view (401 when signed out). */
export async function getIncidentDetailBySeq(seqText: string): Promise<RecordDetail> {
  const user = await getSignedInUser();
  if (!user) throw unauthorized();
  return getIncidentDetailBySeqAs(await getDb(), recordViewerFor(user), seqText);
}
