// Cleanup of graffiti and damage per responsible organisation and Stockholm quarter of the report:
// how many, median hours from report to cleaned, and how many were cleaned within their target
// (offensive graffiti, other graffiti, damage: hours from settings).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../schema';
import { localQuarter } from '../time-buckets';

export interface CleanupRow {
  organisation_id: string | null;
  organisation: string | null;
  quarter: string;
  reports: number;
  cleaned: number;
  /** Median hours from report to cleaned over the cleaned ones; null when none is. */
  median_hours: number | null;
  /** Cleaned within the target. */
  within_target: number;
  /** Reports whose target has passed at `now` or that are cleaned: the share's denominator. */
  due: number;
}

export async function listCleanupPerformance(
  db: Kysely<Database>,
  o: { municipalityCode: string; start: Date; end: Date; now: Date; targets: { offensiveGraffitiHours: number; graffitiHours: number; damageHours: number } },
): Promise<CleanupRow[]> {
  const { rows } = await sql<CleanupRow>`
    WITH r AS (
      SELECT v.responsible_org_id, v.reported_at, v.remediated_at,
        CASE WHEN v.kind = 'graffiti' AND v.offensive THEN ${o.targets.offensiveGraffitiHours}::float8
             WHEN v.kind = 'graffiti' THEN ${o.targets.graffitiHours}::float8
             ELSE ${o.targets.damageHours}::float8 END AS target_hours,
        extract(epoch FROM (v.remediated_at - v.reported_at)) / 3600.0 AS hours
      FROM vandalism_report v
      WHERE v.municipality_code = ${o.municipalityCode} AND v.reported_at >= ${o.start} AND v.reported_at < ${o.end}
    )
    SELECT r.responsible_org_id::text AS organisation_id, org.name AS organisation, ${localQuarter(sql.ref('r.reported_at'))} AS quarter,
      count(*)::int AS reports,
      count(r.remediated_at)::int AS cleaned,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY r.hours) FILTER (WHERE r.remediated_at IS NOT NULL))::float8 AS median_hours,
      count(*) FILTER (WHERE r.hours <= r.target_hours)::int AS within_target,
      count(*) FILTER (WHERE r.remediated_at IS NOT NULL OR r.reported_at + r.target_hours * interval '1 hour' <= ${o.now})::int AS due
    FROM r LEFT JOIN organisation org ON org.id = r.responsible_org_id
    GROUP BY 1, 2, 3
    ORDER BY 2 NULLS LAST, 3`.execute(db);
  return rows;
}
