// Kysely's view of the publication tables (db/migrations/20261125T1200-publication.ts), kept beside
// their queries: use Kysely<DisclosureDatabase>.
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from '../../schema';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface PublicationTable {
  id: Generated<string>;
  municipality_code: string;
  audience: string;
  quarter: string;
  geography: string;
  grid_cell_size_m: number | null;
  version: number;
  k: number;
  location_rounding_m: number;
  created_at: DefaultTimestamp;
  created_by: string;
  changelog: string;
  /** jsonb: the audit result (written as JSON text) */
  audit: ColumnType<unknown, string, string>;
  status: ColumnType<string, string | undefined, string>;
}

export interface PublicationCellTable {
  id: Generated<number>;
  publication_id: string;
  cell_key: string;
  area_id: string | null;
  area_name: string;
  grid_ix: number | null;
  grid_iy: number | null;
  group_key: string;
  count: number | null;
  suppressed: boolean;
  at_least: ColumnType<boolean, boolean | undefined, boolean>;
  parts: string[];
}

export interface PublicationTables {
  publication: PublicationTable;
  publication_cell: PublicationCellTable;
}

export type DisclosureDatabase = Database & PublicationTables;

/** The same handle, typed with the publication tables (they exist once migrations have run). */
export function withPublicationTables(db: Kysely<Database>): Kysely<DisclosureDatabase> {
  return db as unknown as Kysely<DisclosureDatabase>;
}
