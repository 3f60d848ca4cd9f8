// Citizen reports: insert (with the stripped photo), look up by the status token's hash, the moderation
// queue, nearby reports for duplicates, moderation changes, the contact purge and the submission counter.
// This layer only reads and writes; lib/server/citizen-reports decides.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../schema';
import { withCitizenReportTables } from './tables';

export interface NewCitizenReportRow {
  municipalityCode: string;
  category: string;
  lon: number;
  lat: number;
  body: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  statusTokenHash: string;
  now: Date;
}

export interface ReportPhotoInput {
  bytes: Uint8Array;
  width: number;
  height: number;
}

export async function insertCitizenReport(db: Kysely<Database>, r: NewCitizenReportRow, photo: ReportPhotoInput | null): Promise<string> {
  const dbc = withCitizenReportTables(db);
  const write = async (trx: Kysely<Database>) => {
    const { id } = await withCitizenReportTables(trx)
      .insertInto('citizen_report')
      .values({
        municipality_code: r.municipalityCode,
        category: r.category,
        geom: sql`ST_SetSRID(ST_MakePoint(${r.lon}, ${r.lat}), 4326)`,
        body: r.body,
        contact_name: r.contactName,
        contact_email: r.contactEmail,
        contact_phone: r.contactPhone,
        status_token_hash: r.statusTokenHash,
        created_at: r.now,
        status_changed_at: r.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (photo) {
      await withCitizenReportTables(trx)
        .insertInto('citizen_report_photo')
        .values({ report_id: id, municipality_code: r.municipalityCode, content_type: 'image/jpeg', width: photo.width, height: photo.height, bytes: photo.bytes, created_at: r.now })
        .execute();
    }
    return id;
  };
  return db.isTransaction ? write(db) : dbc.transaction().execute((trx) => write(trx as unknown as Kysely<Database>));
}

/** Whether the point lies in the municipality's outline; true when the municipality has no outline. */
export async function isInsideMunicipality(db: Kysely<Database>, municipalityCode: string, lon: number, lat: number): Promise<boolean> {
  const { rows } = await sql<{ inside: boolean }>`
    SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM area WHERE municipality_code = ${municipalityCode} AND kind = 'municipality') THEN true
      ELSE EXISTS (SELECT 1 FROM area WHERE municipality_code = ${municipalityCode} AND kind = 'municipality'
        AND ST_Covers(geom, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326))) END AS inside`.execute(db);
  return rows[0].inside;
}

/** A point inside a district of the municipality (the place-list alternative to the map), or null. */
export async function findDistrictPoint(db: Kysely<Database>, municipalityCode: string, areaId: string): Promise<{ lon: number; lat: number } | null> {
  const row = await db
    .selectFrom('area')
    .where('municipality_code', '=', municipalityCode)
    .where('kind', '=', 'district')
    .where(sql<boolean>`id::text = ${areaId}`)
    .select([sql<number>`ST_X(ST_PointOnSurface(geom))::float8`.as('lon'), sql<number>`ST_Y(ST_PointOnSurface(geom))::float8`.as('lat')])
    .executeTakeFirst();
  return row ?? null;
}

export interface ReportStatusRow {
  id: string;
  category: string;
  moderation_state: string;
  public_status: string;
  public_summary: string | null;
  created_at: Date;
  status_changed_at: Date;
  merged_into_id: string | null;
}

const STATUS_COLUMNS = ['id', 'category', 'moderation_state', 'public_status', 'public_summary', 'created_at', 'status_changed_at', 'merged_into_id'] as const;

export async function findReportByTokenHash(db: Kysely<Database>, tokenHash: string): Promise<ReportStatusRow | null> {
  const row = await withCitizenReportTables(db).selectFrom('citizen_report').select(STATUS_COLUMNS).where('status_token_hash', '=', tokenHash).executeTakeFirst();
  return row ?? null;
}

export async function findReportStatusById(db: Kysely<Database>, municipalityCode: string, id: string): Promise<ReportStatusRow | null> {
  const row = await withCitizenReportTables(db)
    .selectFrom('citizen_report')
    .select(STATUS_COLUMNS)
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

export interface QueueReportRow {
  id: string;
  category: string;
  body: string;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  contact_purged_at: Date | null;
  moderation_state: string;
  public_status: string;
  public_summary: string | null;
  public_pin: boolean;
  rejection_reason: string | null;
  merged_into_id: string | null;
  unsafe_place_id: string | null;
  vandalism_report_id: string | null;
  created_at: Date;
  status_changed_at: Date;
  closed_at: Date | null;
  moderated_by: string | null;
  lon: number;
  lat: number;
  has_photo: boolean;
}

/** Pending reports (oldest first) and the latest handled ones (newest first) of a municipality. */
export async function listQueueReports(db: Kysely<Database>, o: { municipalityCode: string; handledLimit: number }): Promise<{ pending: QueueReportRow[]; handled: QueueReportRow[] }> {
  const base = () =>
    withCitizenReportTables(db)
      .selectFrom('citizen_report as r')
      .where('r.municipality_code', '=', o.municipalityCode)
      .select([
        'r.id',
        'r.category',
        'r.body',
        'r.contact_name',
        'r.contact_email',
        'r.contact_phone',
        'r.contact_purged_at',
        'r.moderation_state',
        'r.public_status',
        'r.public_summary',
        'r.public_pin',
        'r.rejection_reason',
        'r.merged_into_id',
        'r.unsafe_place_id',
        'r.vandalism_report_id',
        'r.created_at',
        'r.status_changed_at',
        'r.closed_at',
        'r.moderated_by',
        sql<number>`ST_X(r.geom)::float8`.as('lon'),
        sql<number>`ST_Y(r.geom)::float8`.as('lat'),
        sql<boolean>`EXISTS (SELECT 1 FROM citizen_report_photo p WHERE p.report_id = r.id)`.as('has_photo'),
      ]);
  const [pending, handled] = await Promise.all([
    base().where('r.moderation_state', '=', 'pending').orderBy('r.created_at').orderBy('r.id').limit(200).execute(),
    base().where('r.moderation_state', '<>', 'pending').orderBy('r.status_changed_at', 'desc').orderBy('r.id').limit(o.handledLimit).execute(),
  ]);
  return { pending, handled };
}

export interface NearbyReportRow {
  id: string;
  near_id: string;
  category: string;
  distance_m: number;
  created_at: Date;
  moderation_state: string;
}

/** For each given report, other reports of the municipality within `meters` that are not duplicates themselves. */
export async function listNearbyReports(db: Kysely<Database>, o: { municipalityCode: string; ids: readonly string[]; meters: number }): Promise<NearbyReportRow[]> {
  if (!o.ids.length) return [];
  const { rows } = await sql<NearbyReportRow>`
    SELECT r.id::text AS id, n.id::text AS near_id, n.category, ST_Distance(r.geom_3006, n.geom_3006)::float8 AS distance_m, n.created_at, n.moderation_state
    FROM citizen_report r JOIN citizen_report n
      ON n.municipality_code = r.municipality_code AND n.id <> r.id AND n.moderation_state <> 'merged' AND n.moderation_state <> 'rejected'
      AND ST_DWithin(r.geom_3006, n.geom_3006, ${o.meters})
    WHERE r.municipality_code = ${o.municipalityCode} AND r.id::text IN (${sql.join(o.ids.map((id) => sql`${id}`))})
    ORDER BY r.id, distance_m, n.created_at`.execute(db);
  return rows;
}

export interface ModerationUpdate {
  moderation_state?: string;
  public_status?: string;
  public_summary?: string | null;
  public_pin?: boolean;
  rejection_reason?: string | null;
  merged_into_id?: string | null;
  unsafe_place_id?: string | null;
  vandalism_report_id?: string | null;
  closed_at?: Date | null;
}

/** Applies a moderation change to one report (only when it is still in `expectedStates`); false when it was not. */
export async function updateReportModeration(
  db: Kysely<Database>,
  o: { municipalityCode: string; id: string; expectedStates: readonly string[]; by: string; now: Date; change: ModerationUpdate },
): Promise<boolean> {
  const result = await withCitizenReportTables(db)
    .updateTable('citizen_report')
    .set({ ...o.change, moderated_by: o.by, moderated_at: o.now, status_changed_at: o.now })
    .where('municipality_code', '=', o.municipalityCode)
    .where('id', '=', o.id)
    .where('moderation_state', 'in', [...o.expectedStates])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ReportForConversion {
  id: string;
  category: string;
  body: string;
  created_at: Date;
  lon: number;
  lat: number;
  moderation_state: string;
}

export async function findReportForConversion(db: Kysely<Database>, municipalityCode: string, id: string): Promise<ReportForConversion | null> {
  const row = await withCitizenReportTables(db)
    .selectFrom('citizen_report')
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .select(['id', 'category', 'body', 'created_at', 'moderation_state', sql<number>`ST_X(geom)::float8`.as('lon'), sql<number>`ST_Y(geom)::float8`.as('lat')])
    .executeTakeFirst();
  return row ?? null;
}

export async function getReportPhoto(db: Kysely<Database>, municipalityCode: string, reportId: string): Promise<{ bytes: Uint8Array; content_type: string } | null> {
  const row = await withCitizenReportTables(db)
    .selectFrom('citizen_report_photo')
    .where('municipality_code', '=', municipalityCode)
    .where('report_id', '=', reportId)
    .select(['bytes', 'content_type'])
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Deletes the contact details (and photo) of reports closed before `closedBefore`; returns the ids purged.
 * Reports closed later, and open ones, keep theirs.
 */
export async function purgeClosedReportContacts(db: Kysely<Database>, o: { municipalityCode: string; closedBefore: Date; now: Date }): Promise<string[]> {
  const dbc = withCitizenReportTables(db);
  const rows = await dbc
    .updateTable('citizen_report')
    .set({ contact_name: null, contact_email: null, contact_phone: null, contact_purged_at: o.now })
    .where('municipality_code', '=', o.municipalityCode)
    .where('closed_at', 'is not', null)
    .where('closed_at', '<', o.closedBefore)
    .where('contact_purged_at', 'is', null)
    .returning('id')
    .execute();
  const ids = rows.map((r) => r.id);
  if (ids.length) await dbc.deleteFrom('citizen_report_photo').where('report_id', 'in', ids).execute();
  return ids;
}

/** Adds one to the client's counter of this window and returns the new count. */
export async function incrementSubmissionCount(db: Kysely<Database>, o: { key: string; windowStart: Date }): Promise<number> {
  const row = await withCitizenReportTables(db)
    .insertInto('citizen_report_rate')
    .values({ key: o.key, window_start: o.windowStart, count: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`citizen_report_rate.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  return row.count;
}

export async function deleteOldSubmissionCounts(db: Kysely<Database>, before: Date): Promise<number> {
  const r = await withCitizenReportTables(db).deleteFrom('citizen_report_rate').where('window_start', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
