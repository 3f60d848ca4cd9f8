import 'server-only';
// Record-level access in SQL: every query that returns single records (or counts over them for a
// partner) adds whereExactAccess(viewer). Never fetch-then-filter: a row the viewer may not see never
// leaves the database, and a count computed over these rows cannot reveal one either.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '@/db/schema';
import { exactAccessRules } from './permission-table';
import type { Viewer } from './viewer';

export interface ExactAccessOptions {
  /** Alias (or table name) of the records in the query; default 'incident'. */
  table?: string;
  /**
   * Column holding the category key, whose category carries the sensitivity. null for tables without
   * categories (unsafe_place, vandalism_report): their records count as `normal`.
   */
  categoryColumn?: string | null;
}

/** The SQL predicate: this viewer may see the record exactly (tenant, visibility, organisation, sensitivity). */
export function whereExactAccess(viewer: Viewer, options: ExactAccessOptions = {}): RawBuilder<boolean> {
  const table = options.table ?? 'incident';
  const categoryColumn = options.categoryColumn === undefined ? 'category_key' : options.categoryColumn;
  const col = (name: string) => sql.ref(`${table}.${name}`);
  const rules = exactAccessRules(viewer.held, { meetingMode: viewer.meetingMode });
  if (rules.length === 0) return sql<boolean>`false`;
  const clauses = rules.map((rule) => {
    const parts = [sql`${col('visibility')} IN (${sql.join(rule.visibilities)})`];
    if (rule.organisationId) parts.push(sql`${col('origin_org_id')} = ${rule.organisationId}::uuid`);
    if (categoryColumn) {
      parts.push(sql`${col(categoryColumn)} IN (SELECT c.key FROM category c WHERE c.sensitivity IN (${sql.join(rule.sensitivities)}))`);
    } else if (!rule.sensitivities.includes('normal')) {
      parts.push(sql`false`);
    }
    return sql`(${sql.join(parts, sql` AND `)})`;
  });
  // Incidents from the police events feed sit on municipality centroids (DESIGN §9): context, never a
  // location. No one sees them as exact records, so no point, count, selection, export, analysis or
  // duplicate check that starts from exact access can include them; lib/server/police-feed lists them.
  const notFeed = categoryColumn ? sql` AND ${col('source')} <> 'police_feed'` : sql``;
  return sql<boolean>`(${col('municipality_code')} = ${viewer.municipalityCode}${notFeed} AND (${sql.join(clauses, sql` OR `)}))`;
}

/** Incidents this viewer may see exactly, as a query to narrow further (filters, bbox, columns). */
export function visibleIncidents(db: Kysely<Database>, viewer: Viewer) {
  return db.selectFrom('incident').where(whereExactAccess(viewer));
}

/** Category sensitivities of which this viewer may see at least some records exactly (for legends). */
export function visibleSensitivities(viewer: Viewer): string[] {
  return [...new Set(exactAccessRules(viewer.held, { meetingMode: viewer.meetingMode }).flatMap((r) => r.sensitivities))];
}
