// Kysely's view of the citizen-report columns and tables of db/migrations/20261126T1600-citizen-report-moderation.ts,
// kept beside their queries (db/schema.ts describes the initial schema): widen a handle with `withCitizenReportTables`.
import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { CitizenReportTable, Database } from '@/db/schema';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ModeratedCitizenReportTable extends CitizenReportTable {
  public_pin: ColumnType<boolean, boolean | undefined, boolean>;
  moderated_by: string | null;
  moderated_at: NullableTimestamp;
  contact_purged_at: NullableTimestamp;
}

export interface CitizenReportPhotoTable {
  report_id: string;
  municipality_code: string;
  content_type: string;
  width: number;
  height: number;
  bytes: Uint8Array;
  created_at: DefaultTimestamp;
}

export interface CitizenReportRateTable {
  key: string;
  window_start: ColumnType<Date, Date | string, Date | string>;
  count: number;
}

export interface CitizenReportDatabase extends Omit<Database, 'citizen_report'> {
  citizen_report: ModeratedCitizenReportTable;
  citizen_report_photo: CitizenReportPhotoTable;
  citizen_report_rate: CitizenReportRateTable;
}

export function withCitizenReportTables(db: Kysely<Database> | Transaction<Database>): Kysely<CitizenReportDatabase> {
  return db as unknown as Kysely<CitizenReportDatabase>;
}
