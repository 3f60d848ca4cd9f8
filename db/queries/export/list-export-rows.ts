// The columns an export writes, selected from a query that has already narrowed the records (the map's
// filters, or a selection of ids) and applied the viewer's exact access. Dates as ISO-8601 UTC,
// coordinates as WGS84 doubles: an export imports back to the same records.
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../../schema';
import { toIso, toIsoOrNull } from '../entities/reshape';
import { filteredIncidents, type SituationIncidentQuery } from '../situation-incidents';

export interface IncidentExportRow {
  id: string;
  external_id: string | null;
  category: string;
  occurred_at: string;
  occurred_to: string | null;
  lat: number;
  lon: number;
  source: string;
  visibility: string;
  description: string | null;
  origin_organisation: string | null;
}

export interface UnsafePlaceExportRow {
  id: string;
  external_id: string | null;
  title: string;
  lat: number;
  lon: number;
  reasons: string;
  proposed_measure: string | null;
  status: string;
  source: string;
  reported_at: string;
  fixed_at: string | null;
  visibility: string;
  description: string | null;
  public_summary: string | null;
  origin_organisation: string | null;
}

export interface VandalismExportRow {
  id: string;
  external_id: string | null;
  kind: string;
  offensive: boolean;
  lat: number;
  lon: number;
  status: string;
  reported_at: string;
  assigned_at: string | null;
  responsible_org: string | null;
  remediated_at: string | null;
  cost_sek: number | null;
  visibility: string;
  description: string | null;
  public_summary: string | null;
  origin_organisation: string | null;
}

/** Which records: the map's filter query, or ids (a lasso selection), always with the access predicate. */
export type ExportSelection =
  | { by: 'filters'; query: SituationIncidentQuery }
  | { by: 'ids'; municipalityCode: string; ids: readonly string[]; access: Expression<SqlBool> };

const orgName = (table: string, column = 'origin_org_id') =>
  sql<string | null>`(SELECT o.name FROM organisation o WHERE o.id = ${sql.ref(`${table}.${column}`)})`;

/** Incidents of the selection, oldest first. */
export async function listIncidentExportRows(db: Kysely<Database>, selection: ExportSelection): Promise<IncidentExportRow[]> {
  const base =
    selection.by === 'filters'
      ? filteredIncidents(db, selection.query)
      : db
          .selectFrom('incident')
          .where('incident.municipality_code', '=', selection.municipalityCode)
          .where(selection.access)
          .where(selection.ids.length ? sql<boolean>`incident.id IN (${sql.join(selection.ids.map((id) => sql`${id}::uuid`))})` : sql<boolean>`false`);
  const rows = await base
    .select([
      sql<string>`incident.id::text`.as('id'),
      'incident.external_id',
      'incident.category_key',
      'incident.occurred_at',
      'incident.occurred_to',
      sql<number>`ST_Y(incident.geom)::float8`.as('lat'),
      sql<number>`ST_X(incident.geom)::float8`.as('lon'),
      'incident.source',
      'incident.visibility',
      'incident.description',
      orgName('incident').as('origin_organisation'),
    ])
    .orderBy('incident.occurred_at')
    .orderBy('incident.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    external_id: r.external_id,
    category: r.category_key,
    occurred_at: toIso(r.occurred_at),
    occurred_to: toIsoOrNull(r.occurred_to),
    lat: Number(r.lat),
    lon: Number(r.lon),
    source: r.source,
    visibility: r.visibility,
    description: r.description,
    origin_organisation: r.origin_organisation,
  }));
}

/** Unsafe places by id (the place layer's filters are applied by the caller's id list or here by area/status). */
export async function listUnsafePlaceExportRows(db: Kysely<Database>, municipalityCode: string, access: Expression<SqlBool>, ids: readonly string[] | null): Promise<UnsafePlaceExportRow[]> {
  const rows = await db
    .selectFrom('unsafe_place')
    .where('unsafe_place.municipality_code', '=', municipalityCode)
    .where(access)
    .$if(ids !== null, (qb) => qb.where(ids!.length ? sql<boolean>`unsafe_place.id IN (${sql.join(ids!.map((id) => sql`${id}::uuid`))})` : sql<boolean>`false`))
    .select([
      sql<string>`unsafe_place.id::text`.as('id'),
      'unsafe_place.external_id',
      'unsafe_place.title',
      sql<number>`ST_Y(unsafe_place.geom)::float8`.as('lat'),
      sql<number>`ST_X(unsafe_place.geom)::float8`.as('lon'),
      'unsafe_place.reasons',
      'unsafe_place.proposed_measure',
      'unsafe_place.status',
      'unsafe_place.source',
      'unsafe_place.reported_at',
      'unsafe_place.fixed_at',
      'unsafe_place.visibility',
      'unsafe_place.description',
      'unsafe_place.public_summary',
      orgName('unsafe_place').as('origin_organisation'),
    ])
    .orderBy('unsafe_place.reported_at')
    .orderBy('unsafe_place.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    lat: Number(r.lat),
    lon: Number(r.lon),
    reasons: (r.reasons ?? []).join('|'),
    reported_at: toIso(r.reported_at),
    fixed_at: toIsoOrNull(r.fixed_at),
  }));
}

export async function listVandalismExportRows(db: Kysely<Database>, municipalityCode: string, access: Expression<SqlBool>, ids: readonly string[] | null): Promise<VandalismExportRow[]> {
  const rows = await db
    .selectFrom('vandalism_report')
    .where('vandalism_report.municipality_code', '=', municipalityCode)
    .where(access)
    .$if(ids !== null, (qb) => qb.where(ids!.length ? sql<boolean>`vandalism_report.id IN (${sql.join(ids!.map((id) => sql`${id}::uuid`))})` : sql<boolean>`false`))
    .select([
      sql<string>`vandalism_report.id::text`.as('id'),
      'vandalism_report.external_id',
      'vandalism_report.kind',
      'vandalism_report.offensive',
      sql<number>`ST_Y(vandalism_report.geom)::float8`.as('lat'),
      sql<number>`ST_X(vandalism_report.geom)::float8`.as('lon'),
      'vandalism_report.status',
      'vandalism_report.reported_at',
      'vandalism_report.assigned_at',
      orgName('vandalism_report', 'responsible_org_id').as('responsible_org'),
      'vandalism_report.remediated_at',
      sql<number | null>`vandalism_report.cost_sek::float8`.as('cost_sek'),
      'vandalism_report.visibility',
      'vandalism_report.description',
      'vandalism_report.public_summary',
      orgName('vandalism_report').as('origin_organisation'),
    ])
    .orderBy('vandalism_report.reported_at')
    .orderBy('vandalism_report.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    offensive: Boolean(r.offensive),
    lat: Number(r.lat),
    lon: Number(r.lon),
    cost_sek: r.cost_sek === null ? null : Number(r.cost_sek),
    reported_at: toIso(r.reported_at),
    assigned_at: toIsoOrNull(r.assigned_at),
    remediated_at: toIsoOrNull(r.remediated_at),
  }));
}
