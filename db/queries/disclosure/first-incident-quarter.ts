// The Stockholm quarter of a municipality's earliest incident: where "every closed quarter" starts.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../schema';
import { localQuarter } from '../time-buckets';

/** 'YYYY-Qn' of the earliest incident, or null when there is none. */
export async function getFirstIncidentQuarter(db: Kysely<Database>, municipalityCode: string): Promise<string | null> {
  const row = await db
    .selectFrom('incident')
    .where('municipality_code', '=', municipalityCode)
    // The police feed's context rows are no incidents of the municipality's own record (DESIGN §9).
    .where('source', '<>', 'police_feed')
    .select(sql<Date | null>`min(occurred_at)`.as('first'))
    .executeTakeFirst();
  if (!row?.first) return null;
  const { rows } = await sql<{ q: string }>`SELECT ${localQuarter(sql`${row.first}::timestamptz`)} AS q`.execute(db);
  return rows[0].q;
}
