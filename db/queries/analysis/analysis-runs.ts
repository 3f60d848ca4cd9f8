// Saved analysis runs as the analysis pages list them, their EST meetings and cause notes (orsaksanalys).
// Creating the rows goes through db/queries/entities (createAnalysisRun, createEstMeeting, createHotspotNote).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../schema';

export interface AnalysisRunListRow {
  id: string;
  title: string;
  method: string;
  period_from: string;
  period_to: string;
  incidents: number;
  created_by: string | null;
  created_at: string;
  meetings: string[];
}

/** The municipality's saved runs, newest first, with the dates of the meetings they were discussed at. */
export async function listAnalysisRuns(db: Kysely<Database>, municipalityCode: string, limit = 100): Promise<AnalysisRunListRow[]> {
  const r = await sql<AnalysisRunListRow>`
    SELECT r.id::text AS id, r.title, r.method, r.period_from, r.period_to,
      coalesce((r.data_counts->>'incident')::int, 0) AS incidents, r.created_by, r.created_at,
      ARRAY(SELECT to_char(m.held_on, 'YYYY-MM-DD') FROM est_meeting_run mr JOIN est_meeting m ON m.id = mr.meeting_id
            WHERE mr.run_id = r.id ORDER BY m.held_on, m.id) AS meetings
    FROM analysis_run r
    WHERE r.municipality_code = ${municipalityCode}
    ORDER BY r.created_at DESC, r.id
    LIMIT ${limit}`.execute(db);
  return r.rows.map((row) => ({
    ...row,
    incidents: Number(row.incidents),
    period_from: new Date(row.period_from).toISOString(),
    period_to: new Date(row.period_to).toISOString(),
    created_at: new Date(row.created_at).toISOString(),
  }));
}

export interface MeetingRow {
  id: string;
  held_on: string;
  kind: string;
  meeting_mode: boolean;
  notes: string | null;
  decisions: string | null;
  organisations: string[];
}

function meetingSelect(where: ReturnType<typeof sql>) {
  return sql<MeetingRow>`
    SELECT m.id::text AS id, to_char(m.held_on, 'YYYY-MM-DD') AS held_on, m.kind, m.meeting_mode, m.notes, m.decisions,
      ARRAY(SELECT o.name FROM est_meeting_organisation mo JOIN organisation o ON o.id = mo.organisation_id
            WHERE mo.meeting_id = m.id ORDER BY o.name) AS organisations
    FROM est_meeting m WHERE ${where}
    ORDER BY m.held_on DESC, m.id`;
}

/** The municipality's EST meetings, newest first (to link a run to). */
export async function listEstMeetings(db: Kysely<Database>, municipalityCode: string): Promise<MeetingRow[]> {
  return (await meetingSelect(sql`m.municipality_code = ${municipalityCode}`).execute(db)).rows;
}

/** The meetings a run is linked to. */
export async function listRunMeetings(db: Kysely<Database>, municipalityCode: string, runId: string): Promise<MeetingRow[]> {
  return (await meetingSelect(sql`m.municipality_code = ${municipalityCode} AND m.id IN (SELECT meeting_id FROM est_meeting_run WHERE run_id = ${runId}::uuid)`).execute(db)).rows;
}

/** Links a saved run to a meeting (both of the municipality: the caller has checked). Idempotent. */
export async function linkRunToMeeting(db: Kysely<Database>, meetingId: string, runId: string): Promise<void> {
  await sql`INSERT INTO est_meeting_run (meeting_id, run_id) VALUES (${meetingId}::uuid, ${runId}::uuid) ON CONFLICT DO NOTHING`.execute(db);
}

export interface HotspotNoteRow {
  id: string;
  meeting_id: string;
  held_on: string;
  hotspot_ref: string;
  cause_note: string;
  created_at: string;
}

/** Cause notes on a run's hotspots, in the order they were written. */
export async function listRunHotspotNotes(db: Kysely<Database>, municipalityCode: string, runId: string): Promise<HotspotNoteRow[]> {
  const r = await sql<HotspotNoteRow>`
    SELECT n.id::text AS id, n.meeting_id::text AS meeting_id, to_char(m.held_on, 'YYYY-MM-DD') AS held_on, n.hotspot_ref, n.cause_note, n.created_at
    FROM hotspot_note n JOIN est_meeting m ON m.id = n.meeting_id
    WHERE n.municipality_code = ${municipalityCode} AND n.run_id = ${runId}::uuid
    ORDER BY n.created_at, n.id`.execute(db);
  return r.rows.map((row) => ({ ...row, created_at: new Date(row.created_at).toISOString() }));
}

export interface OrganisationOption {
  id: string;
  name: string;
  kind: string;
}

/** The municipality's organisations (who can be present at a meeting). */
export async function listMeetingOrganisations(db: Kysely<Database>, municipalityCode: string): Promise<OrganisationOption[]> {
  return db.selectFrom('organisation').select(['id', 'name', 'kind']).where('municipality_code', '=', municipalityCode).orderBy('name').orderBy('id').execute();
}

export interface CategoryOption {
  key: string;
  label_sv: string;
  label_en: string;
  group_key: string;
  sensitivity: string;
}

/** Categories with their sensitivity (the page offers those the viewer may see). */
export async function listAnalysisCategories(db: Kysely<Database>): Promise<CategoryOption[]> {
  return db.selectFrom('category').select(['key', 'label_sv', 'label_en', 'group_key', 'sensitivity']).orderBy('sort_order').orderBy('key').execute();
}
