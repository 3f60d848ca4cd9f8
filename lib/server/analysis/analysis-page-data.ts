import 'server-only';
// What the analysis pages need besides a job: the signed-in viewer (pages answer 404 to roles without the
// analysis permission, like the admin pages), the categories they may see, meetings, organisations and runs.
import { notFound } from 'next/navigation';
import type { Kysely } from 'kysely';
import {
  type AnalysisRunListRow,
  listAnalysisCategories,
  listAnalysisRuns,
  listEstMeetings,
  listMeetingOrganisations,
  type MeetingRow,
  type OrganisationOption,
} from '@/db/queries/analysis/analysis-runs';
import type { Database } from '@/db/schema';
import { requireStaffUser, viewerFor } from '@/lib/server/auth/session';
import { getDb } from '@/lib/server/db';
import { visibleSensitivities } from '@/lib/server/permissions/exact-access';
import { can } from '@/lib/server/permissions/permission-table';
import { type Viewer, viewerRoles } from '@/lib/server/permissions/viewer';
import { getDefaultMunicipalityCode } from '@/lib/server/situation/get-staff-context';

/** The page's viewer; a role without `read analysis` gets the 404 page (the page's existence is not advertised). */
export async function requireAnalysisPageViewer(path: string): Promise<{ db: Kysely<Database>; viewer: Viewer }> {
  const user = await requireStaffUser(path);
  const viewer = viewerFor(user, getDefaultMunicipalityCode());
  if (!can(viewerRoles(viewer), 'read', 'analysis')) notFound();
  return { db: await getDb(), viewer };
}

export interface AnalysisPageData {
  categories: { key: string; label_sv: string; label_en: string }[];
  meetings: MeetingRow[];
  organisations: OrganisationOption[];
  runs: AnalysisRunListRow[];
}

export async function getAnalysisPageData(db: Kysely<Database>, viewer: Viewer): Promise<AnalysisPageData> {
  const sensitivities = visibleSensitivities(viewer);
  const [categories, meetings, organisations, runs] = await Promise.all([
    listAnalysisCategories(db),
    listEstMeetings(db, viewer.municipalityCode),
    listMeetingOrganisations(db, viewer.municipalityCode),
    listAnalysisRuns(db, viewer.municipalityCode),
  ]);
  return { categories: categories.filter((c) => sensitivities.includes(c.sensitivity)), meetings, organisations, runs };
}
