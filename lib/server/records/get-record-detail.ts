import 'server-only';
// A record by id for the signed-in viewer: the detail DTO, the read audited (who, a hash of the id);
// a record they may not see is "not found" exactly like a missing one (404, never 403), and the
// attempt is audited as denied.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import type { RecordDetail, RecordKind } from '@/lib/schemas/record-detail';
import { recordDenied, recordRead } from '@/lib/server/audit/record-read';
import { idsHash } from '@/lib/server/audit/hash-chain';
import { notFound, unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser } from '@/lib/server/auth/session';
import { getDb } from '../db';
import { findRecordDetail } from './find-record-detail';
import { RECORD_RESOURCES, type RecordViewer, recordViewerFor, viewerOfMunicipality } from './record-viewer';

/** The record, audited; throws the 404 HttpError when hidden, missing or malformed (audited as denied). */
export async function getRecordDetailAs(db: Kysely<Database>, rv: RecordViewer, kind: RecordKind, id: string): Promise<RecordDetail> {
  const detail = await findRecordDetail(db, rv, kind, id);
  const resource = RECORD_RESOURCES[kind];
  if (!detail) {
    await recordDenied(db, { actor: rv.actor, resource, reason: 'not_visible', details: { kind, id_hash: idsHash([id]) } });
    throw notFound();
  }
  const viewer = viewerOfMunicipality(rv, detail.municipalityCode)!;
  await recordRead(db, { ...viewer, actor: rv.actor }, { resource, filter: { kind }, ids: [detail.id] });
  return detail;
}

/** For route handlers and pages: the signed-in user's view of one record (401 when signed out). */
export async function getRecordDetail(kind: RecordKind, id: string): Promise<RecordDetail> {
  const user = await getSignedInUser();
  if (!user) throw unauthorized();
  return getRecordDetailAs(await getDb(), recordViewerFor(user), kind, id);
}
