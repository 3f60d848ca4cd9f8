import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema';

export const COUNTED_TABLES = [
  'municipality',
  'organisation',
  'area',
  'incident',
  'unsafe_place',
  'vandalism_report',
  'safety_walk',
  'citizen_report',
  'audit_event',
] as const;

/** Row counts of the main tables in one statement (cast in SQL: pg returns int8 as text). */
export async function countRows(db: Kysely<Database>): Promise<Record<(typeof COUNTED_TABLES)[number], number>> {
  const select = COUNTED_TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ');
  const { rows } = await sql<Record<(typeof COUNTED_TABLES)[number], number>>`${sql.raw(`SELECT ${select}`)}`.execute(db);
  return rows[0];
}
