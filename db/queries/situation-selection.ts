// The records inside a lasso polygon under the map's filters, for the selection list and its export.
// The polygon and the viewer's exact access are both applied in SQL (filteredIncidents & co. with
// `within`): a record the viewer may not see never leaves the database, not even as a count.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema';
import { filteredIncidents, type SituationIncidentQuery } from './situation-incidents';
import { filteredUnsafePlaces, filteredVandalism, type SituationPlaceQuery } from './situation-places';

const isoUtc = (col: string) => sql<string>`to_char(${sql.ref(col)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const isoUtcOrNull = (col: string) => sql<string | null>`CASE WHEN ${sql.ref(col)} IS NULL THEN NULL ELSE ${isoUtc(col)} END`;

export interface SelectedIncidentRow {
  id: string;
  lon: number;
  lat: number;
  category_key: string;
  occurred_at: string;
  occurred_to: string | null;
  source: string;
  visibility: string;
  organisation: string | null;
  description: string | null;
}

/** The selected incidents, oldest first, at most `limit`. */
export async function listSelectedIncidents(db: Kysely<Database>, q: SituationIncidentQuery, limit: number): Promise<SelectedIncidentRow[]> {
  if (!q.categoryKeys.length || !q.within) return [];
  const rows = await filteredIncidents(db, q)
    .leftJoin('organisation', 'organisation.id', 'incident.origin_org_id')
    .select([
      'incident.id',
      sql<number>`ST_X(incident.geom)::float8`.as('lon'),
      sql<number>`ST_Y(incident.geom)::float8`.as('lat'),
      'incident.category_key',
      isoUtc('incident.occurred_at').as('occurred_at'),
      isoUtcOrNull('incident.occurred_to').as('occurred_to'),
      'incident.source',
      'incident.visibility',
      'organisation.name as organisation',
      'incident.description',
    ])
    .orderBy('incident.occurred_at')
    .orderBy('incident.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, lon: Number(r.lon), lat: Number(r.lat) }));
}

/** Selected incidents per category (exact, whatever the list limit). */
export async function countSelectedIncidentsByCategory(db: Kysely<Database>, q: SituationIncidentQuery): Promise<{ key: string; count: number }[]> {
  if (!q.categoryKeys.length || !q.within) return [];
  const rows = await filteredIncidents(db, q)
    .select(['incident.category_key as key', sql<number>`count(*)::int`.as('count')])
    .groupBy('incident.category_key')
    .orderBy('incident.category_key')
    .execute();
  return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
}

export interface SelectedUnsafePlaceRow {
  id: string;
  lon: number;
  lat: number;
  title: string;
  status: string;
  reasons: string[];
  reported_at: string;
  source: string;
  visibility: string;
  organisation: string | null;
  proposed_measure: string | null;
  description: string | null;
}

export async function listSelectedUnsafePlaces(db: Kysely<Database>, q: SituationPlaceQuery, limit: number): Promise<SelectedUnsafePlaceRow[]> {
  if (!q.within || (q.statuses && q.statuses.length === 0)) return [];
  const rows = await filteredUnsafePlaces(db, q)
    .leftJoin('organisation', 'organisation.id', 'unsafe_place.origin_org_id')
    .select([
      'unsafe_place.id',
      sql<number>`ST_X(ST_PointOnSurface(unsafe_place.geom))::float8`.as('lon'),
      sql<number>`ST_Y(ST_PointOnSurface(unsafe_place.geom))::float8`.as('lat'),
      'unsafe_place.title',
      'unsafe_place.status',
      'unsafe_place.reasons',
      isoUtc('unsafe_place.reported_at').as('reported_at'),
      'unsafe_place.source',
      'unsafe_place.visibility',
      'organisation.name as organisation',
      'unsafe_place.proposed_measure',
      'unsafe_place.description',
    ])
    .orderBy('unsafe_place.reported_at')
    .orderBy('unsafe_place.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, lon: Number(r.lon), lat: Number(r.lat), reasons: r.reasons ?? [] }));
}

export interface SelectedVandalismRow {
  id: string;
  lon: number;
  lat: number;
  kind: string;
  status: string;
  offensive: boolean;
  reported_at: string;
  remediated_at: string | null;
  cost_sek: number | null;
  visibility: string;
  organisation: string | null;
  description: string | null;
}

export async function listSelectedVandalism(db: Kysely<Database>, q: SituationPlaceQuery, limit: number): Promise<SelectedVandalismRow[]> {
  if (!q.within || (q.statuses && q.statuses.length === 0)) return [];
  const rows = await filteredVandalism(db, q)
    .leftJoin('organisation', 'organisation.id', 'vandalism_report.origin_org_id')
    .select([
      'vandalism_report.id',
      sql<number>`ST_X(ST_PointOnSurface(vandalism_report.geom))::float8`.as('lon'),
      sql<number>`ST_Y(ST_PointOnSurface(vandalism_report.geom))::float8`.as('lat'),
      'vandalism_report.kind',
      'vandalism_report.status',
      'vandalism_report.offensive',
      isoUtc('vandalism_report.reported_at').as('reported_at'),
      isoUtcOrNull('vandalism_report.remediated_at').as('remediated_at'),
      'vandalism_report.cost_sek',
      'vandalism_report.visibility',
      'organisation.name as organisation',
      'vandalism_report.description',
    ])
    .orderBy('vandalism_report.reported_at')
    .orderBy('vandalism_report.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, lon: Number(r.lon), lat: Number(r.lat), offensive: Boolean(r.offensive), cost_sek: r.cost_sek === null ? null : Number(r.cost_sek) }));
}

/** Exact count of the selected unsafe places (whatever the list limit). */
export async function countSelectedUnsafePlaces(db: Kysely<Database>, q: SituationPlaceQuery): Promise<number> {
  if (!q.within || (q.statuses && q.statuses.length === 0)) return 0;
  const row = await filteredUnsafePlaces(db, q).select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Exact count of the selected vandalism reports. */
export async function countSelectedVandalism(db: Kysely<Database>, q: SituationPlaceQuery): Promise<number> {
  if (!q.within || (q.statuses && q.statuses.length === 0)) return 0;
  const row = await filteredVandalism(db, q).select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}
