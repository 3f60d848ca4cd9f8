// The police events feed as context (issue 5, DESIGN §9): incidents of source 'police_feed' (external_id
// = the feed's id) with their police_feed_event row. Stored once per municipality and feed id; an
// import adds new events and updates changed ones. Read only here, by day, by type and as a list:
// they are never points on the map (lib/server/permissions/exact-access.ts keeps them out of exact access).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../schema';
import { localDate } from '../time-buckets';

export const POLICE_FEED_SOURCE = 'police_feed';

/** The category of every mapped feed event type (category_mapping source 'police_event_type'). */
export async function listPoliceEventTypeMappings(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('category_mapping').select(['value', 'category_key']).where('source', '=', 'police_event_type').execute();
  return new Map(rows.map((r) => [r.value, r.category_key]));
}

export interface PoliceFeedRow {
  external_id: string;
  category_key: string;
  occurred_at: string;
  lon: number;
  lat: number;
  event_type: string;
  location_name: string;
  name: string | null;
  url: string | null;
  summary: string | null;
}

interface StoredRow extends Omit<PoliceFeedRow, 'occurred_at'> {
  id: string;
  occurred_at: Date;
}

async function listStored(db: Kysely<Database>, municipalityCode: string, externalIds: readonly string[]): Promise<Map<string, StoredRow>> {
  if (externalIds.length === 0) return new Map();
  const { rows } = await sql<StoredRow>`
    SELECT i.id::text AS id, i.external_id, i.category_key, i.occurred_at, ST_X(i.geom)::float8 AS lon, ST_Y(i.geom)::float8 AS lat,
           f.event_type, f.location_name, f.name, f.url, f.summary
    FROM incident i LEFT JOIN police_feed_event f ON f.incident_id = i.id
    WHERE i.municipality_code = ${municipalityCode} AND i.source = ${POLICE_FEED_SOURCE}
      AND i.external_id IN (SELECT json_array_elements_text(${JSON.stringify(externalIds)}::json))`.execute(db);
  return new Map(rows.map((r) => [r.external_id, r]));
}

function sameAsStored(row: PoliceFeedRow, s: StoredRow): boolean {
  return (
    s.category_key === row.category_key &&
    new Date(s.occurred_at).getTime() === new Date(row.occurred_at).getTime() &&
    s.lon === row.lon &&
    s.lat === row.lat &&
    s.event_type === row.event_type &&
    s.location_name === row.location_name &&
    s.name === row.name &&
    s.url === row.url &&
    s.summary === row.summary
  );
}

const RECORDSET = sql`AS t(external_id text, category_key text, occurred_at timestamptz, lon float8, lat float8,
  event_type text, location_name text, name text, url text, summary text)`;

/** Rows per statement (one JSON parameter each: the same SQL on PGlite and PostgreSQL). */
const BATCH = 2000;

export interface PoliceFeedUpsert {
  added: string[];
  updated: string[];
  unchanged: number;
}

/**
 * Stores the feed events of one municipality: new feed ids become incidents (source 'police_feed',
 * visibility joint, owned by the importing organisation) with their feed row; a stored id whose values
 * differ is updated; an equal one is left alone, so the same file twice changes nothing.
 */
export async function upsertPoliceFeedEvents(db: Kysely<Database>, municipalityCode: string, originOrgId: string | null, rows: readonly PoliceFeedRow[]): Promise<PoliceFeedUpsert> {
  const result: PoliceFeedUpsert = { added: [], updated: [], unchanged: 0 };
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const stored = await listStored(
      db,
      municipalityCode,
      batch.map((r) => r.external_id),
    );
    const fresh = batch.filter((r) => !stored.has(r.external_id));
    const changed = batch.filter((r) => stored.has(r.external_id) && !sameAsStored(r, stored.get(r.external_id)!));
    result.unchanged += batch.length - fresh.length - changed.length;
    if (fresh.length) {
      const json = JSON.stringify(fresh);
      const { rows: ids } = await sql<{ id: string }>`
        INSERT INTO incident (municipality_code, category_key, occurred_at, geom, source, origin_org_id, visibility, external_id)
        SELECT ${municipalityCode}, t.category_key, t.occurred_at, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326), ${POLICE_FEED_SOURCE}, ${originOrgId}::uuid, 'joint', t.external_id
        FROM json_to_recordset(${json}::json) ${RECORDSET}
        RETURNING id::text AS id`.execute(db);
      result.added.push(...ids.map((r) => r.id));
    }
    if (changed.length) {
      const json = JSON.stringify(changed);
      await sql`
        UPDATE incident i SET category_key = t.category_key, occurred_at = t.occurred_at, geom = ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326), updated_at = now()
        FROM json_to_recordset(${json}::json) ${RECORDSET}
        WHERE i.municipality_code = ${municipalityCode} AND i.source = ${POLICE_FEED_SOURCE} AND i.external_id = t.external_id`.execute(db);
      result.updated.push(...changed.map((r) => stored.get(r.external_id)!.id));
    }
    const touched = [...fresh, ...changed];
    if (touched.length) {
      await sql`
        INSERT INTO police_feed_event (incident_id, municipality_code, event_type, location_name, name, url, summary)
        SELECT i.id, ${municipalityCode}, t.event_type, t.location_name, t.name, t.url, t.summary
        FROM json_to_recordset(${JSON.stringify(touched)}::json) ${RECORDSET}
        JOIN incident i ON i.municipality_code = ${municipalityCode} AND i.source = ${POLICE_FEED_SOURCE} AND i.external_id = t.external_id
        ON CONFLICT (incident_id) DO UPDATE SET event_type = excluded.event_type, location_name = excluded.location_name,
          name = excluded.name, url = excluded.url, summary = excluded.summary`.execute(db);
    }
  }
  return result;
}

export interface PoliceFeedPeriod {
  municipalityCode: string;
  /** Local dates (Europe/Stockholm), inclusive; absent = open. */
  from?: string;
  to?: string;
  /** Category sensitivities the viewer may see (lib/server/permissions visibleSensitivities). */
  sensitivities: readonly string[];
}

function feedEvents(db: Kysely<Database>, q: PoliceFeedPeriod) {
  return db
    .selectFrom('incident')
    .innerJoin('police_feed_event as f', 'f.incident_id', 'incident.id')
    .where('incident.municipality_code', '=', q.municipalityCode)
    .where('incident.source', '=', POLICE_FEED_SOURCE)
    .where(
      q.sensitivities.length
        ? sql<boolean>`incident.category_key IN (SELECT c.key FROM category c WHERE c.sensitivity IN (${sql.join(q.sensitivities)}))`
        : sql<boolean>`false`,
    )
    .$if(!!q.from, (qb) => qb.where('incident.occurred_at', '>=', sql<Date>`(${q.from}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`))
    .$if(!!q.to, (qb) => qb.where('incident.occurred_at', '<', sql<Date>`(${q.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm'`));
}

export interface PoliceFeedListRow {
  id: string;
  external_id: string;
  occurred_at: Date;
  event_type: string;
  category_key: string;
  location_name: string;
  name: string | null;
  url: string | null;
  summary: string | null;
}

/** The events of the period, newest first (at most `limit`). */
export function listPoliceFeedEvents(db: Kysely<Database>, q: PoliceFeedPeriod, limit: number): Promise<PoliceFeedListRow[]> {
  return feedEvents(db, q)
    .select([
      sql<string>`incident.id::text`.as('id'),
      sql<string>`incident.external_id`.as('external_id'),
      'incident.occurred_at',
      'f.event_type',
      'incident.category_key',
      'f.location_name',
      'f.name',
      'f.url',
      'f.summary',
    ])
    .orderBy('incident.occurred_at', 'desc')
    .orderBy('incident.external_id', 'desc')
    .limit(limit)
    .execute();
}

/** Events of the period per feed type, most first. */
export function countPoliceFeedByType(db: Kysely<Database>, q: PoliceFeedPeriod): Promise<{ event_type: string; category_key: string; count: number }[]> {
  return feedEvents(db, q)
    .select(['f.event_type', 'incident.category_key', sql<number>`count(*)::int`.as('count')])
    .groupBy(['f.event_type', 'incident.category_key'])
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('f.event_type')
    .execute();
}

/** Events of the period per local day ('YYYY-MM-DD'); days without events are absent. */
export async function countPoliceFeedByDay(db: Kysely<Database>, q: PoliceFeedPeriod): Promise<{ day: string; count: number }[]> {
  return feedEvents(db, q)
    .select([localDate(sql.ref<Date>('incident.occurred_at')).as('day'), sql<number>`count(*)::int`.as('count')])
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
}
