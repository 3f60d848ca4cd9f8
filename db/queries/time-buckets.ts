// Calendar buckets in Europe/Stockholm, computed in SQL on both databases (PGlite's session zone is
// UTC, a server's may be anything): never bucket in UTC or in the browser's zone.
import { type Expression, type RawBuilder, sql } from 'kysely';

const local = (ts: Expression<Date>) => sql`(${ts} AT TIME ZONE 'Europe/Stockholm')`;

/** 'YYYY-MM' of the local month. */
export function localMonth(ts: Expression<Date>): RawBuilder<string> {
  return sql<string>`to_char(${local(ts)}, 'YYYY-MM')`;
}

/** 'YYYY-Qn' of the local calendar quarter. */
export function localQuarter(ts: Expression<Date>): RawBuilder<string> {
  return sql<string>`to_char(${local(ts)}, 'YYYY-"Q"Q')`;
}

/** Local hour of day, 0–23. */
export function localHour(ts: Expression<Date>): RawBuilder<number> {
  return sql<number>`extract(hour FROM ${local(ts)})::int`;
}

/** ISO weekday, 1 = Monday … 7 = Sunday, in local time. */
export function localWeekday(ts: Expression<Date>): RawBuilder<number> {
  return sql<number>`extract(isodow FROM ${local(ts)})::int`;
}

/** Local calendar date 'YYYY-MM-DD'. */
export function localDate(ts: Expression<Date>): RawBuilder<string> {
  return sql<string>`to_char(${local(ts)}, 'YYYY-MM-DD')`;
}
