// The frozen publication snapshots: write one (draft → cells → published, in one transaction, after
// which the database refuses any change) and read them back for the audit and for readers.
import { type Kysely, sql } from 'kysely';
import type { DisclosureDatabase } from './types';

export interface NewPublication {
  municipalityCode: string;
  audience: string;
  quarter: string;
  geography: 'district' | 'grid';
  gridCellSizeM: number | null;
  version: number;
  k: number;
  locationRoundingM: number;
  createdBy: string;
  changelog: string;
  audit: unknown;
}

export interface NewPublicationCell {
  cellKey: string;
  areaId: string | null;
  areaName: string;
  gridIx: number | null;
  gridIy: number | null;
  groupKey: string;
  count: number | null;
  suppressed: boolean;
  atLeast: boolean;
  parts: readonly string[];
}

export interface PublicationRow {
  id: string;
  municipality_code: string;
  audience: string;
  quarter: string;
  geography: string;
  grid_cell_size_m: number | null;
  version: number;
  k: number;
  location_rounding_m: number;
  created_at: Date;
  created_by: string;
  changelog: string;
  status: string;
}

export interface PublicationCellRow {
  publication_id: string;
  cell_key: string;
  area_id: string | null;
  area_name: string;
  grid_ix: number | null;
  grid_iy: number | null;
  group_key: string;
  count: number | null;
  suppressed: boolean;
  at_least: boolean;
  parts: string[];
}

const CHUNK = 1000;

/**
 * Takes the municipality's publication lock until the surrounding transaction ends: publications of one
 * municipality are made one at a time, so no two are audited without seeing each other.
 */
export async function lockPublications(trx: Kysely<DisclosureDatabase>, municipalityCode: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`lagesbild.publication.${municipalityCode}`}))`.execute(trx);
}

/**
 * Writes a publication and its cells and freezes it; returns its id. Runs in the caller's transaction
 * when given one, else in its own.
 */
export async function createPublication(db: Kysely<DisclosureDatabase>, pub: NewPublication, cells: readonly NewPublicationCell[]): Promise<string> {
  const write = async (trx: Kysely<DisclosureDatabase>) => {
    const { id } = await trx
      .insertInto('publication')
      .values({
        municipality_code: pub.municipalityCode,
        audience: pub.audience,
        quarter: pub.quarter,
        geography: pub.geography,
        grid_cell_size_m: pub.gridCellSizeM,
        version: pub.version,
        k: pub.k,
        location_rounding_m: pub.locationRoundingM,
        created_by: pub.createdBy,
        changelog: pub.changelog,
        audit: JSON.stringify(pub.audit),
        status: 'draft',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < cells.length; i += CHUNK) {
      await trx
        .insertInto('publication_cell')
        .values(
          cells.slice(i, i + CHUNK).map((c) => ({
            publication_id: id,
            cell_key: c.cellKey,
            area_id: c.areaId,
            area_name: c.areaName,
            grid_ix: c.gridIx,
            grid_iy: c.gridIy,
            group_key: c.groupKey,
            count: c.count,
            suppressed: c.suppressed,
            at_least: c.atLeast,
            parts: sql<string[]>`${sql.val([...c.parts])}::text[]`,
          })),
        )
        .execute();
    }
    await trx.updateTable('publication').set({ status: 'published' }).where('id', '=', id).execute();
    return id;
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

/** Every published publication of an audience in a municipality, oldest quarter and version first. */
export async function listPublications(
  db: Kysely<DisclosureDatabase>,
  o: { municipalityCode: string; audience: string; quarter?: string },
): Promise<PublicationRow[]> {
  return db
    .selectFrom('publication')
    .where('municipality_code', '=', o.municipalityCode)
    .where('audience', '=', o.audience)
    .where('status', '=', 'published')
    .$if(o.quarter !== undefined, (q) => q.where('quarter', '=', o.quarter!))
    .select(['id', 'municipality_code', 'audience', 'quarter', 'geography', 'grid_cell_size_m', 'version', 'k', 'location_rounding_m', 'created_at', 'created_by', 'changelog', 'status'])
    .orderBy('quarter')
    .orderBy('version')
    .execute();
}

/** The cells of the given publications. */
export async function listPublicationCells(db: Kysely<DisclosureDatabase>, publicationIds: readonly string[]): Promise<PublicationCellRow[]> {
  if (publicationIds.length === 0) return [];
  return db
    .selectFrom('publication_cell')
    .where('publication_id', 'in', publicationIds)
    .select(['publication_id', 'cell_key', 'area_id', 'area_name', 'grid_ix', 'grid_iy', 'group_key', 'count', 'suppressed', 'at_least', 'parts'])
    .orderBy('id')
    .execute();
}

/** Published and suppressed counts of geography cells (totals left out) per publication. */
export async function countPublicationCells(
  db: Kysely<DisclosureDatabase>,
  publicationIds: readonly string[],
): Promise<{ publication_id: string; published: number; suppressed: number }[]> {
  if (publicationIds.length === 0) return [];
  return db
    .selectFrom('publication_cell')
    .where('publication_id', 'in', publicationIds)
    .where('group_key', '<>', 'all')
    .where('cell_key', '<>', 'total')
    .groupBy('publication_id')
    .select([
      'publication_id',
      sql<number>`count(*) FILTER (WHERE NOT suppressed)::int`.as('published'),
      sql<number>`count(*) FILTER (WHERE suppressed)::int`.as('suppressed'),
    ])
    .execute();
}
