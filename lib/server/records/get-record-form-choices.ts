import 'server-only';
// What the edit form of a record may offer this viewer: only categories they may see (a choice outside
// them would hide the record from its editor) and the organisations of the record's municipality.
import { listCategoriesOfSensitivities } from '@/db/queries/records/list-categories-of-sensitivities';
import { listOrganisationOptions } from '@/db/queries/situation-options';
import type { RecordDetail } from '@/lib/schemas/record-detail';
import { getSignedInUser } from '@/lib/server/auth/session';
import { unauthorized } from '@/lib/server/auth/errors';
import { visibleSensitivities } from '@/lib/server/permissions/exact-access';
import { getDb } from '../db';
import { recordViewerFor, viewerOfMunicipality } from './record-viewer';

export interface RecordFormChoices {
  categories: { key: string; labelSv: string; labelEn: string }[];
  organisations: { id: string; name: string }[];
}

export async function getRecordFormChoices(detail: RecordDetail): Promise<RecordFormChoices> {
  const user = await getSignedInUser();
  if (!user) throw unauthorized();
  const viewer = viewerOfMunicipality(recordViewerFor(user), detail.municipalityCode);
  const db = await getDb();
  const [categories, organisations] = await Promise.all([
    detail.kind === 'incident' && viewer ? listCategoriesOfSensitivities(db, visibleSensitivities(viewer)) : Promise.resolve([]),
    listOrganisationOptions(db, detail.municipalityCode),
  ]);
  return { categories: categories.map((c) => ({ key: c.key, labelSv: c.label_sv, labelEn: c.label_en })), organisations };
}
