// Which activities a query may return, as SQL: all of the municipality (EST group, council) or only
// those an organisation owns or partners in (a partner organisation's users).
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '@/db/schema';

export type ActivityScope = { kind: 'all' } | { kind: 'organisations'; organisationIds: readonly string[] };

/** A WHERE expression on `activity` for the scope; no organisation means no row. */
export function whereActivityInScope(scope: ActivityScope) {
  return (eb: ExpressionBuilder<Database, 'activity'>): Expression<SqlBool> => {
    if (scope.kind === 'all') return sql<boolean>`true`;
    const ids = scope.organisationIds;
    if (ids.length === 0) return sql<boolean>`false`;
    return eb.or([
      eb('activity.owner_org_id', 'in', ids),
      eb.exists(eb.selectFrom('activity_partner as ap').select('ap.activity_id').whereRef('ap.activity_id', '=', 'activity.id').where('ap.organisation_id', 'in', ids)),
    ]);
  };
}
